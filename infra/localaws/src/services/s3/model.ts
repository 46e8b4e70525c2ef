/**
 * S3 buckets and objects. Bucket names are global across accounts and regions (as in AWS), so buckets live
 * in one map; each remembers its owner account and region.
 */
import { createHash } from 'node:crypto';
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';
import { entityTooLarge } from './errors';

export interface S3Object {
  key: string;
  body: Buffer;
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  versionId?: string;
}

export interface ServerSideEncryptionRule {
  algorithm: string;
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface Bucket {
  name: string;
  account: string;
  region: string;
  createdAt: Date;
  versioning?: 'Enabled' | 'Suspended';
  /** AWS has applied SSE-S3 (AES256) to every bucket by default since January 2023. */
  encryption: ServerSideEncryptionRule;
  tags?: Map<string, string>;
  objects: Map<string, S3Object>;
}

/**
 * The largest object localaws keeps. AWS takes up to 5 GB in one PUT (5 TB by multipart); objects here live in
 * memory and in the saved state, so the local bound is 64 MiB (what the restXml codec reads, too).
 */
export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

export class S3Model {
  // One global partition; a RegionalStore so persistence (--data-dir) keeps buckets across restarts.
  private readonly store = new RegionalStore(() => new Map<string, Bucket>());
  /** What persistence saves, as `s3.<name>`. */
  readonly stores = { buckets: this.store } satisfies StoreDeclaration;

  get buckets(): Map<string, Bucket> {
    return this.store.get('global', 'global');
  }

  bucketsOf(account: string): Bucket[] {
    return [...this.buckets.values()].filter((b) => b.account === account).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Stores an object (for in-process callers too, e.g. a template upload); returns it with its ETag. */
  putObject(
    bucket: Bucket,
    key: string,
    body: Buffer,
    contentType = 'binary/octet-stream',
    metadata: Record<string, string> = {},
  ): S3Object {
    if (body.length > MAX_OBJECT_BYTES) throw entityTooLarge(body.length, MAX_OBJECT_BYTES);
    const object: S3Object = {
      key,
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date(),
      contentType,
      metadata,
      ...(bucket.versioning === 'Enabled'
        ? { versionId: createHash('sha1').update(`${key}${Date.now()}${Math.random()}`).digest('base64url').slice(0, 32) }
        : {}),
    };
    bucket.objects.set(key, object);
    return object;
  }

  /** The object an `https://…/bucket/key` or `s3://bucket/key` URL names (e.g. a CloudFormation TemplateURL). */
  objectAtUrl(url: string): S3Object | undefined {
    const match = /^(?:s3:\/\/|https?:\/\/[^/]+\/)([^/]+)\/(.+)$/.exec(url);
    return match ? this.buckets.get(match[1]!)?.objects.get(decodeURIComponent(match[2]!)) : undefined;
  }
}
