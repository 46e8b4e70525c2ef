/**
 * Reads a template body as CloudFormation does: JSON, or YAML with the short-form intrinsic
 * tags (!Ref, !GetAtt a.b, !Sub, !If ...), and checks its overall shape before any stack exists.
 */
import YAML, { type Tags } from 'yaml';
import { ValidationError } from '../../errors';
import { jsonNestsDeeperThan, valueNestsDeeperThan } from '../../protocols/limits';
import { templateFormatError } from './errors';
import resourceTypes from './resource-types.json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ParameterDef {
  Type: string;
  Default?: Json;
  AllowedValues?: Json[];
  AllowedPattern?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
  Description?: string;
  ConstraintDescription?: string;
}

export interface ResourceDef {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Json;
}

export interface OutputDef {
  Value: Json;
  Description?: string;
  Condition?: string;
  Export?: { Name: Json };
}

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, ParameterDef>;
  Mappings?: Record<string, Record<string, Record<string, Json>>>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, ResourceDef>;
  Outputs?: Record<string, OutputDef>;
}

const SCALAR_FUNCTIONS = ['Base64', 'GetAZs', 'ImportValue', 'Sub'];
const SEQ_FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAtt',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'GetAZs',
];
const MAP_FUNCTIONS = ['Base64', 'ImportValue', 'Transform', 'GetAZs', 'Select'];

function intrinsicTags(): Tags {
  const tags: Tags = [
    { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
    { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
    // The short form "!GetAtt Resource.Attribute" splits at the first dot only.
    {
      tag: '!GetAtt',
      resolve: (value: string) => {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
      },
    },
  ];
  for (const fn of SCALAR_FUNCTIONS) tags.push({ tag: `!${fn}`, resolve: (value: string) => ({ [`Fn::${fn}`]: value }) });
  for (const fn of SEQ_FUNCTIONS)
    tags.push({ tag: `!${fn}`, collection: 'seq', resolve: (seq) => ({ [`Fn::${fn}`]: seq.toJSON() }) });
  for (const fn of MAP_FUNCTIONS)
    tags.push({ tag: `!${fn}`, collection: 'map', resolve: (map) => ({ [`Fn::${fn}`]: map.toJSON() }) });
  return tags;
}

const CUSTOM_TAGS = intrinsicTags();

/** CloudFormation's documented limits: 51,200 bytes inline (TemplateBody), 1 MB read from S3 (TemplateURL). */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
export const TEMPLATE_URL_MAX_BYTES = 1024 * 1024;
/**
 * How deeply a template may nest. AWS publishes no number; real templates stay far below (a policy document inside
 * a resource is ~10 deep). A few thousand levels would be saved but break every recursive reader after it.
 */
export const TEMPLATE_MAX_DEPTH = 100;

/** TemplateBody over 51,200 bytes, in the words of AWS's request validation (it echoes the value). */
export function checkTemplateBodyLength(body: string): void {
  if (Buffer.byteLength(body, 'utf8') > TEMPLATE_BODY_MAX_BYTES) {
    throw new ValidationError(
      `1 validation error detected: Value '${body}' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_MAX_BYTES}`,
    );
  }
}

/** A template read from S3 over 1 MB (AWS: "Template may not exceed N bytes in size."). */
export function checkTemplateUrlSize(bytes: number): void {
  if (bytes > TEMPLATE_URL_MAX_BYTES)
    throw new ValidationError(`Template may not exceed ${TEMPLATE_URL_MAX_BYTES} bytes in size.`);
}

const tooDeep = () => templateFormatError(`The template nests deeper than ${TEMPLATE_MAX_DEPTH} levels.`);

export function parseTemplateBody(body: string): Template {
  let parsed: unknown;
  if (/^\s*\{/.test(body)) {
    if (jsonNestsDeeperThan(body, TEMPLATE_MAX_DEPTH)) throw tooDeep();
    try {
      parsed = JSON.parse(body);
    } catch {
      throw templateFormatError('JSON not well-formed.');
    }
  } else {
    try {
      parsed = YAML.parse(body, { customTags: CUSTOM_TAGS });
    } catch (error) {
      const where =
        error instanceof YAML.YAMLError && error.linePos
          ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})`
          : '';
      throw templateFormatError(`YAML not well-formed.${where}`);
    }
  }
  // YAML's block nesting has no brackets to count; the parsed value is walked without recursion instead.
  if (valueNestsDeeperThan(parsed, TEMPLATE_MAX_DEPTH)) throw tooDeep();
  return checkTemplateShape(parsed);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The types CloudFormation has (resource-types.json, generated from aws-cdk-lib by
 * scripts/generate-resource-types.ts) and custom resources (`Custom::Name`, AWS::CloudFormation::CustomResource).
 * A real type localaws cannot provision passes here and fails in the stack, as it would with a failing handler.
 */
const KNOWN_TYPES: ReadonlySet<string> = new Set(resourceTypes.types);
const CUSTOM_TYPE = /^Custom::[A-Za-z0-9_@-]{1,60}$/;

export function isRecognizedResourceType(type: string): boolean {
  return KNOWN_TYPES.has(type) || CUSTOM_TYPE.test(type);
}

function checkTemplateShape(parsed: unknown): Template {
  if (!isObject(parsed)) throw templateFormatError('template is not a JSON or YAML object');
  const resources = parsed.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0)
    throw templateFormatError('At least one Resources member must be defined.');
  const unrecognized: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) throw templateFormatError(`Resource name ${logicalId} is non alphanumeric.`);
    if (!isObject(resource) || typeof resource.Type !== 'string') {
      throw templateFormatError(`[/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    }
    if (!isRecognizedResourceType(resource.Type) && !unrecognized.includes(resource.Type)) unrecognized.push(resource.Type);
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      throw templateFormatError(`[/Resources/${logicalId}/Properties] Every Properties member must be an object.`);
    }
  }
  if (unrecognized.length > 0) throw templateFormatError(`Unrecognized resource types: [${unrecognized.join(', ')}]`);
  for (const section of ['Parameters', 'Conditions', 'Outputs', 'Mappings'] as const) {
    if (parsed[section] !== undefined && !isObject(parsed[section])) throw templateFormatError(`${section} must be an object.`);
  }
  return parsed as unknown as Template;
}

export function dependsOnList(resource: ResourceDef): string[] {
  if (resource.DependsOn === undefined) return [];
  return Array.isArray(resource.DependsOn) ? resource.DependsOn.map(String) : [String(resource.DependsOn)];
}
