/** Parameter values: defaults, previous values, and the constraint checks CloudFormation applies. */
import type { Parameter } from '@aws-sdk/client-cloudformation';
import { ValidationError } from '../../errors';
import type { ParameterDef, Template } from './template';

export interface ResolvedParameters {
  /** values by name for evaluation (list types as arrays) */
  values: Record<string, string | string[]>;
  /** raw string values by name, as stored and compared between operations */
  raw: Record<string, string>;
  noEcho: Set<string>;
}

function violation(name: string, def: ParameterDef, fallback: string): ValidationError {
  // With a ConstraintDescription, AWS reports it instead of the specific rule.
  return new ValidationError(
    def.ConstraintDescription ? `Parameter ${name} failed to satisfy constraint: ${def.ConstraintDescription}` : fallback,
  );
}

function checkConstraints(name: string, def: ParameterDef, value: string): void {
  const isList = def.Type === 'CommaDelimitedList' || def.Type.startsWith('List<');
  const items = isList ? value.split(',').map((v) => v.trim()) : [value];
  for (const item of items) {
    if (def.AllowedValues && !def.AllowedValues.map(String).includes(item))
      throw violation(name, def, `Parameter '${name}' must be one of AllowedValues`);
    if (def.AllowedPattern !== undefined && !new RegExp(`^(?:${def.AllowedPattern})$`, 'u').test(item)) {
      throw violation(name, def, `Parameter '${name}' must match pattern ${def.AllowedPattern}`);
    }
    if (def.MinLength !== undefined && item.length < Number(def.MinLength))
      throw violation(name, def, `Parameter '${name}' must contain at least ${def.MinLength} characters`);
    if (def.MaxLength !== undefined && item.length > Number(def.MaxLength))
      throw violation(name, def, `Parameter '${name}' must contain at most ${def.MaxLength} characters`);
    if (def.Type === 'Number' || def.Type === 'List<Number>') {
      const n = Number(item);
      if (item === '' || !Number.isFinite(n)) throw violation(name, def, `Parameter '${name}' must be a number`);
      if (def.MinValue !== undefined && n < Number(def.MinValue))
        throw violation(name, def, `Parameter '${name}' must be a number not less than ${def.MinValue}`);
      if (def.MaxValue !== undefined && n > Number(def.MaxValue))
        throw violation(name, def, `Parameter '${name}' must be a number not greater than ${def.MaxValue}`);
    }
  }
}

export function resolveParameters(
  template: Template,
  given: Parameter[] = [],
  previous: Record<string, string> = {},
): ResolvedParameters {
  const defs = template.Parameters ?? {};
  const unknown = given.map((p) => p.ParameterKey ?? '').filter((key) => !(key in defs));
  if (unknown.length > 0) throw new ValidationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const byKey = new Map(given.map((p) => [p.ParameterKey ?? '', p]));
  const values: Record<string, string | string[]> = {};
  const raw: Record<string, string> = {};
  const noEcho = new Set<string>();
  const missing: string[] = [];
  for (const [name, def] of Object.entries(defs)) {
    if (!def || typeof def.Type !== 'string')
      throw new ValidationError(`Template format error: Every Parameters object must contain a Type member.`);
    const passed = byKey.get(name);
    let value: string | undefined;
    if (passed?.UsePreviousValue) {
      value = previous[name];
      if (value === undefined)
        throw new ValidationError(`Unable to use previous value for parameter ${name}: it has no previous value`);
    } else if (passed?.ParameterValue !== undefined) value = passed.ParameterValue;
    else if (def.Default !== undefined) value = Array.isArray(def.Default) ? def.Default.join(',') : String(def.Default);
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    checkConstraints(name, def, value);
    raw[name] = value;
    values[name] =
      def.Type === 'CommaDelimitedList' || def.Type.startsWith('List<') ? value.split(',').map((v) => v.trim()) : value;
    if (def.NoEcho === true || def.NoEcho === 'true') noEcho.add(name);
  }
  if (missing.length > 0) throw new ValidationError(`Parameters: [${missing.join(', ')}] must have values`);
  return { values, raw, noEcho };
}

/** Parameters as DescribeStacks shows them: NoEcho values masked. */
export function describeParameters(resolved: ResolvedParameters): Parameter[] {
  return Object.entries(resolved.raw).map(([key, value]) => ({
    ParameterKey: key,
    ParameterValue: resolved.noEcho.has(key) ? '****' : value,
  }));
}
