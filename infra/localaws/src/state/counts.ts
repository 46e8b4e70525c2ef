/**
 * GET /_localaws/state: how much of each kind of thing exists per account and region, for humans, by declared
 * store name (`kms.keys`; CloudFormation's one store shows as `cloudformation.stacks`, `.changeSets` and `.exports`).
 */
import type { DeclaredStore } from '../services/models';

export type StateCounts = Record<string, Record<string, Record<string, number>>>;

const GONE = new Set(['DELETE_COMPLETE', 'PENDING_DELETION', 'DELETED']);

function live(item: unknown): boolean {
  if (item === null || typeof item !== 'object') return true;
  const record = item as Record<string, unknown>;
  return !GONE.has(String(record.status ?? record.state ?? ''));
}

function sizeOf(value: unknown): number | undefined {
  if (value instanceof Map) return [...value.values()].filter(live).length;
  if (Array.isArray(value)) return value.filter(live).length;
  if (value instanceof Set) return value.size;
  return undefined;
}

export function countState(stores: DeclaredStore[]): StateCounts {
  const counts: StateCounts = {};
  for (const { name, store } of stores) {
    for (const [key, partition] of store.entries()) {
      const [account = '?', region = '?'] = key.split('/');
      const target = ((counts[account] ??= {})[region] ??= {});
      const size = sizeOf(partition);
      if (size !== undefined) {
        target[name] = size;
      } else if (partition !== null && typeof partition === 'object') {
        // A partition that is a record of collections (CloudFormation's { stacks, changeSets, exports }).
        for (const [field, value] of Object.entries(partition)) {
          const n = sizeOf(value);
          if (n !== undefined) target[`${name.split('.')[0]}.${field}`] = n;
        }
      }
    }
  }
  return counts;
}
