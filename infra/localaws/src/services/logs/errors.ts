/** CloudWatch Logs errors with AWS's texts, and the lookups that raise them. */
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import type { LogGroup, LogsModel, LogStream } from './model';

export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message, 400);
export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message, 400);
export const alreadyExists = (message: string) => new AwsError('ResourceAlreadyExistsException', message, 400);
export const invalidPattern = () => invalidParameter('Invalid metric filter pattern');

/** Logs answers a missing member with InvalidParameterException, in the usual validation wording. */
export function logsMissingMember(member: string): AwsError {
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  return invalidParameter(
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  );
}

/** A group named directly or through logGroupIdentifier (a name or an ARN, with or without `:*`). */
export function groupName(input: { logGroupName?: string; logGroupIdentifier?: string }): string {
  if (input.logGroupName && input.logGroupIdentifier)
    throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const id = input.logGroupName ?? input.logGroupIdentifier;
  if (id === undefined) throw invalidParameter('Should provide either a log group name or a log group identifier.');
  return id.startsWith('arn:') ? id.split(':log-group:')[1]!.replace(/:\*$/, '') : id;
}

export function requireGroup(model: LogsModel, ctx: RequestContext, name: string): LogGroup {
  const group = model.groups.get(ctx.account, ctx.region).get(name);
  if (!group) throw notFound('The specified log group does not exist.');
  return group;
}

export function requireStream(model: LogsModel, ctx: RequestContext, group: string, stream: string): LogStream {
  requireGroup(model, ctx, group);
  const found = model.streams.get(ctx.account, ctx.region).get(group)?.get(stream);
  if (!found) throw notFound('The specified log stream does not exist.');
  return found;
}

/** Opaque page tokens: an offset, refused when tampered with. */
export function readToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString().replace(/^o:/, ''));
  if (!Buffer.from(token, 'base64url').toString().startsWith('o:') || !Number.isInteger(offset) || offset < 0)
    throw invalidParameter('The specified nextToken is invalid.');
  return offset;
}

export function writeToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** A page of `items` from a token, with the token of the next page when there is one. */
export function page<T>(items: T[], token: string | undefined, limit: number): { items: T[]; nextToken?: string } {
  const start = readToken(token);
  const end = start + limit;
  return { items: items.slice(start, end), nextToken: end < items.length ? writeToken(end) : undefined };
}
