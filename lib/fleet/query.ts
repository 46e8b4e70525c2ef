import { toneOf } from '@/lib/rollout/status';
import type { FleetEnvironment } from './types';

/** The overview's sort and filter, kept in the URL query so a reload or a shared link shows the same view. */
export const FLEET_SORTS = ['name', 'status', 'alarms', 'changed'] as const;
export const FLEET_STATUS_FILTERS = ['all', 'failed', 'in-progress', 'ok'] as const;
export const FLEET_MODE_FILTERS = ['all', 'dry-run', 'apply'] as const;

export type FleetSort = (typeof FLEET_SORTS)[number];
export interface FleetQuery {
  q: string;
  status: (typeof FLEET_STATUS_FILTERS)[number];
  mode: (typeof FLEET_MODE_FILTERS)[number];
  sort: FleetSort;
  dir: 'asc' | 'desc';
}

export const DEFAULT_FLEET_QUERY: FleetQuery = { q: '', status: 'all', mode: 'all', sort: 'name', dir: 'asc' };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function pick<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Unknown or malformed values fall back to the defaults: a hand-edited URL never breaks the page. */
export function parseFleetQuery(params: Params): FleetQuery {
  const get = (key: string): string | undefined => {
    const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    q: (get('q') ?? '').trim().slice(0, 100),
    status: pick(FLEET_STATUS_FILTERS, get('status'), 'all'),
    mode: pick(FLEET_MODE_FILTERS, get('mode'), 'all'),
    sort: pick(FLEET_SORTS, get('sort'), 'name'),
    dir: get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The query string for `query`, leaving defaults out so the plain home stays `/`. */
export function fleetQueryString(query: FleetQuery): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'status', 'mode', 'sort', 'dir'] as const) {
    if (query[key] !== DEFAULT_FLEET_QUERY[key]) params.set(key, query[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Failures first, then what is moving, then settled stacks: the order on-call reads a fleet in. */
const STATUS_RANK = { failure: 0, progress: 1, neutral: 2, success: 3 } as const;

export function statusGroupOf(status: string): 'failed' | 'in-progress' | 'ok' {
  const tone = toneOf(status);
  return tone === 'failure' ? 'failed' : tone === 'progress' ? 'in-progress' : 'ok';
}

function compare(a: FleetEnvironment, b: FleetEnvironment, sort: FleetSort): number {
  switch (sort) {
    case 'status':
      return STATUS_RANK[toneOf(a.status)] - STATUS_RANK[toneOf(b.status)] || a.status.localeCompare(b.status);
    case 'alarms':
      // Most alarms first when ascending is asked for would bury them; "asc" here means most urgent first.
      return (b.details?.alarmsInAlarm.length ?? -1) - (a.details?.alarmsInAlarm.length ?? -1);
    case 'changed':
      return b.lastChange.localeCompare(a.lastChange);
    default:
      return 0;
  }
}

/** The environments the query selects, in its order (ties by name, so the order never flickers between polls). */
export function applyFleetQuery(environments: FleetEnvironment[], query: FleetQuery): FleetEnvironment[] {
  const needle = query.q.toLowerCase();
  const selected = environments.filter(
    (env) =>
      (!needle || env.name.toLowerCase().includes(needle)) &&
      (query.status === 'all' || statusGroupOf(env.status) === query.status) &&
      (query.mode === 'all' || env.mode === query.mode),
  );
  const sign = query.dir === 'desc' ? -1 : 1;
  return selected.sort((a, b) => sign * (compare(a, b, query.sort) || a.name.localeCompare(b.name)));
}
