/** Finding a bucket the caller may use: absent → NoSuchBucket, another account's → AccessDenied (no bucket policies). */
import type { RequestContext } from '../types';
import { accessDenied, noSuchBucket } from './errors';
import type { Bucket, S3Model } from './model';

export function bucketFor(model: S3Model, name: string | undefined, ctx: RequestContext): Bucket {
  const bucket = model.buckets.get(name ?? '');
  if (!bucket) throw noSuchBucket(name ?? '');
  if (bucket.account !== ctx.account) throw accessDenied();
  return bucket;
}
