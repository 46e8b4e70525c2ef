/**
 * The one shape every emulated service is created with: `createXService(ctx)` returns its API (when it has one),
 * the CloudFormation resource types it provisions, and what must start and stop with the server.
 */
import type { Clock } from '../clock';
import type { Provisioner, ResourceTypes } from './cloudformation/provisioner';
import type { ServiceModels } from './models';
import type { AwsService } from './types';

/** What a service may need from the localaws instance it runs in. */
export interface ServiceContext {
  models: ServiceModels;
  clock: Clock;
  log: (line: string) => void;
  /** localaws's own URL, known once it listens (Step Functions' SDK tasks call it over HTTP) */
  endpoint: () => string;
  /** every service's resource types, for CloudFormation to provision with (complete once all services exist) */
  resourceTypes: ResourceTypes;
}

export interface LocalService {
  /** the HTTP API; absent for a service localaws only provisions (SNS topics) */
  api?: AwsService;
  /** the CloudFormation resource types this service provisions */
  resourceTypes?: Provisioner[];
  /** background work that runs while the server does (the alarm evaluator) */
  start?(): void;
  stop?(): void;
}

export type ServiceFactory = (ctx: ServiceContext) => LocalService;

/** Creates each service with one context and registers their resource types; two services claiming one type is a bug. */
export function createServices(ctx: Omit<ServiceContext, 'resourceTypes'>, factories: readonly ServiceFactory[]): LocalService[] {
  const registered = new Map<string, Provisioner>();
  const services = factories.map((create) => create({ ...ctx, resourceTypes: registered }));
  for (const provisioner of services.flatMap((s) => s.resourceTypes ?? [])) {
    if (registered.has(provisioner.type)) throw new Error(`two services provision ${provisioner.type}`);
    registered.set(provisioner.type, provisioner);
  }
  return services;
}

/** The APIs the server routes to. */
export function serviceApis(services: readonly LocalService[]): AwsService[] {
  return services.flatMap((s) => (s.api ? [s.api] : []));
}
