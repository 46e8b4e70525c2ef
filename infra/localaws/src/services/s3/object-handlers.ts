/** Objects: PutObject, GetObject, HeadObject, DeleteObject, ListObjectsV2 (latest versions only). */
import type * as S3 from '@aws-sdk/client-s3';
import { RestError } from '../../protocols/rest-xml';
import type { RequestContext } from '../types';
import { bucketFor } from './bucket-access';
import { noSuchKey, notFound } from './errors';
import type { S3Model, S3Object } from './model';

function objectHeaders(object: S3Object): S3.HeadObjectOutput {
  return {
    ContentLength: object.body.length,
    ContentType: object.contentType,
    ETag: object.etag,
    LastModified: object.lastModified,
    Metadata: object.metadata,
    ServerSideEncryption: 'AES256',
    AcceptRanges: 'bytes',
    ...(object.versionId ? { VersionId: object.versionId } : {}),
  };
}

export function putObject(
  model: S3Model,
  input: S3.PutObjectRequest & { Body?: Buffer },
  ctx: RequestContext,
): S3.PutObjectOutput {
  const bucket = bucketFor(model, input.Bucket, ctx);
  const object = model.putObject(bucket, input.Key ?? '', input.Body ?? Buffer.alloc(0), input.ContentType, input.Metadata);
  return { ETag: object.etag, ServerSideEncryption: 'AES256', ...(object.versionId ? { VersionId: object.versionId } : {}) };
}

export function getObject(
  model: S3Model,
  input: S3.GetObjectRequest,
  ctx: RequestContext,
): S3.HeadObjectOutput & { Body: Buffer } {
  const object = bucketFor(model, input.Bucket, ctx).objects.get(input.Key ?? '');
  if (!object) throw noSuchKey(input.Key ?? '');
  return { ...objectHeaders(object), Body: object.body };
}

export function headObject(model: S3Model, input: S3.HeadObjectRequest, ctx: RequestContext): S3.HeadObjectOutput {
  const bucket = model.buckets.get(input.Bucket ?? '');
  // HEAD errors have no body, so a missing bucket and a missing key both read as 404 NotFound.
  const object = bucket?.account === ctx.account ? bucket.objects.get(input.Key ?? '') : undefined;
  if (!object) throw notFound();
  return objectHeaders(object);
}

export function deleteObject(model: S3Model, input: S3.DeleteObjectRequest, ctx: RequestContext): S3.DeleteObjectOutput {
  // Deleting a key that does not exist succeeds, as in S3.
  bucketFor(model, input.Bucket, ctx).objects.delete(input.Key ?? '');
  return {};
}

export function listObjectsV2(model: S3Model, input: S3.ListObjectsV2Request, ctx: RequestContext): S3.ListObjectsV2Output {
  const bucket = bucketFor(model, input.Bucket, ctx);
  const maxKeys = input.MaxKeys ?? 1000;
  if (maxKeys < 0) throw new RestError('InvalidArgument', 'maxKeys should be non-negative', 400);
  const prefix = input.Prefix ?? '';
  const after = input.ContinuationToken
    ? Buffer.from(input.ContinuationToken, 'base64').toString('utf8')
    : (input.StartAfter ?? '');
  const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
  const contents: S3Object[] = [];
  const prefixes = new Set<string>();
  let last = '';
  let truncated = false;
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    const cut = input.Delimiter ? rest.indexOf(input.Delimiter) : -1;
    const common = cut >= 0 ? prefix + rest.slice(0, cut + (input.Delimiter ?? '').length) : undefined;
    if (common && prefixes.has(common)) continue;
    if (contents.length + prefixes.size >= maxKeys) {
      truncated = true;
      break;
    }
    if (common) prefixes.add(common);
    else contents.push(bucket.objects.get(key)!);
    last = common ?? key;
  }
  return {
    Name: bucket.name,
    Prefix: input.Prefix,
    Delimiter: input.Delimiter,
    MaxKeys: maxKeys,
    KeyCount: contents.length + prefixes.size,
    IsTruncated: truncated,
    ContinuationToken: input.ContinuationToken,
    StartAfter: input.StartAfter,
    ...(truncated ? { NextContinuationToken: Buffer.from(last).toString('base64') } : {}),
    Contents:
      contents.length > 0
        ? contents.map((o) => ({
            Key: o.key,
            LastModified: o.lastModified,
            ETag: o.etag,
            Size: o.body.length,
            StorageClass: 'STANDARD',
          }))
        : undefined,
    CommonPrefixes: prefixes.size > 0 ? [...prefixes].map((p) => ({ Prefix: p })) : undefined,
  };
}
