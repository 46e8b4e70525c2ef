/**
 * AWS JSON 1.0/1.1 codec: `POST /` with `X-Amz-Target: Prefix.Operation` and a JSON body. Input is read and
 * output written by the SDK's own JsonShapeDeserializer/JsonShapeSerializer from the operation's schemas, so
 * timestamps (epoch seconds), blobs (base64) and member names follow the service model, not hand-written code.
 */
import { JsonShapeDeserializer, JsonShapeSerializer } from '@aws-sdk/core/protocols';
import { AwsError, SerializationError } from '../errors';
import { checkInputTypes } from './check-input-types';
import { compiledJsonWriter } from './json-writer';
import { jsonNestsDeeperThan, LIMITS } from './limits';
import { readShape, type SchemaRef } from './schema';

export interface JsonCodecSettings {
  version: '1.0' | '1.1';
  /** The X-Amz-Target prefix, e.g. TrentService (KMS) or Logs_20140328. */
  targetPrefix: string;
  /**
   * Services migrated from awsQuery (CloudWatch) also send their old error code in `x-amzn-query-error`,
   * which the SDK prefers when the client asked with `x-amzn-query-mode: true`.
   */
  queryCompatible?: boolean;
  /** The error a service answers when a required member is missing (KMS: ValidationException). */
  missingMember?: (member: string) => AwsError;
}

type Schema = Parameters<JsonShapeSerializer['write']>[0];
const TIMESTAMPS = { default: 7 as const, useTrait: true };

export { SerializationError };

export function defaultMissingMember(member: string): AwsError {
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    400,
  );
}

/** Parses a JSON request body into the operation's input shape, refusing malformed JSON and missing members. */
export async function readJsonInput(
  settings: JsonCodecSettings,
  inputSchema: SchemaRef,
  body: string,
): Promise<Record<string, unknown>> {
  const shape = readShape(inputSchema);
  let raw: unknown;
  // Checked in one pass before parsing: the SDK's deserializer and checkInputTypes recurse per level.
  if (jsonNestsDeeperThan(body, LIMITS.jsonDepth))
    throw new SerializationError(`The request nests deeper than ${LIMITS.jsonDepth} levels.`);
  try {
    raw = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new SerializationError('Start of structure or map found where not expected.');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new SerializationError('Start of structure or map found where not expected.');
  if (shape.name === 'Unit') return {};
  let input: Record<string, unknown>;
  try {
    input = (await new JsonShapeDeserializer({ timestampFormat: TIMESTAMPS, jsonName: false }).read(
      inputSchema as Schema,
      JSON.stringify(raw),
    )) as Record<string, unknown>;
  } catch (error) {
    throw new SerializationError(`Could not read the request: ${(error as Error).message}`);
  }
  checkInputTypes(inputSchema, input);
  shape.members.slice(0, shape.requiredCount).forEach((member) => {
    if (input[member.name] === undefined || input[member.name] === null)
      throw (settings.missingMember ?? defaultMissingMember)(member.name);
  });
  return input ?? {};
}

/** The output document as the SDK's JsonShapeSerializer writes it. */
export function sdkJsonOutput(outputSchema: SchemaRef, output: unknown): string {
  if (readShape(outputSchema).name === 'Unit' || output == null) return '{}';
  const serializer = new JsonShapeSerializer({ timestampFormat: TIMESTAMPS, jsonName: false });
  serializer.write(outputSchema as Schema, output);
  return String(serializer.flush() || '{}');
}

/**
 * The same document from the output schema's compiled writer (json-writer.ts), which is several times faster;
 * anything it does not write exactly as the SDK would (it throws) goes to the SDK.
 */
export function renderJsonOutput(outputSchema: SchemaRef, output: unknown): string {
  const compiled = readShape(outputSchema).name === 'Unit' ? undefined : compiledJsonWriter(outputSchema);
  if (compiled && output !== null && typeof output === 'object' && !Array.isArray(output)) {
    try {
      return compiled(output);
    } catch {
      // the SDK decides, including which error to raise
    }
  }
  return sdkJsonOutput(outputSchema, output);
}

export interface JsonErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function renderJsonError(settings: JsonCodecSettings | undefined, error: AwsError): JsonErrorResponse {
  const headers: Record<string, string> = {
    'content-type': `application/x-amz-json-${settings?.version ?? '1.1'}`,
    'x-amzn-errortype': error.code,
  };
  if (settings?.queryCompatible) headers['x-amzn-query-error'] = `${error.code};${error.fault}`;
  return { status: error.status, headers, body: JSON.stringify({ __type: error.code, message: error.message }) };
}
