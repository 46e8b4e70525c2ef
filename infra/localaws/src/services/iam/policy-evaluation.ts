/**
 * The one IAM policy matcher: STS trust policies (AssumeRole), KMS key policies (may Logs use a key; the lockout
 * check) and identity policies (may a state machine's role deliver logs) are all judged here.
 *
 * Explicit Deny wins, then any Allow, else an implicit deny. Actions match case-insensitively with `*` and `?`;
 * resources match as case-sensitive globs; ArnLike/ArnEquals compare the six ARN fields one by one. What localaws
 * does not know about a request is the caller's choice: leave `resource` or `principal` out and that element is not
 * judged; with `unknownConditionKeys: 'satisfied'` a condition on a key absent from `context` holds (an
 * approximation that only ever errs towards allowing, used where localaws cannot know the key's value).
 */
import { policyObject } from './model';

/** Who makes the request: an IAM identity (root, a role's session) or an AWS service principal. */
export type PolicyPrincipal = { account: string; arn: string } | { service: string };

export type ConditionValue = string | boolean | number | ReadonlyArray<string>;

export interface PolicyRequest {
  action: string;
  /** the resource ARN; omitted, Resource/NotResource are not judged */
  resource?: string;
  /** omitted (identity policies), Principal/NotPrincipal are not judged */
  principal?: PolicyPrincipal;
  /** condition keys (case-insensitive) and their values in this request */
  context?: Record<string, ConditionValue | undefined>;
  /** 'absent' (default): a key missing from context is absent, as AWS evaluates; 'satisfied': its conditions hold */
  unknownConditionKeys?: 'absent' | 'satisfied';
}

export type PolicyDecision = 'Allow' | 'Deny' | 'ImplicitDeny';

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

const toList = (value: unknown): string[] =>
  value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String);

/** `*` any run of characters, `?` one character, everything else literal. */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** ArnLike/ArnEquals: each of the six colon-separated fields is matched on its own (the last may hold colons). */
export function arnMatch(pattern: string, value: string): boolean {
  const fields = (arn: string) => {
    const parts = arn.split(':');
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  if (pattern === '*') return true;
  const p = fields(pattern);
  const v = fields(value);
  return p !== undefined && v !== undefined && p.every((field, i) => globMatch(field, v[i] ?? ''));
}

/** The role behind an assumed-role session ARN (a session ARN carries no path). */
function sessionRoleName(arn: string): string | undefined {
  return /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn)?.[1];
}

function principalMatches(element: unknown, principal: PolicyPrincipal): boolean {
  if (element === '*') return true;
  if (!element || typeof element !== 'object') return false;
  const entries = element as Record<string, unknown>;
  // {"AWS": "*"} is everyone, services included, as "*" is.
  if (toList(entries.AWS).includes('*')) return true;
  if ('service' in principal) return toList(entries.Service).includes(principal.service);
  return toList(entries.AWS).some((value) => {
    if (value === principal.account || value === `arn:aws:iam::${principal.account}:root` || value === principal.arn) return true;
    const role = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(value);
    return role !== null && role[1] === principal.account && role[2] === sessionRoleName(principal.arn);
  });
}

type ValueTest = (expected: string, actual: string) => boolean;

const OPERATORS: Record<string, { test: ValueTest; negated?: boolean }> = {
  StringEquals: { test: (e, a) => e === a },
  StringNotEquals: { test: (e, a) => e === a, negated: true },
  StringEqualsIgnoreCase: { test: (e, a) => e.toLowerCase() === a.toLowerCase() },
  StringNotEqualsIgnoreCase: { test: (e, a) => e.toLowerCase() === a.toLowerCase(), negated: true },
  StringLike: { test: (e, a) => globMatch(e, a) },
  StringNotLike: { test: (e, a) => globMatch(e, a), negated: true },
  ArnEquals: { test: arnMatch },
  ArnLike: { test: arnMatch },
  ArnNotEquals: { test: arnMatch, negated: true },
  ArnNotLike: { test: arnMatch, negated: true },
  Bool: { test: (e, a) => e.toLowerCase() === a.toLowerCase() },
};

