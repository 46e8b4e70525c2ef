/** The contract between the CloudFormation engine and one resource type's provisioner (which lives in its service). */
import { randomUUID } from 'node:crypto';

export interface ProvisionContext {
  account: string;
  region: string;
  stackName: string;
  logicalId: string;
}

export interface ProvisionResult {
  physicalId: string;
  /** what Ref returns; defaults to physicalId */
  ref?: string;
  /** what Fn::GetAtt can read */
  attributes: Record<string, unknown>;
}

export type Props = Record<string, unknown>;

export interface Provisioner {
  type: string;
  /** realistic durations at speed 1, in ms */
  createMs: number;
  updateMs?: number;
  deleteMs?: number;
  create(props: Props, ctx: ProvisionContext): ProvisionResult;
  /** in-place update; omitted means every update keeps the old result */
  update?(physicalId: string, props: Props, previous: Props, ctx: ProvisionContext): ProvisionResult;
  delete(physicalId: string, ctx: ProvisionContext): void;
}

/**
 * A failure as a resource handler reports it. The engine renders it the way CloudFormation shows it:
 * Resource handler returned message: "MESSAGE (Service: S, Status Code: 400, Request ID: ID)" (RequestToken: T, HandlerErrorCode: CODE)
 */
export class ResourceHandlerError extends Error {
  constructor(
    message: string,
    readonly handlerErrorCode: string,
    /** the service whose API refused, e.g. "Kms"; omitted for failures that are not an API call */
    readonly service?: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }

  toStatusReason(): string {
    const inner = this.service
      ? `${this.message} (Service: ${this.service}, Status Code: ${this.statusCode}, Request ID: ${randomUUID()})`
      : this.message;
    const token = this.service ? `RequestToken: ${randomUUID()}, ` : '';
    return `Resource handler returned message: "${inner}" (${token}HandlerErrorCode: ${this.handlerErrorCode})`;
  }
}

const NAME_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A physical name like CloudFormation generates: STACK-LOGICALID-RANDOM, trimmed to fit maxLength. */
export function generateName(ctx: ProvisionContext, maxLength = 255): string {
  let suffix = '';
  for (let i = 0; i < 12; i++) suffix += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  const room = Math.max(2, maxLength - suffix.length - 2);
  const stack = ctx.stackName.slice(0, Math.ceil(room / 2));
  const logical = ctx.logicalId.slice(0, room - stack.length);
  return `${stack}-${logical}-${suffix}`;
}

export function stringProp(props: Props, name: string): string | undefined {
  const value = props[name];
  return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
}

export function tagList(props: Props): Array<{ Key: string; Value: string }> {
  const tags = props.Tags;
  if (!Array.isArray(tags)) return [];
  return tags.map((t: unknown) => {
    const tag = (t ?? {}) as { Key?: unknown; Value?: unknown };
    return { Key: String(tag.Key ?? ''), Value: String(tag.Value ?? '') };
  });
}

/** Resource type -> provisioner, as the services registered them. */
export interface ResourceTypes {
  get(type: string): Provisioner | undefined;
}

/** Stands in for a type localaws cannot provision: the resource fails as a handler would refuse it. */
export function unsupportedProvisioner(type: string): Provisioner {
  return {
    type,
    createMs: 1_000,
    create: () => {
      throw new ResourceHandlerError(`localaws does not provision ${type} yet`, 'InvalidRequest');
    },
    delete: () => undefined,
  };
}
