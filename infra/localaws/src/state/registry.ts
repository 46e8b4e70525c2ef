/**
 * Names every RegionalStore of one localaws instance by a stable path (`models.kms.keys`, `cloudformation`),
 * so a snapshot can be written and loaded back into the same places without per-service code.
 */
import { emptyPartitionOf, RegionalStore } from './regional-store';

export class StateRegistry {
  readonly stores = new Map<string, RegionalStore<unknown>>();

  /** Finds RegionalStores under `root` by property path (`prefix.kms.keys`); models nest a few levels at most. */
  addTree(prefix: string, root: unknown, depth = 4, seen = new Set<unknown>()): void {
    if (root instanceof RegionalStore) {
      if (![...this.stores.values()].includes(root)) this.stores.set(prefix, root);
      return;
    }
    if (depth === 0 || root === null || typeof root !== 'object' || seen.has(root) || root instanceof Map) return;
    seen.add(root);
    // Private fields (TypeScript `private`) are ordinary properties at runtime, so they are found too.
    for (const [key, value] of Object.entries(root)) this.addTree(`${prefix}.${key}`, value, depth - 1, seen);
  }

  /**
   * Stores a service keeps out of the models tree (CloudFormation's), named by the fields of their partitions
   * (`private:stacks+changeSets+exports`), which stays stable however the services are ordered.
   */
  addCollected(stores: Array<RegionalStore<unknown>>): void {
    const known = new Set(this.stores.values());
    for (const store of stores.filter((s) => !known.has(s))) {
      const sample = emptyPartitionOf(store);
      const fields = sample !== null && typeof sample === 'object' && !(sample instanceof Map) ? Object.keys(sample).join('+') : 'map';
      let name = `private:${fields}`;
      for (let n = 1; this.stores.has(name); n += 1) name = `private:${fields}.${n}`;
      this.stores.set(name, store);
    }
  }
}
