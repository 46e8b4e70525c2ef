/**
 * Evaluates intrinsic functions and conditions against a stack's parameters, pseudo parameters
 * and the resources provisioned so far. Also finds what a value refers to, which is where
 * provisioning order comes from.
 */
import { templateError, templateFormatError } from './errors';
import type { Json, Template } from './template';

export const NO_VALUE = Symbol('AWS::NoValue');

export interface ResolvedResource {
  ref: string;
  attributes: Record<string, unknown>;
}

export interface EvalScope {
  template: Template;
  /** parameters and pseudo parameters by name (CommaDelimitedList values as arrays) */
  values: Record<string, string | string[]>;
  region: string;
  /** resources whose physical ids are known, by logical id */
  resource(logicalId: string): ResolvedResource | undefined;
  importValue(name: string): string | undefined;
}

function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`${where} expects a string, got ${JSON.stringify(value)}`);
}

function asList(value: unknown, where: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw templateError(`${where} expects a list, got ${JSON.stringify(value)}`);
}

export function evaluateCondition(name: string, scope: EvalScope, seen: string[] = []): boolean {
  const expression = scope.template.Conditions?.[name];
  if (expression === undefined) throw templateFormatError(`Unresolved condition dependency ${name} in Fn::If`);
  if (seen.includes(name)) throw templateFormatError(`Circular condition dependency: [${[...seen, name].join(', ')}]`);
  return evaluateConditionExpression(expression, scope, [...seen, name]);
}

function evaluateConditionExpression(expression: Json, scope: EvalScope, seen: string[]): boolean {
  if (typeof expression === 'boolean') return expression;
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression))
    throw templateError(`invalid condition ${JSON.stringify(expression)}`);
  const [fn, arg] = Object.entries(expression)[0] ?? [];
  switch (fn) {
    case 'Condition':
      return evaluateCondition(asString(arg, 'Condition'), scope, seen);
    case 'Fn::Equals': {
      const [a, b] = asList(arg, 'Fn::Equals').map((v) => JSON.stringify(evaluate(v as Json, scope)));
      return a === b;
    }
    case 'Fn::And':
      return asList(arg, 'Fn::And').every((c) => evaluateConditionExpression(c as Json, scope, seen));
    case 'Fn::Or':
      return asList(arg, 'Fn::Or').some((c) => evaluateConditionExpression(c as Json, scope, seen));
    case 'Fn::Not':
      return !evaluateConditionExpression(asList(arg, 'Fn::Not')[0] as Json, scope, seen);
    default:
      throw templateError(`unsupported condition function ${fn}`);
  }
}

function getAtt(arg: unknown, scope: EvalScope): unknown {
  const [logicalId, attribute] =
    typeof arg === 'string'
      ? arg.split(/\.(.*)/s)
      : asList(arg, 'Fn::GetAtt').map((v) => asString(evaluate(v as Json, scope), 'Fn::GetAtt'));
  const resource = scope.resource(String(logicalId));
  if (!resource)
    throw templateFormatError(`Unresolved resource dependencies [${logicalId}] in the Resources block of the template`);
  const value = resource.attributes[String(attribute)];
  if (value === undefined)
    throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  return value;
}

function ref(name: string, scope: EvalScope): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name in scope.values) return scope.values[name];
  const resource = scope.resource(name);
  if (resource) return resource.ref;
  throw templateFormatError(`Unresolved resource dependencies [${name}] in the Resources block of the template`);
}

function sub(arg: unknown, scope: EvalScope): string {
  const [text, variables] = typeof arg === 'string' ? [arg, {}] : (asList(arg, 'Fn::Sub') as [unknown, unknown]);
  const vars = (variables ?? {}) as Record<string, Json>;
  return asString(text, 'Fn::Sub').replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in vars) return asString(evaluate(vars[name] as Json, scope), `Fn::Sub variable ${name}`);
    const dot = name.indexOf('.');
    const value =
      dot > 0 && !name.startsWith('AWS::') ? getAtt([name.slice(0, dot), name.slice(dot + 1)], scope) : ref(name, scope);
    return Array.isArray(value) ? value.join(',') : asString(value, `Fn::Sub \${${name}}`);
  });
}

