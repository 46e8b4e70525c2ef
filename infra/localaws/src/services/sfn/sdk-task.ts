/**
 * `arn:aws:states:::aws-sdk:SERVICE:action` tasks, served by localaws's own services: the real SDK client for
 * SERVICE calls localaws over HTTP (as Step Functions calls AWS), with the state machine's account as identity,
 * or with the credentials STS AssumeRole returns for the task's `Credentials.RoleArn`.
 *
 * Error names follow AWS's SDK integrations: `<Service>.<Code>` with `Exception` appended when the code lacks it
 * (S3 `NoSuchBucket` → `S3.NoSuchBucketException`, STS `Throttling` → `Sts.ThrottlingException`, DynamoDB
 * `TableNotFoundException` → `DynamoDb.TableNotFoundException`, S3 `SlowDown` → `S3.SlowDownException`), so a
 * Retry on those names, `States.TaskFailed` or `States.ALL` catches them. A call that never got an answer
 * (connection refused) is `<Service>.SdkClientException`.
 */
import { operationIo, readShape } from '../../protocols/schema';

export interface SdkTaskContext {
  /** localaws's own URL, known once the server listens. */
  endpoint: () => string;
  account: string;
  region: string;
}

/** `aws-sdk:s3` service name → npm package and the prefix AWS gives its errors. */
const SERVICES: Record<string, { pkg: string; prefix: string }> = {
  s3: { pkg: '@aws-sdk/client-s3', prefix: 'S3' },
  dynamodb: { pkg: '@aws-sdk/client-dynamodb', prefix: 'DynamoDb' },
  sts: { pkg: '@aws-sdk/client-sts', prefix: 'Sts' },
  sfn: { pkg: '@aws-sdk/client-sfn', prefix: 'Sfn' },
  cloudformation: { pkg: '@aws-sdk/client-cloudformation', prefix: 'CloudFormation' },
  kms: { pkg: '@aws-sdk/client-kms', prefix: 'Kms' },
  cloudwatch: { pkg: '@aws-sdk/client-cloudwatch', prefix: 'CloudWatch' },
  cloudwatchlogs: { pkg: '@aws-sdk/client-cloudwatch-logs', prefix: 'CloudWatchLogs' },
  sns: { pkg: '@aws-sdk/client-sns', prefix: 'Sns' },
};

export class SdkTaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    // The engine matches Retry/Catch ErrorEquals against `name`.
    this.name = name;
  }
}

export interface SdkResource {
  service: string;
  action: string;
}

export function parseSdkResource(resource: string): SdkResource | undefined {
  const match = /^arn:aws[\w-]*:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)(?:\.\w+)?$/.exec(resource);
  return match ? { service: match[1] ?? '', action: match[2] ?? '' } : undefined;
}

interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
  destroy(): void;
}
type ClientCtor = new (config: Record<string, unknown>) => SdkClient;
type CommandCtor = new (input: unknown) => unknown;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

async function loadModule(service: string): Promise<Record<string, unknown>> {
  const pkg = SERVICES[service]?.pkg ?? `@aws-sdk/client-${service}`;
  try {
    return (await import(pkg)) as Record<string, unknown>;
  } catch {
    throw new SdkTaskError('States.Runtime', `localaws has no SDK client for aws-sdk:${service} (${pkg} is not installed)`);
  }
}

function clientOf(mod: Record<string, unknown>): ClientCtor {
  const name = Object.keys(mod).find((key) => /^[A-Z][A-Za-z0-9]*Client$/.test(key) && typeof mod[key] === 'function');
  if (!name) throw new SdkTaskError('States.Runtime', 'SDK package exports no client');
  return mod[name] as ClientCtor;
}

/** AWS takes PascalCase parameters for every integration; services whose API is camelCase get them lowered. */
function adaptInput(mod: Record<string, unknown>, operation: string, params: Record<string, unknown>): Record<string, unknown> {
  let members: string[] = [];
  try {
    members = readShape(operationIo(mod[`${operation}$`]).input).members.map((m) => m.name);
  } catch {
    return params;
  }
  const byLower = new Map(members.map((m) => [m.toLowerCase(), m]));
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [byLower.get(key.toLowerCase()) ?? lowerFirst(key), value]),
  );
}

/** Outputs come back PascalCase as AWS's integrations return them, without the SDK's `$metadata`. */
function adaptOutput(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(adaptOutput);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '$metadata')
        .map(([key, v]) => [upperFirst(key), adaptOutput(v)]),
    );
  }
  return value;
}

export function sdkErrorName(service: string, error: unknown): string {
  const prefix = SERVICES[service]?.prefix ?? upperFirst(service);
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; Code?: string };
  if (e.$metadata?.httpStatusCode === undefined && !e.Code) return `${prefix}.SdkClientException`;
  const code = e.Code ?? e.name ?? 'Unknown';
  return `${prefix}.${code.endsWith('Exception') ? code : `${code}Exception`}`;
}

function sdkErrorCause(service: string, error: unknown): string {
  const e = error as { message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return e.message ?? String(error);
  return `${e.message ?? ''} (Service: ${SERVICES[service]?.prefix ?? service}, Status Code: ${status}, Request ID: ${e.$metadata?.requestId ?? 'unknown'})`;
}

async function assumeRole(ctx: SdkTaskContext, roleArn: string, sessionName: string): Promise<Record<string, string>> {
  const sts = await loadModule('sts');
  const client = new (clientOf(sts))(clientConfig(ctx, { accessKeyId: ctx.account, secretAccessKey: 'localaws' }));
  try {
    const out = await client.send(new (sts.AssumeRoleCommand as CommandCtor)({ RoleArn: roleArn, RoleSessionName: sessionName }));
    const c = out.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken?: string };
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    };
  } catch (error) {
    throw new SdkTaskError(sdkErrorName('sts', error), sdkErrorCause('sts', error));
  } finally {
    client.destroy();
  }
}

function clientConfig(ctx: SdkTaskContext, credentials: Record<string, string>): Record<string, unknown> {
  // One attempt: Retry in the definition decides about retries, as with AWS's integrations.
  return { endpoint: ctx.endpoint(), region: ctx.region, credentials, forcePathStyle: true, maxAttempts: 1 };
}

/** Calls one SDK action; resolves with its PascalCase output or rejects with an SdkTaskError. */
export async function callSdkTask(
  ctx: SdkTaskContext,
  resource: SdkResource,
  params: unknown,
  roleArn: string | undefined,
  sessionName: string,
): Promise<unknown> {
  const mod = await loadModule(resource.service);
  const operation = upperFirst(resource.action);
  const Command = mod[`${operation}Command`] as CommandCtor | undefined;
  if (typeof Command !== 'function') {
    throw new SdkTaskError(
      'States.Runtime',
      `The resource provided arn:aws:states:::aws-sdk:${resource.service}:${resource.action} is not recognized.`,
    );
  }
  const credentials = roleArn
    ? await assumeRole(ctx, roleArn, sessionName)
    : { accessKeyId: ctx.account, secretAccessKey: 'localaws' };
  const client = new (clientOf(mod))(clientConfig(ctx, credentials));
  try {
    const input =
      params && typeof params === 'object' && !Array.isArray(params)
        ? adaptInput(mod, operation, params as Record<string, unknown>)
        : {};
    return adaptOutput(await client.send(new Command(input)));
  } catch (error) {
    throw new SdkTaskError(sdkErrorName(resource.service, error), sdkErrorCause(resource.service, error));
  } finally {
    client.destroy();
  }
}
