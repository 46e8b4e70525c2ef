import type { StackSummary } from '@/lib/rollout/types';
import type { CmkState, FleetMembership, FleetStack } from './types';

/**
 * Reads `TAPDECK_FLEET_TAG`: `key=value` matches that value, `key` alone any value. Throws on an empty key so a
 * typo fails at start-up (lib/config.ts turns it into a message naming the variable).
 */
export function parseFleetTag(text: string): { key: string; value?: string } {
  const at = text.indexOf('=');
  const key = (at < 0 ? text : text.slice(0, at)).trim();
  if (!key) throw new Error('needs a tag key, e.g. tapdeck:fleet=true');
  return at < 0 ? { key } : { key, value: text.slice(at + 1).trim() };
}

export function isFleetMember(stack: FleetStack, membership: FleetMembership): boolean {
  if (membership.namePattern.test(stack.name)) return true;
  const { tag } = membership;
  if (!tag || !Object.hasOwn(stack.tags, tag.key)) return false;
  return tag.value === undefined || stack.tags[tag.key] === tag.value;
}

/** The stack parameter `Mode`, or null when the stack has none (not a TapStack, or a failed create). */
export function modeOf(stack: StackSummary): string | null {
  return stack.parameters.Mode ?? null;
}

export const lastChangeOf = (stack: StackSummary): string => stack.updatedAt ?? stack.createdAt;

/** Key ARNs and bare key ids name the same key when their key ids match. */
function sameKey(a: string, b: string): boolean {
  const id = (text: string) => text.replace(/^arn:[^:]+:kms:[^:]*:[^:]*:key\//, '');
  return a === b || id(a) === id(b);
}

/**
 * The CMK binding as the fleet shows it, from the stack and its log group's `kmsKeyId` (the full analysis of
 * the key policy is the stack's CMK page). `logGroupKmsKeyId`: undefined when the log group was not found,
 * null when it exists without a key.
 */
export function cmkStateOf(stack: StackSummary, logGroup: { kmsKeyId: string | null } | null): CmkState {
  if (!stack.outputs.LogGroupName) return { kind: 'unknown', reason: 'The stack has no LogGroupName output.' };
  if (!logGroup) return { kind: 'problem', reason: `Log group ${stack.outputs.LogGroupName} not found.` };
  const keyArn = stack.outputs.CmkArn;
  const expected = stack.parameters.EnableCmk === 'true' || keyArn !== undefined;
  if (!logGroup.kmsKeyId) {
    return expected
      ? { kind: 'problem', reason: 'EnableCmk is true but the log group is not encrypted with a CMK.' }
      : { kind: 'not-bound' };
  }
  if (!keyArn) return { kind: 'problem', reason: 'The log group is encrypted with a key the stack does not declare.' };
  return sameKey(logGroup.kmsKeyId, keyArn)
    ? { kind: 'bound' }
    : { kind: 'problem', reason: 'The log group is encrypted with another key than the stack’s CmkArn.' };
}

/** The alarm names a stack owns: the physical ids of its AWS::CloudWatch::Alarm resources. */
export function alarmNamesOf(resources: Array<{ type: string; physicalId?: string }>): string[] {
  return resources
    .filter((r) => r.type === 'AWS::CloudWatch::Alarm' && r.physicalId)
    .map((r) => r.physicalId!)
    .sort();
}