/** Evaluates a template value; AWS::NoValue comes back as NO_VALUE so callers can drop the key. */
export function evaluate(value: Json, scope: EvalScope): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const fn = keys.length === 1 ? keys[0] : undefined;
  const arg = fn === undefined ? undefined : value[fn];
  switch (fn) {
    case 'Ref':
      return ref(asString(arg, 'Ref'), scope);
    case 'Fn::GetAtt':
      return getAtt(arg, scope);
    case 'Fn::Sub':
      return sub(arg, scope);
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = asList(arg, 'Fn::If') as [string, Json, Json];
      return evaluate(evaluateCondition(condition, scope) ? whenTrue : whenFalse, scope);
    }
    case 'Fn::Join': {
      const [delimiter, list] = asList(arg, 'Fn::Join') as [Json, Json];
      return asList(evaluate(list, scope), 'Fn::Join')
        .map((v) => asString(v, 'Fn::Join'))
        .join(asString(delimiter, 'Fn::Join'));
    }
    case 'Fn::Select': {
      const [index, list] = asList(arg, 'Fn::Select') as [Json, Json];
      const items = asList(evaluate(list, scope), 'Fn::Select');
      const i = Number(evaluate(index, scope));
      if (!Number.isInteger(i) || i < 0 || i >= items.length)
        throw templateError('Fn::Select cannot select nonexistent value at index ' + i);
      return items[i];
    }
    case 'Fn::Split': {
      const [delimiter, text] = asList(arg, 'Fn::Split') as [Json, Json];
      return asString(evaluate(text, scope), 'Fn::Split').split(asString(delimiter, 'Fn::Split'));
    }
    case 'Fn::GetAZs': {
      const region = asString(evaluate(arg as Json, scope), 'Fn::GetAZs') || scope.region;
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = asList(arg, 'Fn::FindInMap').map((v) => asString(evaluate(v as Json, scope), 'Fn::FindInMap'));
      const found = scope.template.Mappings?.[String(map)]?.[String(top)]?.[String(second)];
      if (found === undefined) throw templateError(`Unable to get mapping for ${map}::${top}::${second}`);
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(asString(evaluate(arg as Json, scope), 'Fn::Base64')).toString('base64');
    case 'Fn::ImportValue': {
      const name = asString(evaluate(arg as Json, scope), 'Fn::ImportValue');
      const found = scope.importValue(name);
      if (found === undefined) throw templateError(`No export named ${name} found`);
      return found;
    }
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const evaluated = evaluate(inner, scope);
        if (evaluated !== NO_VALUE) out[key] = evaluated;
      }
      return out;
    }
  }
}

/**
 * Names a value refers to (Ref, GetAtt, ${X} in Sub), following only the branch of each Fn::If
 * that its condition takes, as CloudFormation does when it orders resources.
 */
export function collectReferences(value: Json, scope: EvalScope, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, scope, into));
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  const keys = Object.keys(value);
  const fn = keys.length === 1 ? keys[0] : undefined;
  const arg = fn === undefined ? undefined : value[fn];
  // AWS::NoValue is a marker, not something to wait for.
  if (fn === 'Ref' && typeof arg === 'string') {
    if (arg !== 'AWS::NoValue') into.add(arg);
  } else if (fn === 'Fn::GetAtt') {
    const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
    if (typeof target === 'string') into.add(target);
  } else if (fn === 'Fn::Sub') {
    const [text, vars] = typeof arg === 'string' ? [arg, undefined] : Array.isArray(arg) ? arg : [undefined, undefined];
    const local = vars && typeof vars === 'object' && !Array.isArray(vars) ? Object.keys(vars) : [];
    for (const match of String(text ?? '').matchAll(/\$\{([^}!][^}]*)\}/g)) {
      const name = String(match[1]);
      const target = name.startsWith('AWS::') ? name : (name.split('.')[0] ?? name);
      if (!local.includes(name)) into.add(target);
    }
    if (vars) collectReferences(vars, scope, into);
  } else if (fn === 'Fn::If' && Array.isArray(arg)) {
    const [condition, whenTrue, whenFalse] = arg as [string, Json, Json];
    collectReferences(evaluateCondition(condition, scope) ? whenTrue : whenFalse, scope, into);
  } else Object.values(value).forEach((v) => collectReferences(v, scope, into));
  return into;
}
