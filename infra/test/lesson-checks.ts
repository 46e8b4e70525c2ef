/**
 * One check per lesson of the seed's failure report. Each throws (with the lesson in the message) when the
 * remediation is missing; the lesson tests run them on the good stack (must pass) and on the broken variant
 * that removes that remediation (must throw), so a check that cannot fail is caught too.
 */
import { LOGS_KEY_ACTIONS } from '../lib/log-cmk';
import { LOG_GROUP_PREFIX } from '../lib/tap-stack';
import { LOG_DELIVERY_ACTIONS } from '../lib/tap-workflow';
import { resolveConditions, resourcesOfType, type CfnTemplate, type Json, type JsonObject } from './synth';

/**
 * The issue's safe keys. The stack uses only Name and EnvironmentSuffix (a Mode tag would make every promotion
 * modify the key and alarms; promotion-scope.test.ts forbids it); Mode stays allowed here because lesson 1 is
 * about the services' tag restrictions, which a plain Mode value meets.
 */
const SAFE_TAG_KEYS = ['Name', 'EnvironmentSuffix', 'Mode'];
/** KMS's documented tag character set (the stricter of KMS and CloudWatch): letters, digits, space, _ . / = + - */
const KMS_TAG_VALUE = /^[\p{L}\p{N}\p{Z}_./=+-]*$/u;

function fail(lesson: string, message: string): never {
  throw new Error(`${lesson}: ${message}`);
}

/** Fn::Join / Fn::Sub of plain strings → the string (after resolveConditions replaced parameter Refs). */
function plainString(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const join = v['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      const parts = join[1].map(plainString);
      return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
    }
  }
  return undefined;
}

const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const obj = (v: Json | undefined): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** Lesson 1: KMS keys and CloudWatch alarms carry only safe keys (SAFE_TAG_KEYS), with plain values. */
export function checkSafeTags(cfn: CfnTemplate): void {
  const lesson = 'Lesson 1 (tag restrictions on KMS and CloudWatch alarms)';
  const resolved = resolveConditions(cfn);
  const tagged = [...resourcesOfType(resolved, 'AWS::KMS::Key'), ...resourcesOfType(resolved, 'AWS::CloudWatch::Alarm')];
  if (tagged.length === 0) fail(lesson, 'no KMS key or alarm to check');
  for (const [id, r] of tagged) {
    for (const tag of asArray(r.Properties?.Tags)) {
      const { Key: key, Value: value } = obj(tag);
      if (typeof key !== 'string' || !SAFE_TAG_KEYS.includes(key)) fail(lesson, `${id} has tag key ${String(key)}`);
      const text = plainString(value ?? null);
      if (text === undefined || !KMS_TAG_VALUE.test(text)) fail(lesson, `${id} tag ${key} has value ${JSON.stringify(value)}`);
    }
  }
}

/** Lesson 2: the CMK lets regional Logs use it (scoped by encryption context), create grants, via Logs. */
export function checkLogsKeyPolicy(cfn: CfnTemplate): void {
  const lesson = 'Lesson 2 (permissive-but-scoped KMS policy for CloudWatch Logs)';
  const keys = resourcesOfType(cfn, 'AWS::KMS::Key');
  if (keys.length !== 1) fail(lesson, `expected one KMS key, found ${keys.length}`);
  const statements = asArray(obj(keys[0]?.[1].Properties?.KeyPolicy).Statement).map(obj);
  const text = (v: Json | undefined) => JSON.stringify(v ?? null);
  const regionalLogs = (s: JsonObject) => text(s.Principal).includes('logs.${AWS::Region}.amazonaws.com');
  const use = statements.find((s) => regionalLogs(s) && LOGS_KEY_ACTIONS.every((a) => asArray(s.Action).includes(a)));
  if (!use) fail(lesson, `no statement grants logs.<region>.amazonaws.com ${LOGS_KEY_ACTIONS.join(', ')}`);
  const context = obj(obj(use.Condition).ArnLike)['kms:EncryptionContext:aws:logs:arn'];
  if (!text(context).includes(`log-group:\${Prefix}*`) || !text(context).includes(LOG_GROUP_PREFIX)) {
    fail(lesson, `encryption context is not an ArnLike pattern for ${LOG_GROUP_PREFIX}*: ${text(use.Condition)}`);
  }
  const grant = statements.find((s) => regionalLogs(s) && asArray(s.Action).includes('kms:CreateGrant'));
  if (obj(obj(grant?.Condition).Bool)['kms:GrantIsForAWSResource'] !== 'true') {
    fail(lesson, 'Logs may not kms:CreateGrant with kms:GrantIsForAWSResource = true');
  }
  const via = statements.find((s) => text(obj(s.Condition).StringEquals).includes('kms:ViaService'));
  if (!text(via?.Condition).includes('logs.${AWS::Region}.amazonaws.com')) {
    fail(lesson, 'no kms:ViaService = logs.<region>.amazonaws.com statement');
  }
}

/** Lesson 3: no DependsOn names a resource that may be absent; the log group's key is an Fn::If. */
export function checkNoConditionalDependsOn(cfn: CfnTemplate): void {
  const lesson = 'Lesson 3 (no DependsOn on conditional resources)';
  for (const [id, r] of Object.entries(cfn.Resources)) {
    for (const target of asArray(r.DependsOn)) {
      const condition = cfn.Resources[String(target)]?.Condition;
      if (condition !== undefined && condition !== r.Condition) {
        fail(lesson, `${id} DependsOn ${String(target)}, which exists only when ${condition}`);
      }
    }
  }
  const [, logGroup] = resourcesOfType(cfn, 'AWS::Logs::LogGroup')[0] ?? [];
  const ifArgs = obj(logGroup?.Properties?.KmsKeyId)['Fn::If'];
  if (!Array.isArray(ifArgs) || ifArgs[0] !== 'UseCmk') fail(lesson, 'log group KmsKeyId is not Fn::If on UseCmk');
}

/** Lesson 4: the state machine's role holds every CloudWatch Logs delivery API (inline, so no ordering race). */
export function checkLogDeliveryPermissions(cfn: CfnTemplate): void {
  const lesson = 'Lesson 4 (CloudWatch Logs delivery APIs in the Step Functions role)';
  const machines = resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) fail(lesson, `expected one state machine, found ${machines.length}`);
  const props = machines[0]?.[1].Properties ?? {};
  const logging = obj(props.LoggingConfiguration);
  if (logging.Level !== 'ALL' || logging.IncludeExecutionData !== true) fail(lesson, 'logging is not ALL with data');
  const roleId = asArray(obj(props.RoleArn)['Fn::GetAtt'])[0];
  const role = cfn.Resources[String(roleId)];
  if (role?.Type !== 'AWS::IAM::Role') fail(lesson, 'state machine role is not a role of this stack');
  const granted = asArray(role.Properties?.Policies)
    .flatMap((p) => asArray(obj(obj(p).PolicyDocument).Statement).map(obj))
    .filter((s) => s.Effect === 'Allow' && s.Resource === '*')
    .flatMap((s) => asArray(s.Action));
  const missing = LOG_DELIVERY_ACTIONS.filter((a) => !granted.includes(a));
  if (missing.length > 0) fail(lesson, `role lacks ${missing.join(', ')}`);
}
