/**
 * restXml codec (S3): input read from the REST request (path labels, query, headers, XML or raw payload)
 * as the operation's input schema's http traits say; output written the same way back (headers, status,
 * payload) with the body rendered by the SDK's XmlShapeSerializer. No per-operation XML lives here.
 */
import { XmlShapeDeserializer, XmlShapeSerializer } from '@aws-sdk/core/protocols';
import { XMLValidator } from 'fast-xml-parser';
import { AwsError } from '../errors';
import { LIMITS, xmlNestsDeeperThan } from './limits';
import { readShape, unwrapMember, type SchemaRef, type Shape } from './schema';

export interface RestXmlCodecSettings {
  /** smithy namespace, e.g. com.amazonaws.s3 */
  serviceNamespace: string;
  /** XML namespace of response documents, e.g. http://s3.amazonaws.com/doc/2006-03-01/ */
  xmlNamespace: string;
  /** every operation schema of the service, so a known but unimplemented one answers NotImplemented */
  catalog: unknown[];
}

/** What the codec reads from an HTTP request, with the bucket/key labels already split from the path. */
export interface RestRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RestReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export class MalformedXmlError extends AwsError {
  constructor() {
    super('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
}

type Schema = Parameters<XmlShapeSerializer['write']>[0];
const TIMESTAMPS = { default: 5 as const, useTrait: true };

function scalar(shape: Shape, raw: string, name: string): unknown {
  switch (shape.kind) {
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value))
        throw new AwsError('InvalidArgument', `Invalid value for ${name}: ${raw}`, 400);
      return value;
    }
    case 'boolean':
      return raw === 'true';
    case 'timestamp': {
      const date = new Date(raw);
      if (Number.isNaN(date.getTime())) throw new AwsError('InvalidArgument', `Invalid date for ${name}: ${raw}`, 400);
      return date;
    }
    default:
      return raw;
  }
}

async function readPayload(settings: RestXmlCodecSettings, ref: SchemaRef, body: Buffer): Promise<unknown> {
  const shape = readShape(ref);
  if (shape.kind === 'blob' || shape.kind === 'string') return body;
  if (body.length === 0) return undefined;
  if (body.length > LIMITS.xmlBodyBytes) throw new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', 400);
  const text = body.toString('utf8');
  // Checked in one pass before the validator and the SDK's parser see it.
  if (xmlNestsDeeperThan(text, LIMITS.xmlDepth) || XMLValidator.validate(text) !== true) throw new MalformedXmlError();
  try {
    return await new XmlShapeDeserializer({ ...settings, timestampFormat: TIMESTAMPS, httpBindings: true } as never).read(
      unwrapMember(ref).target as never,
      text,
    );
  } catch {
    throw new MalformedXmlError();
  }
}

/** Builds the operation's input from the request, member by member, as each member's http trait binds it. */
export async function readRestInput(
  settings: RestXmlCodecSettings,
  inputSchema: SchemaRef,
  request: RestRequest,
): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  const shape = readShape(inputSchema);
  for (const member of shape.members) {
    const { traits } = member;
    const memberShape = readShape(member.shape);
    if (traits.httpLabel) {
      if (request.labels[member.name] !== undefined) input[member.name] = request.labels[member.name];
    } else if (typeof traits.httpQuery === 'string') {
      const values = request.query.getAll(traits.httpQuery);
      if (values.length > 0)
        input[member.name] = memberShape.kind === 'list' ? values : scalar(memberShape, values[0]!, traits.httpQuery);
    } else if (typeof traits.httpHeader === 'string') {
      const raw = request.headers[traits.httpHeader.toLowerCase()];
      if (raw !== undefined)
        input[member.name] =
          memberShape.kind === 'list'
            ? String(raw)
                .split(',')
                .map((v) => v.trim())
            : scalar(memberShape, String(raw), traits.httpHeader);
    } else if (typeof traits.httpPrefixHeaders === 'string') {
      const prefix = traits.httpPrefixHeaders.toLowerCase();
      const entries = Object.entries(request.headers).filter(([k]) => k.startsWith(prefix));
      if (entries.length > 0)
        input[member.name] = Object.fromEntries(entries.map(([k, v]) => [k.slice(prefix.length), String(v)]));
    } else if (traits.httpPayload) {
      const value = await readPayload(settings, member.shape, request.body);
      if (value !== undefined) input[member.name] = value;
    }
  }
  return input;
}

