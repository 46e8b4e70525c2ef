/** PutLogEvents (with AWS's rejected-event bookkeeping), GetLogEvents and FilterLogEvents. */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext } from '../types';
import { groupName, invalidParameter, invalidPattern, page, requireGroup, requireStream } from './errors';
import { tryCompileFilterPattern } from './filter-pattern';
import type { LogsDeps } from './group-handlers';
import type { LogEvent } from './model';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_EVENT_BYTES = 1_048_550;

/**
 * Events must be in order and span at most 24 h; events older than 14 days (or the retention), or more than
 * 2 h ahead, are not stored and are reported by index in rejectedLogEventsInfo, the rest are accepted.
 */
export function putLogEvents(
  { model }: LogsDeps,
  input: Logs.PutLogEventsRequest,
  ctx: RequestContext,
): Logs.PutLogEventsResponse {
  const group = requireGroup(model, ctx, input.logGroupName ?? '');
  requireStream(model, ctx, group.name, input.logStreamName ?? '');
  const events = (input.logEvents ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '' }));
  if (events.length < 1 || events.length > 10_000) {
    const bound = events.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000';
    throw invalidParameter(
      `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  if (events.some((e, i) => i > 0 && e.timestamp < events[i - 1]!.timestamp))
    throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
  if (events.at(-1)!.timestamp - events[0]!.timestamp > DAY_MS)
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  if (events.some((e) => Buffer.byteLength(e.message) > MAX_EVENT_BYTES))
    throw invalidParameter('Log event too large: the maximum event size is 1 MB.');
  const now = ctx.clock.now().getTime();
  const rejected: Logs.RejectedLogEventsInfo = {};
  const retentionStart = group.retentionInDays ? now - group.retentionInDays * DAY_MS : -Infinity;
  const accepted = events.filter((event, index) => {
    if (event.timestamp > now + 2 * HOUR_MS) {
      rejected.tooNewLogEventStartIndex ??= index;
      return false;
    }
    if (event.timestamp < now - 14 * DAY_MS) {
      rejected.tooOldLogEventEndIndex = index;
      return false;
    }
    if (event.timestamp < retentionStart) {
      rejected.expiredLogEventEndIndex = index;
      return false;
    }
    return true;
  });
  if (accepted.length > 0) model.putLogEvents(ctx.account, ctx.region, group.name, input.logStreamName ?? '', accepted);
  const stored = requireStream(model, ctx, group.name, input.logStreamName ?? '').events.length;
  return {
    nextSequenceToken: String(stored).padStart(56, '0'),
    rejectedLogEventsInfo: Object.keys(rejected).length ? rejected : undefined,
  };
}

const inRange = (e: LogEvent, start?: number, end?: number) =>
  (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp <= end);
const byTime = (events: LogEvent[]) =>
  events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i)
    .map(({ e }) => e);

/**
 * Tokens are `f/N` and `b/N` positions in the (time-filtered) stream: forward pages start at N, backward pages
 * end at N. At either end the same token comes back, which is how callers know to stop.
 */
export function getLogEvents(
  { model }: LogsDeps,
  input: Logs.GetLogEventsRequest,
  ctx: RequestContext,
): Logs.GetLogEventsResponse {
  const group = groupName(input);
  const stream = requireStream(model, ctx, group, input.logStreamName ?? '');
  const events = byTime(stream.events).filter((e) => inRange(e, input.startTime, input.endTime));
  const limit = input.limit ?? 10_000;
  if (limit < 1 || limit > 10_000)
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`,
    );
  const token = input.nextToken;
  if (token !== undefined && !/^[fb]\/\d+$/.test(token)) throw invalidParameter('The specified nextToken is invalid.');
  const position = token ? Math.min(Number(token.slice(2)), events.length) : undefined;
  let start: number;
  let end: number;
  if (token?.startsWith('f') || (!token && input.startFromHead)) {
    start = position ?? 0;
    end = Math.min(events.length, start + limit);
  } else {
    end = position ?? events.length;
    start = Math.max(0, end - limit);
  }
  return {
    events: events.slice(start, end).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: `f/${String(end).padStart(56, '0')}`,
    nextBackwardToken: `b/${String(start).padStart(56, '0')}`,
  };
}

export function filterLogEvents(
  { model }: LogsDeps,
  input: Logs.FilterLogEventsRequest,
  ctx: RequestContext,
): Logs.FilterLogEventsResponse {
  const group = groupName(input);
  requireGroup(model, ctx, group);
  if (input.logStreamNames && input.logStreamNamePrefix)
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  const pattern = tryCompileFilterPattern(input.filterPattern ?? '');
  if (!pattern) throw invalidPattern();
  const limit = input.limit ?? 10_000;
  if (limit < 1 || limit > 10_000)
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`,
    );
  const streams = [...(model.streams.get(ctx.account, ctx.region).get(group)?.values() ?? [])]
    .filter((s) => !input.logStreamNames || input.logStreamNames.includes(s.name))
    .filter((s) => !input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix));
  const matched = streams
    .flatMap((s) => s.events.map((e, index) => ({ s: s.name, e, index })))
    .filter(({ e }) => inRange(e, input.startTime, input.endTime) && pattern.test(e.message))
    .sort((a, b) => a.e.timestamp - b.e.timestamp || (a.s < b.s ? -1 : a.s > b.s ? 1 : a.index - b.index));
  const { items, nextToken } = page(matched, input.nextToken, limit);
  return {
    events: items.map(({ s, e, index }) => ({
      logStreamName: s,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: `${e.timestamp}${String(index).padStart(10, '0')}`,
    })),
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: nextToken === undefined })),
    nextToken,
  };
}
