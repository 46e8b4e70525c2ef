/** S3 through the real SDK client (path style) and raw HTTP: buckets, configuration, objects, S3 error documents. */
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
const client = (account: string, region = 'us-east-1') =>
  new S3Client({
    endpoint: server.url,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: account, secretAccessKey: 'x' },
  });
let s3: S3Client;

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  s3 = client('123456789012');
});
afterAll(() => server.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: S3ServiceException) => e,
  );

describe('S3 buckets', () => {
  it('creates, lists, locates and deletes buckets; names are global across accounts', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'assets-1' }));
    await client('123456789012', 'eu-west-1').send(
      new CreateBucketCommand({ Bucket: 'assets-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      ['assets-1', 'us-east-1'],
      ['assets-eu', 'eu-west-1'],
    ]);
    expect(Owner?.ID).toBeTruthy();
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'assets-eu' }))).LocationConstraint).toBe('eu-west-1');
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'assets-1' }))).LocationConstraint).toBeUndefined();
    expect((await s3.send(new HeadBucketCommand({ Bucket: 'assets-eu' }))).BucketRegion).toBe('eu-west-1');

    // us-east-1 keeps its legacy 200 for your own bucket; other regions say BucketAlreadyOwnedByYou.
    await s3.send(new CreateBucketCommand({ Bucket: 'assets-1' }));
    const owned = await failure(
      client('123456789012', 'eu-west-1').send(
        new CreateBucketCommand({ Bucket: 'assets-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
      ),
    );
    expect(owned).toBeInstanceOf(BucketAlreadyOwnedByYou);
    expect(owned.$metadata.httpStatusCode).toBe(409);
    const taken = await failure(client('999999999999').send(new CreateBucketCommand({ Bucket: 'assets-1' })));
    expect(taken).toBeInstanceOf(BucketAlreadyExists);
    expect((await client('999999999999').send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);

    await s3.send(new DeleteBucketCommand({ Bucket: 'assets-1' }));
    const gone = await failure(s3.send(new GetBucketVersioningCommand({ Bucket: 'assets-1' })));
    expect(gone).toBeInstanceOf(NoSuchBucket);
    expect(gone.message).toBe('The specified bucket does not exist');
    expect((await failure(s3.send(new HeadBucketCommand({ Bucket: 'assets-1' })))).name).toBe('NotFound');
  });

  it('versioning, default encryption (SSE-S3) and tagging', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'config-1' }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'config-1' }))).Status).toBeUndefined();
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'config-1', VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'config-1' }))).Status).toBe('Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'config-1', VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'config-1' }))).Status).toBe('Suspended');
    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'config-1' }));
    expect(enc.ServerSideEncryptionConfiguration?.Rules?.[0]).toEqual({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
      BucketKeyEnabled: false,
    });
    expect((await failure(s3.send(new GetBucketTaggingCommand({ Bucket: 'config-1' })))).name).toBe('NoSuchTagSet');
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'config-1', Tagging: { TagSet: [{ Key: 'team', Value: 'tap' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'config-1' }))).TagSet).toEqual([{ Key: 'team', Value: 'tap' }]);
  });

  it('objects: put, get, head, list with prefixes, delete; BucketNotEmpty', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'objects-1' }));
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'objects-1',
        Key: 'tpl/stack one.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { owner: 'me' },
      }),
    );
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    await s3.send(new PutObjectCommand({ Bucket: 'objects-1', Key: 'tpl/b.json', Body: Buffer.from([0, 255, 1]) }));
    await s3.send(new PutObjectCommand({ Bucket: 'objects-1', Key: 'root.txt', Body: 'r' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects-1', Key: 'tpl/stack one.json' }));
    expect(await got.Body?.transformToString()).toBe('{"a":1}');
    expect(got).toMatchObject({ ContentType: 'application/json', ContentLength: 7, ETag: put.ETag, Metadata: { owner: 'me' } });
    const bin = await s3.send(new GetObjectCommand({ Bucket: 'objects-1', Key: 'tpl/b.json' }));
    expect([...((await bin.Body?.transformToByteArray()) ?? [])]).toEqual([0, 255, 1]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'objects-1', Key: 'root.txt' }))).ContentLength).toBe(1);
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'objects-1', Delimiter: '/' }));
    expect(list.Contents?.map((o) => o.Key)).toEqual(['root.txt']);
    expect(list.CommonPrefixes).toEqual([{ Prefix: 'tpl/' }]);
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'objects-1', Prefix: 'tpl/', MaxKeys: 1 }));
    expect(page).toMatchObject({ KeyCount: 1, IsTruncated: true });
    const next = await s3.send(
      new ListObjectsV2Command({ Bucket: 'objects-1', Prefix: 'tpl/', ContinuationToken: page.NextContinuationToken }),
    );
    expect(next.Contents?.map((o) => o.Key)).toEqual(['tpl/stack one.json']);
    const missing = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects-1', Key: 'nope' })));
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects-1', Key: 'nope' })))).name).toBe('NotFound');
    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'objects-1' })));
    expect(notEmpty).toMatchObject({ name: 'BucketNotEmpty', message: 'The bucket you tried to delete is not empty' });
    for (const Key of ['tpl/stack one.json', 'tpl/b.json', 'root.txt', 'never-existed'])
      await s3.send(new DeleteObjectCommand({ Bucket: 'objects-1', Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'objects-1' }));
  });

  it("another account's bucket is AccessDenied", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'private-1' }));
    const denied = await failure(client('999999999999').send(new GetBucketVersioningCommand({ Bucket: 'private-1' })));
    expect(denied).toMatchObject({ name: 'AccessDenied', message: 'Access Denied' });
  });
});

describe('S3 over raw HTTP', () => {
  const auth = 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x';
  const call = (method: string, path: string, body?: string) =>
    fetch(`${server.url}${path}`, { method, body, headers: { authorization: auth } });

  it('answers S3 error documents with the right status, never a 500', async () => {
    const res = await call('GET', '/no-such-bucket-x?versioning');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toMatch(
      /<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>no-such-bucket-x<\/BucketName><RequestId>[^<]+<\/RequestId>/,
    );

    await call('PUT', '/raw-bucket-1');
    const malformed = await call('PUT', '/raw-bucket-1?versioning', '<VersioningConfiguration><Status>Enab');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('<Code>MalformedXML</Code>');
    const badStatus = await call(
      'PUT',
      '/raw-bucket-1?versioning',
      '<VersioningConfiguration><Status>Sometimes</Status></VersioningConfiguration>',
    );
    expect(await badStatus.text()).toContain('<Code>MalformedXML</Code>');

    const unsupported = await call('GET', '/raw-bucket-1?acl');
    expect(unsupported.status).toBe(501);
    expect(await unsupported.text()).toContain('<Code>NotImplemented</Code>');
    const wrongMethod = await call('PATCH', '/raw-bucket-1');
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.text()).toContain('<Code>MethodNotAllowed</Code>');
    const badName = await call('PUT', '/Bad_Name');
    expect(badName.status).toBe(400);
    expect(await badName.text()).toContain('<Code>InvalidBucketName</Code>');
  });

  it('keeps the admin routes ahead of S3 paths', async () => {
    const res = await fetch(`${server.url}/_localaws/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { services: string[] }).services).toContain('s3');
  });
});
