/** Log streams: create, describe (by name or last event time), delete. */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext } from '../types';
import { alreadyExists, groupName, invalidParameter, page, requireGroup, requireStream } from './errors';
import type { LogsDeps } from './group-handlers';
import type { LogStream } from './model';

export function createLogStream({ model }: LogsDeps, input: Logs.CreateLogStreamRequest, ctx: RequestContext): void {
  const group = input.logGroupName ?? '';
  const name = input.logStreamName ?? '';
  if (name.length < 1 || name.length > 512 || /[:*]/.test(name)) {
    throw invalidParameter(
      `1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`,
    );
  }
  requireGroup(model, ctx, group);
  const byGroup = model.streams.get(ctx.account, ctx.region);
  let streams = byGroup.get(group);
  if (!streams) byGroup.set(group, (streams = new Map()));
  if (streams.has(name)) throw alreadyExists('The specified log stream already exists');
  streams.set(name, { name, creationTime: ctx.clock.now().getTime(), events: [] });
}

export function deleteLogStream({ model }: LogsDeps, input: Logs.DeleteLogStreamRequest, ctx: RequestContext): void {
  const group = input.logGroupName ?? '';
  requireStream(model, ctx, group, input.logStreamName ?? '');
  model.streams
    .get(ctx.account, ctx.region)
    .get(group)
    ?.delete(input.logStreamName ?? '');
}

export function describeStream(ctx: RequestContext, group: string, stream: LogStream): Logs.LogStream {
  const times = stream.events.map((e) => e.timestamp);
  const last = stream.events.at(-1);
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    firstEventTimestamp: times.length ? Math.min(...times) : undefined,
    lastEventTimestamp: times.length ? Math.max(...times) : undefined,
    lastIngestionTime: last?.ingestionTime,
    uploadSequenceToken: String(stream.events.length).padStart(56, '0'),
    arn: `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${group}:log-stream:${stream.name}`,
    storedBytes: 0,
  };
}

export function describeLogStreams(
  { model }: LogsDeps,
  input: Logs.DescribeLogStreamsRequest,
  ctx: RequestContext,
): Logs.DescribeLogStreamsResponse {
  const group = groupName(input);
  requireGroup(model, ctx, group);
  const byTime = input.orderBy === 'LastEventTime';
  if (byTime && input.logStreamNamePrefix) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const limit = input.limit ?? 50;
  if (limit < 1 || limit > 50)
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`,
    );
  const described = [...(model.streams.get(ctx.account, ctx.region).get(group)?.values() ?? [])]
    .filter((s) => !input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix))
    .map((s) => describeStream(ctx, group, s));
  const key = (s: Logs.LogStream) => (byTime ? (s.lastEventTimestamp ?? 0) : (s.logStreamName ?? ''));
  described.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (input.descending) described.reverse();
  const { items, nextToken } = page(described, input.nextToken, limit);
  return { logStreams: items, nextToken };
}
