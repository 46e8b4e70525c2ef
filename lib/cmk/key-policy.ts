/**
 * Does a KMS key policy let CloudWatch Logs use the key for one log group? The seed's third failure was a policy
 * that did not, so this spells out each grant the remediation needs and whether the policy has it. It reads the
 * policy the way an operator would check it, not as a full IAM evaluator: Allow statements for the regional Logs
 * service principal, their actions (with wildcards) and their conditions.
 */
export interface PolicyCheck {
  id: 'logs-principal' | 'logs-actions' | 'encryption-context' | 'create-grant' | 'via-service';
  ok: boolean;
  /** What the check looks for, in the words of the failure report. */
  label: string;
  /** Why it failed (absent when ok). */
  detail?: string;
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const LOGS_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:DescribeKey'];

export function checkLogsKeyPolicy(policyJson: string, logGroupArn: string, region: string): PolicyCheck[] {
  const principal = `logs.${region}.amazonaws.com`;
  const statements = parseStatements(policyJson);
  const forLogs = statements.filter((s) => s.Effect === 'Allow' && principalIncludes(s.Principal, principal));
  const granting = (action: string) => forLogs.filter((s) => actionsOf(s).some((pattern) => matches(pattern, action)));

  const missing = LOGS_ACTIONS.filter((action) => granting(action).length === 0);
  const useStatements = granting('kms:Encrypt');
  const contextOk = useStatements.some((s) => conditionCovers(s, 'kms:EncryptionContext:aws:logs:arn', logGroupArn));
  const grant = granting('kms:CreateGrant');
  // kms:ViaService limits *other* principals (the account's roles) to using the key through Logs; the Logs
  // service principal itself calls KMS directly, so the condition may sit on any Allow statement.
  const viaService = statements.some((s) => s.Effect === 'Allow' && conditionValues(s, 'kms:ViaService').includes(principal));

  return [
    {
      id: 'logs-principal',
      ok: forLogs.length > 0,
      label: `Allows the regional Logs principal ${principal}`,
      detail: forLogs.length ? undefined : 'No Allow statement names it',
    },
    {
      id: 'logs-actions',
      ok: missing.length === 0,
      label: 'Grants encrypt, decrypt, re-encrypt, generate-data-key and describe',
      detail: missing.length ? `Missing ${missing.join(', ')}` : undefined,
    },
    {
      id: 'encryption-context',
      ok: contextOk,
      label: 'Scopes use to this log group by kms:EncryptionContext:aws:logs:arn',
      detail: contextOk ? undefined : `No ArnLike/ArnEquals condition matches ${logGroupArn}`,
    },
    {
      id: 'create-grant',
      ok: grant.some((s) => String(conditionValues(s, 'kms:GrantIsForAWSResource')[0]).toLowerCase() === 'true'),
      label: 'Allows kms:CreateGrant when kms:GrantIsForAWSResource is true',
      detail: grant.length ? 'CreateGrant is allowed without kms:GrantIsForAWSResource = true' : 'CreateGrant is not allowed',
    },
    {
      id: 'via-service',
      ok: viaService,
      label: `Scopes use through the service with kms:ViaService = ${principal}`,
      detail: viaService ? undefined : 'No kms:ViaService condition for Logs',
    },
  ].map((check) => (check.ok ? { ...check, detail: undefined } : check)) as PolicyCheck[];
}

function parseStatements(policyJson: string): Statement[] {
  try {
    const policy = JSON.parse(policyJson) as { Statement?: Statement | Statement[] };
    const raw = policy.Statement ?? [];
    return Array.isArray(raw) ? raw : [raw];
  } catch {
    return [];
  }
}

function principalIncludes(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  const services = (principal as { Service?: string | string[] } | undefined)?.Service;
  return [services ?? []].flat().includes(service);
}

function actionsOf(statement: Statement): string[] {
  return [statement.Action ?? []].flat();
}

/** IAM action patterns: `*` and `?` wildcards, case-insensitive. */
function matches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(action);
}

/** Every value a condition key has in a statement, under any operator. */
function conditionValues(statement: Statement, key: string): string[] {
  const values: string[] = [];
  for (const byKey of Object.values(statement.Condition ?? {})) {
    for (const [name, value] of Object.entries(byKey))
      if (name.toLowerCase() === key.toLowerCase()) values.push(...[value].flat().map(String));
  }
  return values;
}

function conditionCovers(statement: Statement, key: string, arn: string): boolean {
  const operators = Object.entries(statement.Condition ?? {}).filter(([op]) =>
    /^(ArnLike|ArnEquals|StringLike|StringEquals)$/i.test(op.replace(/^ForAnyValue:|^ForAllValues:/, '')),
  );
  return operators.some(([, byKey]) =>
    Object.entries(byKey).some(
      ([name, value]) =>
        name.toLowerCase() === key.toLowerCase() && [value].flat().some((pattern) => matches(String(pattern), arn)),
    ),
  );
}
