/** Buckets: ListBuckets, CreateBucket (global names, LocationConstraint rules), HeadBucket, DeleteBucket, GetBucketLocation. */
import type * as S3 from '@aws-sdk/client-s3';
import { RestError } from '../../protocols/rest-xml';
import type { RequestContext } from '../types';
import { bucketFor } from './bucket-access';
import { bucketAlreadyExists, bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName, notFound } from './errors';
import type { S3Model } from './model';

const BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The canonical owner id S3 shows for an account (a stable hex string). */
export const ownerOf = (account: string) => ({
  ID: Buffer.from(`localaws-${account}`).toString('hex').padEnd(64, '0').slice(0, 64),
});

export function listBuckets(model: S3Model, input: S3.ListBucketsRequest, ctx: RequestContext): S3.ListBucketsOutput {
  const buckets = model
    .bucketsOf(ctx.account)
    .filter((b) => !input.Prefix || b.name.startsWith(input.Prefix))
    .filter((b) => !input.BucketRegion || b.region === input.BucketRegion);
  return {
    Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region })),
    Owner: ownerOf(ctx.account),
    Prefix: input.Prefix,
  };
}

function regionOf(input: S3.CreateBucketRequest, ctx: RequestContext): string {
  const constraint = input.CreateBucketConfiguration?.LocationConstraint as string | undefined;
  if (constraint === 'us-east-1')
    throw new RestError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  const region = constraint ?? 'us-east-1';
  // A regional endpoint only creates buckets in its own region.
  if (region !== ctx.region) {
    const named = constraint ? `The ${constraint} location constraint` : 'The unspecified location constraint';
    throw new RestError(
      'IllegalLocationConstraintException',
      `${named} is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  return region;
}

export function createBucket(model: S3Model, input: S3.CreateBucketRequest, ctx: RequestContext): S3.CreateBucketOutput {
  const name = input.Bucket ?? '';
  if (!BUCKET_NAME.test(name) || name.includes('..')) throw invalidBucketName(name);
  const region = regionOf(input, ctx);
  const existing = model.buckets.get(name);
  if (existing && existing.account !== ctx.account) throw bucketAlreadyExists(name);
  // us-east-1 keeps its legacy answer: re-creating your own bucket there succeeds.
  if (existing && existing.region === 'us-east-1' && region === 'us-east-1') return { Location: `/${name}` };
  if (existing) throw bucketAlreadyOwnedByYou(name);
  model.buckets.set(name, {
    name,
    account: ctx.account,
    region,
    createdAt: ctx.clock.now(),
    encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
    objects: new Map(),
  });
  return { Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/` };
}

export function headBucket(model: S3Model, input: S3.HeadBucketRequest, ctx: RequestContext): S3.HeadBucketOutput {
  const bucket = model.buckets.get(input.Bucket ?? '');
  if (!bucket) throw notFound();
  if (bucket.account !== ctx.account) throw new RestError('Forbidden', 'Forbidden', 403);
  return { BucketRegion: bucket.region, AccessPointAlias: false };
}

export function deleteBucket(model: S3Model, input: S3.DeleteBucketRequest, ctx: RequestContext): void {
  const bucket = bucketFor(model, input.Bucket, ctx);
  if (bucket.objects.size > 0) throw bucketNotEmpty(bucket.name);
  model.buckets.delete(bucket.name);
}

export function getBucketLocation(
  model: S3Model,
  input: S3.GetBucketLocationRequest,
  ctx: RequestContext,
): S3.GetBucketLocationOutput {
  const bucket = bucketFor(model, input.Bucket, ctx);
  // us-east-1 buckets answer an empty LocationConstraint.
  return bucket.region === 'us-east-1' ? {} : { LocationConstraint: bucket.region as S3.BucketLocationConstraint };
}
