/**
 * The log-delivery calls Step Functions makes for a state machine's logging (CreateLogDelivery and friends are
 * IAM actions with no operation in the SDK's model, so their schemas are written here, in the SDK's schema
 * encoding; the member names are localaws's choice) and resource policies, which the SDK does model.
 */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import { invalidParameter, notFound, page } from './errors';
import type { LogsDeps } from './group-handlers';
import type { LogDelivery } from './model';

const NS = 'com.amazonaws.cloudwatchlogs';
const struct = (name: string, members: string[], schemas: unknown[], required = 0) => [
  3,
  NS,
  name,
  0,
  members,
  schemas,
  required,
];
const DELIVERY = struct('LogDelivery', ['logDeliveryId', 'resourceArn', 'logGroupArn', 'creationTime'], [0, 0, 0, 1]);
const DELIVERY_LIST = [1, NS, 'LogDeliveries', 0, DELIVERY];
const op = (name: string, input: unknown, output: unknown) => [9, NS, name, 0, input, output];

export const LOG_DELIVERY_SCHEMAS = {
  CreateLogDelivery: op(
    'CreateLogDelivery',
    struct('CreateLogDeliveryRequest', ['resourceArn', 'logGroupArn'], [0, 0]),
    struct('CreateLogDeliveryResponse', ['logDeliveryId', 'logDelivery'], [0, DELIVERY]),
  ),
  GetLogDelivery: op(
    'GetLogDelivery',
    struct('GetLogDeliveryRequest', ['logDeliveryId'], [0], 1),
    struct('GetLogDeliveryResponse', ['logDelivery'], [DELIVERY]),
  ),
  UpdateLogDelivery: op(
    'UpdateLogDelivery',
    struct('UpdateLogDeliveryRequest', ['logDeliveryId', 'logGroupArn'], [0, 0], 1),
    struct('UpdateLogDeliveryResponse', ['logDelivery'], [DELIVERY]),
  ),
  DeleteLogDelivery: op('DeleteLogDelivery', struct('DeleteLogDeliveryRequest', ['logDeliveryId'], [0], 1), 'unit'),
  ListLogDeliveries: op(
    'ListLogDeliveries',
    struct('ListLogDeliveriesRequest', ['nextToken', 'limit'], [0, 1]),
    struct('ListLogDeliveriesResponse', ['logDeliveries', 'nextToken'], [DELIVERY_LIST, 0]),
  ),
};

type DeliveryInput = { logDeliveryId?: string; resourceArn?: string; logGroupArn?: string; nextToken?: string; limit?: number };

function requireDelivery({ model }: LogsDeps, ctx: RequestContext, id: string | undefined): LogDelivery {
  const delivery = model.deliveries.get(ctx.account, ctx.region).get(id ?? '');
  if (!delivery) throw notFound('The specified log delivery does not exist.');
  return delivery;
}

export function createLogDelivery(
  deps: LogsDeps,
  input: DeliveryInput,
  ctx: RequestContext,
): { logDeliveryId: string; logDelivery: LogDelivery } {
  const delivery: LogDelivery = {
    logDeliveryId: randomUUID(),
    resourceArn: input.resourceArn,
    logGroupArn: input.logGroupArn,
    creationTime: ctx.clock.now().getTime(),
  };
  deps.model.deliveries.get(ctx.account, ctx.region).set(delivery.logDeliveryId, delivery);
  return { logDeliveryId: delivery.logDeliveryId, logDelivery: delivery };
}

export const getLogDelivery = (deps: LogsDeps, input: DeliveryInput, ctx: RequestContext) => ({
  logDelivery: requireDelivery(deps, ctx, input.logDeliveryId),
});

export function updateLogDelivery(deps: LogsDeps, input: DeliveryInput, ctx: RequestContext): { logDelivery: LogDelivery } {
  const delivery = requireDelivery(deps, ctx, input.logDeliveryId);
  if (input.logGroupArn) delivery.logGroupArn = input.logGroupArn;
  return { logDelivery: delivery };
}

export function deleteLogDelivery(deps: LogsDeps, input: DeliveryInput, ctx: RequestContext): void {
  deps.model.deliveries.get(ctx.account, ctx.region).delete(requireDelivery(deps, ctx, input.logDeliveryId).logDeliveryId);
}

export function listLogDeliveries(
  deps: LogsDeps,
  input: DeliveryInput,
  ctx: RequestContext,
): { logDeliveries: LogDelivery[]; nextToken?: string } {
  const { items, nextToken } = page(
    [...deps.model.deliveries.get(ctx.account, ctx.region).values()],
    input.nextToken,
    input.limit ?? 50,
  );
  return { logDeliveries: items, nextToken };
}

const MAX_POLICIES = 10;
const MAX_POLICY_CHARS = 5120;

export function putResourcePolicy(
  { model }: LogsDeps,
  input: Logs.PutResourcePolicyRequest,
  ctx: RequestContext,
): Logs.PutResourcePolicyResponse {
  const name = input.policyName ?? '';
  const document = input.policyDocument ?? '';
  if (!name || !document) throw invalidParameter('policyName and policyDocument are required.');
  if (document.length > MAX_POLICY_CHARS) {
    throw invalidParameter(
      `1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_CHARS}`,
    );
  }
  try {
    JSON.parse(document);
  } catch {
    throw invalidParameter('The policy document is not valid JSON.');
  }
  const policies = model.resourcePolicies.get(ctx.account, ctx.region);
  if (!policies.has(name) && policies.size >= MAX_POLICIES)
    throw new AwsError('LimitExceededException', 'Resource limit exceeded.', 400);
  const policy = {
    policyName: name,
    policyDocument: document,
    lastUpdatedTime: ctx.clock.now().getTime(),
    revisionId: randomUUID(),
  };
  policies.set(name, policy);
  return { resourcePolicy: { ...policy, policyScope: 'ACCOUNT' }, revisionId: policy.revisionId };
}

export function describeResourcePolicies(
  { model }: LogsDeps,
  input: Logs.DescribeResourcePoliciesRequest,
  ctx: RequestContext,
): Logs.DescribeResourcePoliciesResponse {
  const { items, nextToken } = page(
    [...model.resourcePolicies.get(ctx.account, ctx.region).values()],
    input.nextToken,
    input.limit ?? 50,
  );
  return { resourcePolicies: items.map((p) => ({ ...p, policyScope: 'ACCOUNT' })), nextToken };
}

export function deleteResourcePolicy({ model }: LogsDeps, input: Logs.DeleteResourcePolicyRequest, ctx: RequestContext): void {
  const name = input.policyName ?? '';
  if (!model.resourcePolicies.get(ctx.account, ctx.region).delete(name))
    throw notFound(`Policy with name [${name}] does not exist`);
}
