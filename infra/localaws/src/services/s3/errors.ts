/** S3 errors: code, status and the extra fields S3 puts in its error document. */
import { RestError } from '../../protocols/rest-xml';

export const noSuchBucket = (bucket: string) =>
  new RestError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const noSuchKey = (key: string) => new RestError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
/** HEAD requests carry no error body; the SDK names a bare 404 NotFound. */
export const notFound = () => new RestError('NotFound', 'Not Found', 404);
export const accessDenied = () => new RestError('AccessDenied', 'Access Denied', 403);
export const bucketNotEmpty = (bucket: string) =>
  new RestError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });
export const bucketAlreadyOwnedByYou = (bucket: string) =>
  new RestError(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    { BucketName: bucket },
  );
export const bucketAlreadyExists = (bucket: string) =>
  new RestError(
    'BucketAlreadyExists',
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    409,
    { BucketName: bucket },
  );
export const invalidBucketName = (bucket: string) =>
  new RestError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
/** S3's answer to a PUT over its size limit (AWS adds ProposedSize and MaxSizeAllowed). */
export const entityTooLarge = (size: number, max: number) =>
  new RestError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    ProposedSize: String(size),
    MaxSizeAllowed: String(max),
  });
export const malformedXml = () =>
  new RestError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
