/**
 * Test helpers: the TapStack's template as synthesized once per run by vitest's globalSetup (./global-setup.ts,
 * ./tapstack-assembly.ts), and its conditions resolved for given parameter values.
 *
 * Every name in the template derives from the EnvironmentSuffix parameter, so one synthesis serves every suffix:
 * only that parameter's default differs (what `-c suffix=` changes), and `sharedTemplate` sets it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BrokenVariant } from '../lib/broken-variants';
import { SYNTH_SUFFIX, templateFile } from './tapstack-assembly';

export interface SharedTemplateOptions {
  /** EnvironmentSuffix's default, as `cdk synth -c suffix=` would set it (default `test`) */
  readonly suffix?: string;
  readonly variant?: BrokenVariant;
}

/** The synthesized TapStack (or a broken variant) as CloudFormation parses it; a fresh copy each call. */
export function sharedTemplate(opts: SharedTemplateOptions = {}): CfnTemplate {
  const file = templateFile(opts.variant);
  if (!existsSync(file))
    throw new Error(`${file} is missing: run the tests through vitest.config.ts (its globalSetup synthesizes the TapStack)`);
  const cfn = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  const suffix = opts.suffix ?? SYNTH_SUFFIX;
  if (suffix !== SYNTH_SUFFIX) {
    const parameter = cfn.Parameters.EnvironmentSuffix;
    if (parameter?.Default !== SYNTH_SUFFIX)
      throw new Error('the synthesized template has no EnvironmentSuffix default to replace');
    parameter.Default = suffix;
  }
  return cfn;
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
