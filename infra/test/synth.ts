/** Test helpers: synthesize the TapStack in-process, and resolve its conditions for given parameter values. */
import { App, LegacyStackSynthesizer } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { applyBrokenVariant, type BrokenVariant } from '../lib/broken-variants';
import { TapStack } from '../lib/tap-stack';

export interface SynthOptions {
  readonly suffix?: string;
  readonly variant?: BrokenVariant;
  /** Called before synthesis (e.g. to add cdk-nag). */
  readonly beforeSynth?: (app: App, stack: TapStack) => void;
}

export function synthStack(opts: SynthOptions = {}): { app: App; stack: TapStack; template: Template } {
  const app = new App();
  const suffix = opts.suffix ?? 'test';
  const stack = new TapStack(app, `TapStack-${suffix}`, { suffix, synthesizer: new LegacyStackSynthesizer() });
  if (opts.variant) applyBrokenVariant(stack, opts.variant);
  opts.beforeSynth?.(app, stack);
  return { app, stack, template: Template.fromStack(stack) };
}

/** A template as JSON data (what CloudFormation parses). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CfnTemplate {
  Parameters: Record<string, { Default?: string | number; AllowedPattern?: string; AllowedValues?: string[] }>;
  Conditions: Record<string, Json>;
  Resources: Record<string, { Type: string; Condition?: string; DependsOn?: string | string[]; Properties?: JsonObject }>;
  Outputs: Record<string, { Condition?: string; Value: Json }>;
}

export function templateOf(template: Template): CfnTemplate {
  return template.toJSON() as CfnTemplate;
}

const NO_VALUE = Symbol('NoValue');

/**
 * Resolves what CloudFormation would for the given parameter values: evaluates Conditions, drops resources
 * and outputs whose condition is false, resolves Fn::If / AWS::NoValue and Refs to parameters. Other
 * intrinsics (GetAtt, Sub, Join …) stay as they are; that is enough to ask "is the statement there?".
 */
export function resolveConditions(cfn: CfnTemplate, values: Record<string, string> = {}): CfnTemplate {
  const param = (name: string): string | undefined => {
    const p = cfn.Parameters[name];
    return p === undefined ? undefined : (values[name] ?? String(p.Default ?? ''));
  };
  const cache = new Map<string, boolean>();
  const scalar = (v: Json): string => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v && !Array.isArray(v) && typeof v.Ref === 'string') {
      const p = param(v.Ref);
      if (p !== undefined) return p;
    }
    throw new Error(`cannot evaluate ${JSON.stringify(v)} in a condition`);
  };
  const evaluate = (expr: Json): boolean => {
    if (!expr || typeof expr !== 'object' || Array.isArray(expr)) throw new Error(`bad condition ${JSON.stringify(expr)}`);
    const [fn, args] = Object.entries(expr)[0] ?? [];
    const list = Array.isArray(args) ? args : [];
    switch (fn) {
      case 'Fn::Equals':
        return scalar(list[0] ?? null) === scalar(list[1] ?? null);
      case 'Fn::Not':
        return !evaluate(list[0] ?? null);
      case 'Fn::And':
        return list.every(evaluate);
      case 'Fn::Or':
        return list.some(evaluate);
      case 'Condition':
        return condition(String(args));
      default:
        throw new Error(`unsupported condition function ${String(fn)}`);
    }
  };
  const condition = (name: string): boolean => {
    if (!cache.has(name)) {
      const expr = cfn.Conditions[name];
      if (expr === undefined) throw new Error(`unknown condition ${name}`);
      cache.set(name, evaluate(expr));
    }
    return cache.get(name) === true;
  };
  const walk = (v: Json): Json | typeof NO_VALUE => {
    if (Array.isArray(v)) return v.map(walk).filter((x): x is Json => x !== NO_VALUE);
    if (!v || typeof v !== 'object') return v;
    if (v.Ref === 'AWS::NoValue') return NO_VALUE;
    const ifArgs = v['Fn::If'];
    if (Array.isArray(ifArgs)) return walk((condition(String(ifArgs[0])) ? ifArgs[1] : ifArgs[2]) ?? null);
    if (typeof v.Ref === 'string' && param(v.Ref) !== undefined) return param(v.Ref) ?? '';
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      const r = walk(x);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  };
  const keep = <T extends { Condition?: string }>(entries: Record<string, T>) =>
    Object.fromEntries(Object.entries(entries).filter(([, e]) => e.Condition === undefined || condition(e.Condition)));
  const resources = keep(cfn.Resources);
  const outputs = keep(cfn.Outputs ?? {});
  return {
    ...cfn,
    Resources: walk(resources as unknown as Json) as unknown as CfnTemplate['Resources'],
    Outputs: walk(outputs as unknown as Json) as unknown as CfnTemplate['Outputs'],
  };
}

/** All resources of a type in a (resolved) template. */
export function resourcesOfType(cfn: CfnTemplate, type: string) {
  return Object.entries(cfn.Resources).filter(([, r]) => r.Type === type);
}
