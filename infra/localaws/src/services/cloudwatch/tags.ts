/**
 * Alarm tag rules, shared by the CloudWatch API (PutMetricAlarm, TagResource) and the AWS::CloudWatch::Alarm
 * provisioner so that CloudFormation and the API refuse the same tags with the same words.
 */
import { CloudWatchValidationError, InvalidParameterValue } from './errors';

export const TAG_VALUE_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';
const TAG_VALUE = new RegExp(`^${TAG_VALUE_PATTERN}$`, 'u');
export const MAX_TAGS = 50;

export interface Tag {
  Key: string;
  Value: string;
}

/** Throws the Coral-style validation error naming the first constraint a tag breaks. */
export function validateTags(tags: Tag[]): void {
  if (tags.length > MAX_TAGS)
    throw new InvalidParameterValue(`The number of tags (${tags.length}) exceeds the limit of ${MAX_TAGS}.`);
  tags.forEach((tag, index) => {
    const at = (member: string, value: string, problem: string) =>
      new CloudWatchValidationError(
        `1 validation error detected: Value '${value}' at 'tags.${index + 1}.member.${member}' failed to satisfy constraint: ${problem}`,
      );
    if (tag.Key.length < 1) throw at('key', tag.Key, 'Member must have length greater than or equal to 1');
    if (tag.Key.length > 128) throw at('key', tag.Key, 'Member must have length less than or equal to 128');
    if (tag.Value.length > 256) throw at('value', tag.Value, 'Member must have length less than or equal to 256');
    if (!TAG_VALUE.test(tag.Value))
      throw at('value', tag.Value, `Member must satisfy regular expression pattern: ${TAG_VALUE_PATTERN}`);
  });
}

/** Tags after TagResource: new keys added, existing keys overwritten, order of first appearance kept. */
export function mergeTags(current: Tag[], added: Tag[]): Tag[] {
  const merged = new Map(current.map((t) => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  return [...merged.entries()].map(([Key, Value]) => ({ Key, Value }));
}
