/**
 * GET /_localaws/state: how much of each kind of thing exists per account and region, for humans.
 * Names come from the store paths (`models.kms.keys` → `kms.keys`; CloudFormation's `stacks`, `changeSets`).
 */
import type { StateRegistry } from './registry';

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

export function countState(registry: StateRegistry): StateCounts {
  const counts: StateCounts = {};
  for (const [path, store] of registry.stores) {
    // `private:stacks+changeSets+exports` shows as its fields (`stacks`, …): the path is for files, not people.
    const name = path.startsWith('private:') ? '' : path.replace(/^models\./, '');
    for (const [key, partition] of store.entries()) {
      const [account = '?', region = '?'] = key.split('/');
      const target = ((counts[account] ??= {})[region] ??= {});
      const size = sizeOf(partition);
      if (size !== undefined) {
        target[name || path] = size;
      } else if (partition !== null && typeof partition === 'object') {
        // A partition that is a record of collections (CloudFormation's { stacks, changeSets, exports }).
        for (const [field, value] of Object.entries(partition)) {
          const n = sizeOf(value);
          if (n !== undefined) target[name ? `${name}.${field}` : field] = n;
        }
      }
    }
  }
  return counts;
}