function headerValue(shape: Shape, value: unknown): string {
  if (value instanceof Date) return value.toUTCString();
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function renderXml(settings: RestXmlCodecSettings, ref: SchemaRef, value: unknown): string {
  const serializer = new XmlShapeSerializer({ ...settings, timestampFormat: TIMESTAMPS });
  serializer.write(ref as Schema, value);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${String(serializer.flush())}`;
}

/**
 * GetBucketLocation's document is its one scalar member named like the structure itself; S3 writes it as
 * `<LocationConstraint xmlns="…">eu-west-1</LocationConstraint>`, not nested twice as a plain structure would be.
 */
function scalarDocument(settings: RestXmlCodecSettings, shape: Shape, members: Record<string, unknown>): string | undefined {
  const [only] = shape.members;
  if (shape.members.length !== 1 || !only || shape.traits.xmlName !== only.name || readShape(only.shape).kind !== 'string')
    return undefined;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${only.name} xmlns="${settings.xmlNamespace}">${escapeXml(String(members[only.name]))}</${only.name}>`;
}

/** Writes an operation's output: header members to headers, the payload (or the other members) to the body. */
export function renderRestOutput(
  settings: RestXmlCodecSettings,
  outputSchema: SchemaRef,
  output: Record<string, unknown> | undefined,
  status: number,
): RestReply {
  const reply: RestReply = { status, headers: {}, body: '' };
  const shape = readShape(outputSchema);
  if (shape.name === 'Unit' || !output) return reply;
  const bodyMembers: Record<string, unknown> = {};
  let hasBody = false;
  for (const member of shape.members) {
    const value = output[member.name];
    if (value === undefined || value === null) continue;
    const { traits } = member;
    if (typeof traits.httpHeader === 'string')
      reply.headers[traits.httpHeader.toLowerCase()] = headerValue(readShape(member.shape), value);
    else if (typeof traits.httpPrefixHeaders === 'string') {
      for (const [k, v] of Object.entries(value as Record<string, string>))
        reply.headers[`${traits.httpPrefixHeaders.toLowerCase()}${k}`] = v;
    } else if (traits.httpResponseCode) reply.status = Number(value);
    else if (traits.httpPayload) {
      const payloadShape = readShape(member.shape);
      if (payloadShape.kind === 'blob' || payloadShape.kind === 'string')
        reply.body = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array | string);
      else {
        reply.body = renderXml(settings, unwrapMember(member.shape).target, value);
        reply.headers['content-type'] = 'application/xml';
      }
    } else {
      bodyMembers[member.name] = value;
      hasBody = true;
    }
  }
  if (hasBody) {
    reply.body = scalarDocument(settings, shape, bodyMembers) ?? renderXml(settings, outputSchema, bodyMembers);
    reply.headers['content-type'] = 'application/xml';
  }
  return reply;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** S3's error document: `<Error><Code/><Message/>…extra fields…<RequestId/></Error>`; HEAD requests get no body. */
export function renderRestError(error: AwsError, requestId: string, method: string): RestReply {
  const extra =
    error instanceof RestError
      ? Object.entries(error.fields)
          .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
          .join('')
      : '';
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `${extra}<RequestId>${requestId}</RequestId><HostId>${Buffer.from(requestId).toString('base64')}</HostId></Error>`;
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: method === 'HEAD' ? '' : body,
  };
}

/** An error with S3's extra fields (BucketName, Key, Resource…) rendered into the error document. */
export class RestError extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}
