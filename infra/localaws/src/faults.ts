/**
 * Fault injection: rules set through the admin API make matching AWS calls slow, throttled or failing, each in
 * the service's own words (CloudFormation's `Throttling`, DynamoDB's `ProvisionedThroughputExceededException`,
 * S3's `SlowDown` 503 …). A seeded random makes "throttle 30 %" exactly reproducible in tests.
 */
import { AwsError } from './errors';

export interface FaultRule {
  /** SigV4 signing name: `s3`, `dynamodb`, `cloudformation`, `monitoring` (CloudWatch), `logs`, `states` … */
  service: string;
  /** only this operation (e.g. `PutObject`); all when absent */
  operation?: string;
  /** only calls made as this account / in this region */
  account?: string;
  region?: string;
  /** 0..1: share of matching calls answered with the service's throttling error */
  throttleRate?: number;
  /** 0..1: share of matching calls answered with a 500 */
  errorRate?: number;
  /** real milliseconds added before a matching call runs (not scaled by --speed) */
  latencyMs?: number;
  /** the rule applies to this many matching calls, then expires */
  count?: number;
}

export interface ActiveFaultRule extends FaultRule {
  id: string;
  matched: number;
}

export interface FaultCall {
  service: string;
  operation: string;
  account: string;
  region: string;
  /** how the client spoke: decides between e.g. `Throttling` (awsQuery) and `ThrottlingException` (JSON) */
  protocol: 'query' | 'json' | 'rest';
  /** the parsed input, for listeners that name what was throttled (Step Functions' ExecutionThrottled metric) */
  input?: unknown;
}

/** Told of every call a rule throttled, after the fact (errors a listener throws are its own, never the call's). */
export type ThrottleListener = (call: FaultCall) => void;

const RATE_EXCEEDED = 'Rate exceeded';
const DYNAMODB_DATA =
  /^(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchGetItem|BatchWriteItem|TransactGetItems|TransactWriteItems)$/;

/** The error AWS returns when it throttles this call. */
export function throttlingError(call: FaultCall): AwsError {
  if (call.service === 's3') return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
  if (call.service === 'dynamodb') {
    return DYNAMODB_DATA.test(call.operation)
      ? new AwsError(
          'ProvisionedThroughputExceededException',
          'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
          400,
        )
      : new AwsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 400);
  }
  // CloudWatch keeps its awsQuery error codes even over JSON; STS, IAM and CloudFormation speak awsQuery.
  if (call.service === 'monitoring' || call.protocol === 'query') return new AwsError('Throttling', RATE_EXCEEDED, 400);
  return new AwsError('ThrottlingException', RATE_EXCEEDED, 400);
}

/** The error AWS returns for an internal failure of this service. */
export function internalError(call: FaultCall): AwsError {
  const message = 'We encountered an internal error. Please try again.';
  if (call.service === 's3') return new AwsError('InternalError', message, 500);
  if (call.service === 'dynamodb') return new AwsError('InternalServerError', 'Internal server error', 500);
  if (call.service === 'kms') return new AwsError('KMSInternalException', message, 500);
  if (call.service === 'logs')
    return new AwsError('ServiceUnavailableException', 'The service cannot complete the request.', 500);
  return new AwsError(
    'InternalFailure',
    'The request processing has failed because of an unknown error, exception or failure.',
    500,
  );
}

/** mulberry32: tiny, fast, and the same sequence for the same seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Active rules at most, and the longest text a rule field may hold: rules are matched on every call. */
export const MAX_FAULT_RULES = 100;
const MAX_FIELD_LENGTH = 256;