function contextValues(request: PolicyRequest, key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(request.context ?? {})) {
    if (name.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return undefined;
}

/** One `"Operator": { "key": expected }` entry. An operator localaws does not know never holds. */
function conditionHolds(operator: string, key: string, expected: string[], request: PolicyRequest): boolean {
  const actual = contextValues(request, key);
  if (actual === undefined && request.unknownConditionKeys === 'satisfied') return true;
  const set = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
  const base = operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  if (base === 'Null') return expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined));
  const op = OPERATORS[base];
  if (!op) return false;
  if (actual === undefined) {
    // An absent key: IfExists and negated operators hold, ForAllValues holds vacuously, the rest do not.
    return operator.endsWith('IfExists') || op.negated === true || set === 'ForAllValues';
  }
  const matchesOne = (value: string) => {
    const matched = expected.some((e) => op.test(e, value));
    return op.negated ? !matched : matched;
  };
  if (set === 'ForAllValues') return actual.every(matchesOne);
  if (set === 'ForAnyValue') return actual.some(matchesOne);
  return op.negated ? actual.every(matchesOne) : actual.some(matchesOne);
}

function conditionsHold(condition: unknown, request: PolicyRequest): boolean {
  if (!condition || typeof condition !== 'object') return true;
  return Object.entries(condition as Record<string, unknown>).every(([operator, entries]) => {
    if (!entries || typeof entries !== 'object') return true;
    return Object.entries(entries as Record<string, unknown>).every(([key, expected]) =>
      conditionHolds(operator, key, toList(expected), request),
    );
  });
}

function statementApplies(s: Statement, request: PolicyRequest): boolean {
  const { principal, resource, action } = request;
  if (principal) {
    if (
      s.Principal !== undefined
        ? !principalMatches(s.Principal, principal)
        : s.NotPrincipal === undefined || principalMatches(s.NotPrincipal, principal)
    )
      return false;
  }
  const actionHit = (patterns: unknown) => toList(patterns).some((p) => globMatch(p, action, true));
  if (s.Action !== undefined ? !actionHit(s.Action) : s.NotAction === undefined || actionHit(s.NotAction)) return false;
  if (resource !== undefined) {
    const resourceHit = (patterns: unknown) => toList(patterns).some((p) => globMatch(p, resource));
    if (s.Resource !== undefined ? !resourceHit(s.Resource) : s.NotResource !== undefined && resourceHit(s.NotResource))
      return false;
  }
  return conditionsHold(s.Condition, request);
}

/** The statements of a document given as an object or as JSON text (IAM's API keeps text, templates objects). */
export function policyStatements(document: unknown): Statement[] {
  const doc = policyObject(document);
  if (!doc || typeof doc !== 'object') return [];
  const statements = (doc as { Statement?: unknown }).Statement;
  return (Array.isArray(statements) ? statements : [statements]).filter((s): s is Statement => !!s && typeof s === 'object');
}

/** The decision of several documents together (a role's inline and managed policies): an explicit Deny anywhere wins. */
export function evaluatePolicies(documents: readonly unknown[], request: PolicyRequest): PolicyDecision {
  const applying = documents.flatMap(policyStatements).filter((s) => statementApplies(s, request));
  if (applying.some((s) => s.Effect === 'Deny')) return 'Deny';
  return applying.some((s) => s.Effect === 'Allow') ? 'Allow' : 'ImplicitDeny';
}

export function evaluatePolicy(document: unknown, request: PolicyRequest): PolicyDecision {
  return evaluatePolicies([document], request);
}

export function policyAllows(document: unknown, request: PolicyRequest): boolean {
  return evaluatePolicy(document, request) === 'Allow';
}
