/**
 * TemplateURL: CloudFormation reads the template from S3 itself, so a URL names an object in localaws's own
 * S3 (path style on any host — the local endpoint included — or virtual-hosted `BUCKET.s3[.-]REGION.amazonaws.com`).
 * Failures answer in CloudFormation's words: "S3 error: …" with S3's own message, and "TemplateURL must be a
 * supported URL." for anything that is not an https S3 URL.
 */
import { ValidationError } from '../../errors';
import type { S3Model } from '../s3/model';
import { checkTemplateUrlSize } from './template';

const S3_ERROR_SUFFIX = '\nFor more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html';

export const unsupportedTemplateUrl = () => new ValidationError('TemplateURL must be a supported URL.');
const s3Error = (message: string) => new ValidationError(`S3 error: ${message}${S3_ERROR_SUFFIX}`);

/** `s3.amazonaws.com`, `s3.REGION.amazonaws.com`, `s3-REGION.amazonaws.com`, `s3.dualstack.REGION.amazonaws.com`. */
const S3_HOST = /^s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;
const VIRTUAL_HOST = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

/** A percent-decoded path part, or undefined for a broken escape (`%ZZ`), which makes the URL unsupported. */
function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Bucket and key a TemplateURL names, or undefined when CloudFormation would not accept the URL. */
export function parseTemplateUrl(raw: string): { bucket: string; key: string } | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/^\//, '');
  const local =
    url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '::1' || url.hostname === '[::1]';
  // AWS requires https; the local endpoint is plain http, as the CDK CLI builds the URL from it.
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return undefined;
  const virtual = VIRTUAL_HOST.exec(url.hostname);
  if (virtual && !S3_HOST.test(url.hostname))
    return path && decoded(path) !== undefined ? { bucket: virtual[1]!, key: decoded(path)! } : undefined;
  if (!local && !S3_HOST.test(url.hostname)) return undefined;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  const [bucket, key] = [decoded(path.slice(0, slash)), decoded(path.slice(slash + 1))];
  return bucket !== undefined && key !== undefined ? { bucket, key } : undefined;
}

/** The template body at a TemplateURL, read as the calling account (another account's bucket is Access Denied). */
export function readTemplateUrl(s3: S3Model, url: string, account: string): string {
  if (url.length > 1024)
    throw new ValidationError(
      `1 validation error detected: Value '${url}' at 'templateURL' failed to satisfy constraint: Member must have length less than or equal to 1024`,
    );
  const location = parseTemplateUrl(url);
  if (!location) throw unsupportedTemplateUrl();
  const bucket = s3.buckets.get(location.bucket);
  if (!bucket) throw s3Error('The specified bucket does not exist');
  if (bucket.account !== account) throw s3Error('Access Denied');
  const object = bucket.objects.get(location.key);
  if (!object) throw s3Error('The specified key does not exist.');
  checkTemplateUrlSize(object.body.length);
  return object.body.toString('utf8');
}
