/** Bucket configuration: versioning, default encryption (SSE-S3 unless set), tagging. */
import type * as S3 from '@aws-sdk/client-s3';
import { RestError } from '../../protocols/rest-xml';
import type { RequestContext } from '../types';
import { bucketFor } from './bucket-access';
import { malformedXml } from './errors';
import type { S3Model } from './model';

export function getBucketVersioning(
  model: S3Model,
  input: S3.GetBucketVersioningRequest,
  ctx: RequestContext,
): S3.GetBucketVersioningOutput {
  const bucket = bucketFor(model, input.Bucket, ctx);
  // A bucket that was never versioned has no Status at all (not "Disabled").
  return bucket.versioning ? { Status: bucket.versioning, MFADelete: 'Disabled' } : {};
}

export function putBucketVersioning(model: S3Model, input: S3.PutBucketVersioningRequest, ctx: RequestContext): void {
  const bucket = bucketFor(model, input.Bucket, ctx);
  const status = input.VersioningConfiguration?.Status;
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  bucket.versioning = status;
}

export function getBucketEncryption(
  model: S3Model,
  input: S3.GetBucketEncryptionRequest,
  ctx: RequestContext,
): S3.GetBucketEncryptionOutput {
  const { encryption } = bucketFor(model, input.Bucket, ctx);
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: encryption.algorithm as S3.ServerSideEncryption,
            KMSMasterKeyID: encryption.kmsKeyId,
          },
          BucketKeyEnabled: encryption.bucketKeyEnabled ?? false,
        },
      ],
    },
  };
}

export function putBucketEncryption(model: S3Model, input: S3.PutBucketEncryptionRequest, ctx: RequestContext): void {
  const bucket = bucketFor(model, input.Bucket, ctx);
  const rule = input.ServerSideEncryptionConfiguration?.Rules?.[0];
  const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
  if (!algorithm || !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm)) throw malformedXml();
  bucket.encryption = {
    algorithm,
    kmsKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
    bucketKeyEnabled: rule.BucketKeyEnabled ?? false,
  };
}

export function deleteBucketEncryption(model: S3Model, input: S3.DeleteBucketEncryptionRequest, ctx: RequestContext): void {
  // Since 2023 "no encryption" is not a state a bucket can be in: deleting restores SSE-S3.
  bucketFor(model, input.Bucket, ctx).encryption = { algorithm: 'AES256', bucketKeyEnabled: false };
}

export function getBucketTagging(
  model: S3Model,
  input: S3.GetBucketTaggingRequest,
  ctx: RequestContext,
): S3.GetBucketTaggingOutput {
  const bucket = bucketFor(model, input.Bucket, ctx);
  if (!bucket.tags || bucket.tags.size === 0)
    throw new RestError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket.name });
  return { TagSet: [...bucket.tags].map(([Key, Value]) => ({ Key, Value })) };
}

export function putBucketTagging(model: S3Model, input: S3.PutBucketTaggingRequest, ctx: RequestContext): void {
  const bucket = bucketFor(model, input.Bucket, ctx);
  const tags = input.Tagging?.TagSet ?? [];
  if (new Set(tags.map((t) => t.Key)).size !== tags.length)
    throw new RestError('InvalidTag', 'Cannot provide multiple Tags with the same key', 400);
  bucket.tags = new Map(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
}

export function deleteBucketTagging(model: S3Model, input: S3.DeleteBucketTaggingRequest, ctx: RequestContext): void {
  bucketFor(model, input.Bucket, ctx).tags = undefined;
}