function checkRule(value: unknown): FaultRule {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('a fault rule must be a JSON object');
  const rule = value as Record<string, unknown>;
  const known = ['service', 'operation', 'account', 'region', 'throttleRate', 'errorRate', 'latencyMs', 'count'];
  const unknown = Object.keys(rule).filter((key) => !known.includes(key));
  if (unknown.length) throw new Error(`unknown fault rule field(s): ${unknown.join(', ')} (known: ${known.join(', ')})`);
  if (typeof rule.service !== 'string' || !rule.service)
    throw new Error('fault rule needs "service" (the SigV4 signing name, e.g. "s3")');
  for (const key of ['operation', 'account', 'region'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') throw new Error(`"${key}" must be a string`);
  }
  for (const key of ['service', 'operation', 'account', 'region'] as const) {
    if (typeof rule[key] === 'string' && rule[key].length > MAX_FIELD_LENGTH)
      throw new Error(`"${key}" must be at most ${MAX_FIELD_LENGTH} characters`);
  }
  for (const key of ['throttleRate', 'errorRate'] as const) {
    const rate = rule[key];
    if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)))
      throw new Error(`"${key}" must be a number from 0 to 1`);
  }
  for (const key of ['latencyMs', 'count'] as const) {
    const n = rule[key];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 600_000))
      throw new Error(`"${key}" must be a whole number from 0 to 600000`);
  }
  if (rule.throttleRate === undefined && rule.errorRate === undefined && rule.latencyMs === undefined) {
    throw new Error('a fault rule needs at least one of throttleRate, errorRate, latencyMs');
  }
  return rule as unknown as FaultRule;
}

export class FaultEngine {
  private rules: ActiveFaultRule[] = [];
  private random: () => number;
  private nextId = 1;
  private readonly throttleListeners: ThrottleListener[] = [];

  constructor(private seed = 1) {
    this.random = seededRandom(seed);
  }

  /** Validates and adds rules (throws an Error with a readable message on bad input). */
  add(input: unknown): ActiveFaultRule[] {
    const rules = (Array.isArray(input) ? input : [input]).map(checkRule);
    if (this.rules.length + rules.length > MAX_FAULT_RULES) {
      throw new Error(`at most ${MAX_FAULT_RULES} fault rules can be active (${this.rules.length} are); clear some first`);
    }
    const added = rules.map((rule) => ({ ...rule, id: `fault-${this.nextId++}`, matched: 0 }));
    this.rules.push(...added);
    return added;
  }

  /** Adds a listener for throttled calls (a service whose metrics count them, as AWS/States ExecutionThrottled). */
  onThrottle(listener: ThrottleListener): void {
    this.throttleListeners.push(listener);
  }

  /** Restarts the random sequence, so the same rules hit the same calls again. */
  reseed(seed: number): void {
    this.seed = seed;
    this.random = seededRandom(seed);
  }

  list(): { seed: number; rules: ActiveFaultRule[] } {
    return { seed: this.seed, rules: this.rules.map((rule) => ({ ...rule })) };
  }

  /** Removes one rule by id, or all; returns how many were removed. */
  clear(id?: string): number {
    const before = this.rules.length;
    this.rules = id === undefined ? [] : this.rules.filter((rule) => rule.id !== id);
    return before - this.rules.length;
  }

  /** Called before an operation runs: waits the added latency, then throws the injected error, if any. */
  async apply(call: FaultCall): Promise<void> {
    if (this.rules.length === 0) return;
    const matching = this.rules.filter(
      (r) =>
        r.service === call.service &&
        (r.operation === undefined || r.operation === call.operation) &&
        (r.account === undefined || r.account === call.account) &&
        (r.region === undefined || r.region === call.region),
    );
    if (matching.length === 0) return;
    let latency = 0;
    let fault: AwsError | undefined;
    let throttledCall = false;
    for (const rule of matching) {
      rule.matched += 1;
      if (rule.count !== undefined && rule.matched >= rule.count) this.rules = this.rules.filter((r) => r !== rule);
      latency += rule.latencyMs ?? 0;
      // Draw for every rate so one rule's outcome does not shift another's sequence.
      const throttled = rule.throttleRate !== undefined && this.random() < rule.throttleRate;
      const failed = rule.errorRate !== undefined && this.random() < rule.errorRate;
      if (!fault && throttled) throttledCall = true;
      fault ??= throttled ? throttlingError(call) : failed ? internalError(call) : undefined;
    }
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (throttledCall) {
      for (const listener of this.throttleListeners) {
        try {
          listener(call);
        } catch {
          // A listener's failure must not turn the throttle into a different error.
        }
      }
    }
    if (fault) throw fault;
  }
}
