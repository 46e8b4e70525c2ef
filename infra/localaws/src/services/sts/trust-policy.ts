/**
 * Evaluates a role's trust policy for sts:AssumeRole: Allow statements whose Principal names the caller
 * (its account, its root ARN, its role, or "*"), with explicit Deny winning. Conditions are not evaluated.
 */
import { policyObject } from '../iam/model';

export interface Caller {
  account: string;
  /** arn:aws:iam::ACCOUNT:root or arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION */
  arn: string;
}

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  Principal?: unknown;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function globMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(value);
}

/** The role ARN behind an assumed-role session ARN (the path is not part of a session ARN). */
function callerRoleName(caller: Caller): string | undefined {
  return /^arn:aws:sts::\d{12}:assumed-role\/([^/]+)\//.exec(caller.arn)?.[1];
}

function principalMatches(principal: unknown, caller: Caller): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asList((principal as Record<string, unknown>).AWS).some((entry) => {
    const value = String(entry);
    if (value === '*' || value === caller.account || value === `arn:aws:iam::${caller.account}:root`) return true;
    if (value === caller.arn) return true;
    const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(value);
    return role !== null && role[1] === caller.account && role[2] === callerRoleName(caller);
  });
}

export function trustAllows(document: unknown, caller: Caller, action = 'sts:AssumeRole'): boolean {
  const policy = policyObject(document) as { Statement?: unknown } | undefined;
  const statements = asList(policy?.Statement) as Statement[];
  const applies = (s: Statement) => asList(s.Action).some((a) => globMatch(String(a), action)) && principalMatches(s.Principal, caller);
  if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return false;
  return statements.some((s) => s.Effect === 'Allow' && applies(s));
}
