/**
 * awsQuery codec: form-encoded input read by walking the operation's input schema from the
 * SDK client package, XML output written by the SDK's own XmlShapeSerializer from the output
 * schema. No per-operation XML lives here.
 */
import { XmlShapeSerializer } from '@aws-sdk/core/protocols';
import { AwsError, InvalidParameterValueError, ValidationError } from '../errors';
import { readShape, type SchemaRef, type Shape } from './schema';
import { compiledXmlContent } from './xml-writer';

export interface QueryCodecSettings {
  /** smithy namespace of the service, e.g. com.amazonaws.cloudformation */
  serviceNamespace: string;
  /** XML namespace of responses, e.g. http://cloudformation.amazonaws.com/doc/2010-05-15/ */
  xmlNamespace: string;
}

/** Reads `application/x-www-form-urlencoded` into a flat map; repeated keys keep the last value. */
export function parseForm(body: string): Map<string, string> {
  return new Map(new URLSearchParams(body).entries());
}

class FormReader {
  private readonly prefixes = new Set<string>();
  constructor(private readonly params: Map<string, string>) {
    // Every dotted prefix of every key, found by scanning for dots: no split/join per prefix, which made a key
    // of n segments cost O(n²) (a 40 KB key took seconds and hundreds of MB). decodeForm bounds keys anyway.
    for (const key of params.keys()) {
      for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) this.prefixes.add(key.slice(0, dot));
      this.prefixes.add(key);
    }
  }

  has(prefix: string): boolean {
    return this.prefixes.has(prefix);
  }

  read(ref: SchemaRef, path: string, fieldName: string): unknown {
    const shape = readShape(ref);
    if (!this.has(path)) return undefined;
    switch (shape.kind) {
      case 'structure':
        return this.readStruct(shape, path);
      case 'list':
        return this.readList(shape, path, fieldName);
      case 'map':
        return this.readMap(shape, path, fieldName);
      default:
        return this.readScalar(shape, path, fieldName);
    }
  }

  readStruct(shape: Shape, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    shape.members.forEach((member, index) => {
      const wireName = typeof member.traits.xmlName === 'string' ? member.traits.xmlName : member.name;
      const key = path ? `${path}.${wireName}` : wireName;
      const value = this.read(member.shape, key, member.name);
      if (value !== undefined) out[member.name] = value;
      else if (index < shape.requiredCount) {
        // The wording CloudFormation and STS use for a missing required member.
        const field = member.name.charAt(0).toLowerCase() + member.name.slice(1);
        throw new ValidationError(
          `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
        );
      }
    });
    return out;
  }

  readList(shape: Shape, path: string, fieldName: string): unknown[] {
    // An empty list travels as "Name=" with no members.
    if (this.params.get(path) === '') return [];
    const base = shape.traits.xmlFlattened ? path : `${path}.member`;
    const items: unknown[] = [];
    for (let i = 1; this.has(`${base}.${i}`); i++) items.push(this.read(shape.value, `${base}.${i}`, fieldName));
    return items;
  }

  readMap(shape: Shape, path: string, fieldName: string): Record<string, unknown> {
    const base = shape.traits.xmlFlattened ? path : `${path}.entry`;
    const out: Record<string, unknown> = {};
    for (let i = 1; this.has(`${base}.${i}`); i++) {
      const key = this.params.get(`${base}.${i}.key`);
      if (key === undefined) throw new ValidationError(`Map entry ${i} of ${fieldName} is missing its key`);
      out[key] = this.read(shape.value, `${base}.${i}.value`, fieldName);
    }
    return out;
  }

  readScalar(shape: Shape, path: string, fieldName: string): unknown {
    const raw = this.params.get(path);
    if (raw === undefined) return undefined;
    switch (shape.kind) {
      case 'boolean':
        if (raw !== 'true' && raw !== 'false')
          throw new InvalidParameterValueError(`Value (${raw}) for parameter ${fieldName} is invalid. Expected a boolean.`);
        return raw === 'true';
      case 'number': {
        const value = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(value))
          throw new InvalidParameterValueError(`Value (${raw}) for parameter ${fieldName} is invalid. Expected a number.`);
        return value;
      }
      case 'timestamp': {
        const value = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
        if (Number.isNaN(value.getTime()))
          throw new InvalidParameterValueError(`Value (${raw}) for parameter ${fieldName} is invalid. Expected a timestamp.`);
        return value;
      }
      default:
        return raw;
    }
  }
}

/** Builds an operation's input object from the form parameters, as the service's model declares it. */
export function readQueryInput(inputSchema: SchemaRef, params: Map<string, string>): Record<string, unknown> {
  const shape = readShape(inputSchema);
  if (shape.name === 'Unit') return {};
  return new FormReader(params).readStruct(shape, '');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Serializes `output` with the SDK's XmlShapeSerializer and returns only the content of its root element. */
export function sdkShapeContent(settings: QueryCodecSettings, outputSchema: SchemaRef, output: unknown): string {
  if (readShape(outputSchema).name === 'Unit') return '';
  const serializer = new XmlShapeSerializer({ ...settings, timestampFormat: { default: 5, useTrait: true } });
  serializer.write(outputSchema as Parameters<XmlShapeSerializer['write']>[0], output ?? {});
  const xml = String(serializer.flush());
  if (/^<[^>]*\/>$/.test(xml)) return '';
  const start = xml.indexOf('>') + 1;
  const end = xml.lastIndexOf('</');
  return end > start ? xml.slice(start, end) : '';
}

/**
 * The same content from the output schema's compiled writer (xml-writer.ts), which is several times faster;
 * anything it does not write exactly as the SDK would (it throws) goes to the SDK.
 */
export function renderShapeContent(settings: QueryCodecSettings, outputSchema: SchemaRef, output: unknown): string {
  const value = output ?? {};
  const compiled = typeof value === 'object' && !Array.isArray(value) ? compiledXmlContent(outputSchema) : undefined;
  if (compiled) {
    try {
      return compiled(value);
    } catch {
      // the SDK decides, including which error to raise
    }
  }
  return sdkShapeContent(settings, outputSchema, output);
}

export function renderQueryResponse(
  settings: QueryCodecSettings,
  action: string,
  outputSchema: SchemaRef,
  output: unknown,
  requestId: string,
): string {
  const content = renderShapeContent(settings, outputSchema, output);
  // Operations with no output (DeleteStack) have no <XResult> element at all.
  const result = readShape(outputSchema).name === 'Unit' ? '' : `<${action}Result>${content}</${action}Result>`;
  return (
    `<${action}Response xmlns="${settings.xmlNamespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function renderQueryError(xmlNamespace: string | undefined, error: AwsError, requestId: string): string {
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : '';
  return (
    `<ErrorResponse${ns}><Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
