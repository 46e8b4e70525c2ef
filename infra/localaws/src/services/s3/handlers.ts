/**
 * S3 over restXml, path-style (`http://127.0.0.1:4566/bucket/key`; SDK clients need `forcePathStyle: true`).
 * The catalog is every S3 operation schema, so a subresource localaws does not serve answers NotImplemented.
 */
import * as S3 from '@aws-sdk/client-s3';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import * as C from './bucket-config-handlers';
import * as B from './bucket-handlers';
import type { S3Model } from './model';
import * as O from './object-handlers';

const catalog = Object.entries(S3)
  .filter(([name, value]) => name.endsWith('$') && Array.isArray(value) && value[0] === 9)
  .map(([, value]) => value as unknown[]);

export function createS3Service({ models }: ServiceContext): LocalService {
  const op = bindOperations<S3Model>(models.s3);
  const api: AwsService = {
    signingName: 's3',
    rest: { serviceNamespace: 'com.amazonaws.s3', xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/', catalog },
    operations: {
      ListBuckets: op(S3.ListBuckets$, B.listBuckets),
      CreateBucket: op(S3.CreateBucket$, B.createBucket),
      HeadBucket: op(S3.HeadBucket$, B.headBucket),
      DeleteBucket: op(S3.DeleteBucket$, B.deleteBucket),
      GetBucketLocation: op(S3.GetBucketLocation$, B.getBucketLocation),
      GetBucketVersioning: op(S3.GetBucketVersioning$, C.getBucketVersioning),
      PutBucketVersioning: op(S3.PutBucketVersioning$, C.putBucketVersioning),
      GetBucketEncryption: op(S3.GetBucketEncryption$, C.getBucketEncryption),
      PutBucketEncryption: op(S3.PutBucketEncryption$, C.putBucketEncryption),
      DeleteBucketEncryption: op(S3.DeleteBucketEncryption$, C.deleteBucketEncryption),
      GetBucketTagging: op(S3.GetBucketTagging$, C.getBucketTagging),
      PutBucketTagging: op(S3.PutBucketTagging$, C.putBucketTagging),
      DeleteBucketTagging: op(S3.DeleteBucketTagging$, C.deleteBucketTagging),
      PutObject: op(S3.PutObject$, O.putObject),
      GetObject: op(S3.GetObject$, O.getObject),
      HeadObject: op(S3.HeadObject$, O.headObject),
      DeleteObject: op(S3.DeleteObject$, O.deleteObject),
      ListObjectsV2: op(S3.ListObjectsV2$, O.listObjectsV2),
    },
  };
  return { api };
}
