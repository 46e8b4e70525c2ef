/**
 * The SDK's JSON deserializer trusts member types, so `{"KeyId": {"x": 1}}` would reach a handler as an object.
 * This walks a deserialized input against its schema and refuses a mismatch with SerializationException, as
 * AWS does, so no handler of any JSON service can trip over a wrongly typed member (a 500).
 */
import { SerializationError } from '../errors';
import { readShape, type SchemaRef } from './schema';

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
      for (const member of shape.members)
        check(
          member.shape,
          (value as Record<string, unknown>)[member.name],
          path ? `${path}.${member.name}` : member.name,
          depth + 1,
        );
      return;
    default:
      return;
  }
}

/** Throws SerializationException when `value` does not have the types `inputSchema` declares. */
export function checkInputTypes(inputSchema: SchemaRef, value: unknown): void {
  check(inputSchema, value, '');
}
