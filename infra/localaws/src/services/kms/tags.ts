/**
 * KMS tag rules, shared by the KMS API (TagResource, CreateKey) and the AWS::KMS::Key provisioner so both
 * refuse the same tags: key 1–128 and value 0–256 characters (ValidationException), characters outside
 * letters, digits, white space and _ . : / = + - @, duplicate keys, more than 50 tags or an `aws:` key
 * (TagException).
 */
import { AwsError } from '../../errors';

export type KmsTag = { TagKey?: string; TagValue?: string };

// AWS's tag pattern ([\p{L}\p{Z}\p{N}_.:/=+\-@]*); a JSON string (quotes, braces, commas) falls outside it.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const MAX_KMS_TAGS = 50;

/** A refused tag: `message` is the API's text, `stackMessage` how the CloudFormation handler reports it. */
export class KmsTagError extends AwsError {
  constructor(
    code: 'TagException' | 'ValidationException',
    message: string,
    readonly stackMessage: string = message,
  ) {
    super(code, message, 400);
  }
}

function lengthError(value: string, member: string, index: number, constraint: string): KmsTagError {
  return new KmsTagError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at 'tags.${index + 1}.member.${member}' failed to satisfy constraint: Member must have length ${constraint}`,
  );
}

/** `what: detail` in the API; in a stack event the code goes after `what`, where the seed report shows it. */
function tagError(what: string, detail = ''): KmsTagError {
  return new KmsTagError('TagException', `${what}${detail}`, `${what} (TagException)${detail}`);
}

/** Throws KmsTagError for the first rule a tag list breaks. `existing` are tag keys already on the key. */
export function validateKmsTags(tags: Array<{ Key: string; Value: string }>, existing: string[] = []): void {
  const keys = new Set<string>();
  tags.forEach((tag, index) => {
    if (tag.Key.length < 1) throw lengthError(tag.Key, 'tagKey', index, 'greater than or equal to 1');
    if (tag.Key.length > 128) throw lengthError(tag.Key, 'tagKey', index, 'less than or equal to 128');
    if (tag.Value.length > 256) throw lengthError(tag.Value, 'tagValue', index, 'less than or equal to 256');
    if (tag.Key.startsWith('aws:')) throw tagError(`Tag keys beginning with 'aws:' are reserved`, `: '${tag.Key}'`);
    if (keys.has(tag.Key)) throw tagError('Duplicate tag keys', `: '${tag.Key}'`);
    keys.add(tag.Key);
    if (!TAG_TEXT.test(tag.Key)) throw tagError('Tag key contains invalid characters', `: '${tag.Key}'`);
    if (!TAG_TEXT.test(tag.Value))
      throw tagError('Tag value contains invalid characters', `: '${tag.Value}' for tag key '${tag.Key}'`);
  });
  const total = new Set([...existing, ...keys]).size;
  if (total > MAX_KMS_TAGS) throw tagError('Too many tags', `: at most ${MAX_KMS_TAGS} are allowed`);
}

/** The API's `{TagKey, TagValue}` list as the model stores it (`{Key, Value}`, as templates write it). */
export function fromApiTags(tags: KmsTag[] | undefined): Array<{ Key: string; Value: string }> {
  return (tags ?? []).map((tag) => ({ Key: tag.TagKey ?? '', Value: tag.TagValue ?? '' }));
}
