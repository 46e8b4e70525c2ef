/**
 * Would CloudWatch Logs be allowed to use a KMS key for a given log group? Logs calls KMS as the
 * regional service principal with encryption context aws:logs:arn = the group's ARN, so the key
 * policy must allow that principal kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey* and Describe* under
 * a condition the context satisfies. Condition keys other than the encryption context are treated
 * as satisfied (a simplification that only ever errs towards allowing).
 */

// One representative API call per required action family.
const REQUIRED_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:DescribeKey'];
const CONTEXT_KEY = 'kms:encryptioncontext:aws:logs:arn';

type Statement = { Effect?: unknown; Principal?: unknown; Action?: unknown; Condition?: unknown };

function toList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

function principalMatches(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const p = principal as Record<string, unknown>;
  return toList(p.Service).includes(service) || toList(p.AWS).includes('*');
}

function conditionsHold(condition: unknown, groupArn: string): boolean {
  if (!condition || typeof condition !== 'object') return true;
  for (const [operator, entries] of Object.entries(condition as Record<string, unknown>)) {
    if (!entries || typeof entries !== 'object') continue;
    for (const [key, expected] of Object.entries(entries as Record<string, unknown>)) {
      if (key.toLowerCase() !== CONTEXT_KEY) continue;
      const patterns = toList(expected);
      const op = operator.replace(/IfExists$/, '');
      const like = op === 'ArnLike' || op === 'StringLike';
      const equals = op === 'ArnEquals' || op === 'StringEquals';
      if (!like && !equals) return false;
      if (!patterns.some((p) => (like ? globMatch(p, groupArn) : p === groupArn))) return false;
    }
  }
  return true;
}

export function keyPolicyAllowsLogs(policy: unknown, region: string, groupArn: string): boolean {
  if (!policy || typeof policy !== 'object') return false;
  const doc = policy as { Statement?: unknown };
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).filter(Boolean) as Statement[];
  const service = `logs.${region}.amazonaws.com`;
  const allowing = statements.filter((s) => s.Effect === 'Allow' && principalMatches(s.Principal, service) && conditionsHold(s.Condition, groupArn));
  const denied = statements.some((s) => s.Effect === 'Deny' && principalMatches(s.Principal, service));
  if (denied) return false;
  return REQUIRED_ACTIONS.every((action) => allowing.some((s) => toList(s.Action).some((pattern) => globMatch(pattern, action, true))));
}
