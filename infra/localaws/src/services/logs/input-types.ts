/**
 * The SDK's JSON deserializer trusts member types, so `{"KeyId": {"x": 1}}` would reach a handler as an object.
 * This walks a deserialized input against its schema and refuses a mismatch with SerializationException, as
 * AWS does, instead of letting a handler trip over it (a 500). Used by the KMS and Logs services.
 */
import { SerializationError } from '../../protocols/aws-json';
import { operationIo, readShape, type SchemaRef } from '../../protocols/schema';
import { defineOperation, type Operation, type RequestContext } from '../types';

function check(schema: SchemaRef, value: unknown, path: string, depth = 0): void {
  if (value === undefined || value === null || depth > 20) return;
  const shape = readShape(schema);
  const wrong = () => new SerializationError(`Unexpected value type at '${path}': expected ${shape.kind}.`);
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrong();
      return;
    case 'number':
      if (typeof value !== 'number') throw wrong();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong();
      return;
    case 'blob':
      if (!(value instanceof Uint8Array) && typeof value !== 'string') throw wrong();
      return;
    case 'timestamp':
      if (!(value instanceof Date) && typeof value !== 'number') throw wrong();
      return;
    case 'list':
      if (!Array.isArray(value)) throw wrong();
      value.forEach((item, i) => check(shape.value, item, `${path}[${i}]`, depth + 1));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) throw wrong();
      for (const [key, item] of Object.entries(value)) check(shape.value, item, `${path}.${key}`, depth + 1);
      return;
    case 'structure':
      if (shape.name === 'Unit') return;
      if (typeof value !== 'object' || Array.isArray(value)) throw wrong();
      for (const member of shape.members) check(member.shape, (value as Record<string, unknown>)[member.name], path ? `${path}.${member.name}` : member.name, depth + 1);
      return;
    default:
      return;
  }
}

/** defineOperation, with the input's member types checked against the operation's input schema first. */
export function defineCheckedOperation<I>(schema: unknown, handle: (input: I, ctx: RequestContext) => unknown): Operation {
  const { input } = operationIo(schema);
  return defineOperation<I>(schema, (value, ctx) => {
    check(input, value, '');
    return handle(value, ctx);
  });
}
