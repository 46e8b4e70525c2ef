/** State keyed by account and region, as every AWS service partitions it. */
export class RegionalStore<T> {
  private readonly partitions = new Map<string, T>();
  constructor(private readonly create: () => T) {
    collecting?.push(this as RegionalStore<unknown>);
  }

  get(account: string, region: string): T {
    const key = `${account}/${region}`;
    let partition = this.partitions.get(key);
    if (partition === undefined) {
      partition = this.create();
      this.partitions.set(key, partition);
    }
    return partition;
  }

  /** Every partition as `["account/region", state]`, for persistence and the admin state view. */
  entries(): Array<[string, T]> {
    return [...this.partitions.entries()];
  }

  /** Replaces all partitions (persistence restoring a snapshot). */
  load(entries: Array<[string, T]>): void {
    this.partitions.clear();
    for (const [key, value] of entries) this.partitions.set(key, value);
  }
}

let collecting: Array<RegionalStore<unknown>> | undefined;

/**
 * Records every RegionalStore constructed until the returned function is called (which returns them), so
 * persistence finds stores a service keeps privately (CloudFormation's) without that service exporting them.
 */
export function collectStores(): () => Array<RegionalStore<unknown>> {
  const outer = collecting;
  const stores: Array<RegionalStore<unknown>> = [];
  collecting = stores;
  return () => {
    outer?.push(...stores);
    collecting = outer;
    return stores;
  };
}

/** A fresh, empty partition of a store: what its partitions look like, to name a store found outside the models. */
export function emptyPartitionOf(store: RegionalStore<unknown>): unknown {
  return (store as unknown as { create: () => unknown }).create();
}
