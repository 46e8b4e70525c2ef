/**
 * State keyed by account and region, as every AWS service partitions it, and how a model declares its stores.
 * Each model lists its stores in `stores` (named `<service>.<store>` on disk) and may settle what a restart
 * interrupted; `createServiceModels()` is the one place models are created, and persistence walks exactly
 * those declarations.
 */
export class RegionalStore<T> {
  private readonly partitions = new Map<string, T>();
  private changes = 0;

  constructor(private readonly create: () => T) {}

  /**
   * A partition, created on first use. Every caller may change what it gets, so each call counts as a change:
   * persistence skips a store nobody has asked for since its last save.
   */
  get(account: string, region: string): T {
    this.changes += 1;
    const key = `${account}/${region}`;
    let partition = this.partitions.get(key);
    if (partition === undefined) {
      partition = this.create();
      this.partitions.set(key, partition);
    }
    return partition;
  }

  /** Grows whenever the store may have changed (a partition handed out, a load, or `touch`). */
  get version(): number {
    return this.changes;
  }

  /** Marks the store changed without handing out a partition (an engine changed a partition it kept). */
  touch(): void {
    this.changes += 1;
  }

  /** Every partition as `["account/region", state]`, for persistence and the admin state view. Not a change. */
  entries(): Array<[string, T]> {
    return [...this.partitions.entries()];
  }

  /** Replaces all partitions (persistence restoring a saved store). */
  load(entries: Array<[string, T]>): void {
    this.partitions.clear();
    for (const [key, value] of entries) this.partitions.set(key, value);
    this.changes += 1;
  }
}

/** A model's stores by name (`keys`, `aliases`): `readonly stores = { keys: this.keys } satisfies StoreDeclaration`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each store has its own partition type; only the name matters here
export type StoreDeclaration = Record<string, RegionalStore<any>>;

/** What a model declares about its state. */
export interface StatefulModel<S extends StoreDeclaration = StoreDeclaration> {
  readonly stores: S;
  /**
   * Called once per restored partition after every store has loaded: ends what the restart interrupted the way
   * AWS reports it (a stack mid-create fails with an event, a running execution aborts). Returns how many things
   * it settled, for the start-up log.
   */
  settle?(store: keyof S & string, partition: unknown, now: Date): number;
}

export const RESTART_REASON = 'localaws restarted during the operation';
