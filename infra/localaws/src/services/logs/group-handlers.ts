/** Log groups: create/delete/describe, retention, KMS association and tags. */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../../errors';
import type { KmsModel } from '../kms/model';
import type { RequestContext } from '../types';
import { alreadyExists, groupName, invalidParameter, notFound, page, requireGroup } from './errors';
import { checkLogsMayUseKey } from './kms-binding';
import type { LogGroup, LogsModel } from './model';

export interface LogsDeps {
  model: LogsModel;
  kms: KmsModel;
}

export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function checkGroupName(name: string): void {
  if (name.length > 512 || !GROUP_NAME.test(name)) {
    throw invalidParameter(
      `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
    );
  }
}

function checkTags(tags: Record<string, string>, existing: Record<string, string> = {}): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key) || key.startsWith('aws:'))
      throw invalidParameter(`Invalid tag key: '${key}'`);
    if (value.length > 256 || !TAG_TEXT.test(value)) throw invalidParameter(`Invalid tag value: '${value}' for tag key '${key}'`);
  }
  if (Object.keys({ ...existing, ...tags }).length > 50)
    throw new AwsError('TooManyTagsException', 'A resource can have no more than 50 tags.', 400);
}

const groupArn = (ctx: RequestContext, name: string) => `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`;

export function createLogGroup({ model, kms }: LogsDeps, input: Logs.CreateLogGroupRequest, ctx: RequestContext): void {
  const name = input.logGroupName ?? '';
  checkGroupName(name);
  const groups = model.groups.get(ctx.account, ctx.region);
  if (groups.has(name)) throw alreadyExists('The specified log group already exists');
  checkTags(input.tags ?? {});
  if (input.kmsKeyId) checkLogsMayUseKey(kms, ctx.account, ctx.region, name, input.kmsKeyId);
  groups.set(name, {
    name,
    arn: `${groupArn(ctx, name)}:*`,
    kmsKeyId: input.kmsKeyId,
    creationTime: ctx.clock.now(),
    tags: input.tags,
  });
}

export function deleteLogGroup({ model }: LogsDeps, input: Logs.DeleteLogGroupRequest, ctx: RequestContext): void {
  const name = input.logGroupName ?? '';
  requireGroup(model, ctx, name);
  model.groups.get(ctx.account, ctx.region).delete(name);
  model.streams.get(ctx.account, ctx.region).delete(name);
  // A group's metric filters go with it.
  const filters = model.metricFilters.get(ctx.account, ctx.region);
  for (const [key, filter] of filters) if (filter.logGroupName === name) filters.delete(key);
}

function describeGroup(model: LogsModel, ctx: RequestContext, group: LogGroup): Logs.LogGroup {
  const filters = [...model.metricFilters.get(ctx.account, ctx.region).values()].filter(
    (f) => f.logGroupName === group.name,
  ).length;
  const streams = model.streams.get(ctx.account, ctx.region).get(group.name);
  const storedBytes = [...(streams?.values() ?? [])].reduce(
    (sum, s) => sum + s.events.reduce((n, e) => n + Buffer.byteLength(e.message), 0),
    0,
  );
  return {
    logGroupName: group.name,
    creationTime: group.creationTime.getTime(),
    retentionInDays: group.retentionInDays,
    metricFilterCount: filters,
    arn: group.arn,
    logGroupArn: groupArn(ctx, group.name),
    storedBytes,
    kmsKeyId: group.kmsKeyId,
    logGroupClass: 'STANDARD',
  };
}

/** Sorted by name, as AWS lists them; prefix (case-sensitive) or pattern (case-insensitive substring). */
export function describeLogGroups(
  { model }: LogsDeps,
  input: Logs.DescribeLogGroupsRequest,
  ctx: RequestContext,
): Logs.DescribeLogGroupsResponse {
  if (input.logGroupNamePrefix && input.logGroupNamePattern)
    throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const limit = input.limit ?? 50;
  if (limit < 1 || limit > 50)
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`,
    );
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const wanted = input.logGroupIdentifiers?.map((id) => groupName({ logGroupIdentifier: id }));
  const groups = [...model.groups.get(ctx.account, ctx.region).values()]
    .filter(
      (g) =>
        (!input.logGroupNamePrefix || g.name.startsWith(input.logGroupNamePrefix)) &&
        (!pattern || g.name.toLowerCase().includes(pattern)),
    )
    .filter((g) => !wanted || wanted.includes(g.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { items, nextToken } = page(groups, input.nextToken, limit);
  return { logGroups: items.map((g) => describeGroup(model, ctx, g)), nextToken };
}

export function putRetentionPolicy({ model }: LogsDeps, input: Logs.PutRetentionPolicyRequest, ctx: RequestContext): void {
  const days = input.retentionInDays ?? 0;
  if (!RETENTION_DAYS.includes(days)) {
    throw invalidParameter(
      `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  requireGroup(model, ctx, input.logGroupName ?? '').retentionInDays = days;
}

export function deleteRetentionPolicy({ model }: LogsDeps, input: Logs.DeleteRetentionPolicyRequest, ctx: RequestContext): void {
  requireGroup(model, ctx, input.logGroupName ?? '').retentionInDays = undefined;
}

export function associateKmsKey({ model, kms }: LogsDeps, input: Logs.AssociateKmsKeyRequest, ctx: RequestContext): void {
  if (!input.logGroupName) throw invalidParameter('Only log group association is supported here: specify logGroupName.');
  const group = requireGroup(model, ctx, input.logGroupName);
  checkLogsMayUseKey(kms, ctx.account, ctx.region, group.name, input.kmsKeyId ?? '');
  group.kmsKeyId = input.kmsKeyId;
}

export function disassociateKmsKey({ model }: LogsDeps, input: Logs.DisassociateKmsKeyRequest, ctx: RequestContext): void {
  requireGroup(model, ctx, input.logGroupName ?? '').kmsKeyId = undefined;
}

function taggedGroup(model: LogsModel, ctx: RequestContext, resourceArn: string): LogGroup {
  const name = resourceArn.includes(':log-group:') ? resourceArn.split(':log-group:')[1]!.replace(/:\*$/, '') : undefined;
  const group = name === undefined ? undefined : model.groups.get(ctx.account, ctx.region).get(name);
  if (!group) throw notFound('The specified resource does not exist.');
  return group;
}

export function tagResource({ model }: LogsDeps, input: Logs.TagResourceRequest, ctx: RequestContext): void {
  const group = taggedGroup(model, ctx, input.resourceArn ?? '');
  checkTags(input.tags ?? {}, group.tags);
  group.tags = { ...group.tags, ...input.tags };
}

export function untagResource({ model }: LogsDeps, input: Logs.UntagResourceRequest, ctx: RequestContext): void {
  const group = taggedGroup(model, ctx, input.resourceArn ?? '');
  const tags = { ...group.tags };
  for (const key of input.tagKeys ?? []) delete tags[key];
  group.tags = tags;
}

export function listTagsForResource(
  { model }: LogsDeps,
  input: Logs.ListTagsForResourceRequest,
  ctx: RequestContext,
): Logs.ListTagsForResourceResponse {
  return { tags: { ...taggedGroup(model, ctx, input.resourceArn ?? '').tags } };
}
