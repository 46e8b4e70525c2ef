/**
 * Saves every registered RegionalStore to one file in the data directory and loads it back on start.
 * `node:v8` serialisation keeps Maps, Dates and Buffers as they are; the file is written to a temp name and
 * renamed, so a crash mid-write leaves the previous snapshot intact. Saves are debounced after changes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { StateRegistry } from './registry';
import { settlePartition } from './settle';

export const STATE_FILE = 'state.v8';
const FORMAT = 'localaws-state';
const VERSION = 1;
/** Quiet period after the last change before saving, and the longest a change waits under constant churn. */
const DEBOUNCE_MS = 300;
const MAX_WAIT_MS = 3_000;
const ACTIVITY_SAVE_MS = 10_000;

interface Snapshot {
  format: string;
  version: number;
  savedAt: Date;
  /** store path → v8-serialised `[partitionKey, state][]` (one buffer each, so one bad store fails alone) */
  stores: Record<string, Uint8Array>;
}

export interface PersistenceOptions {
  dataDir: string;
  registry: StateRegistry;
  /** delete the saved state instead of loading it */
  reset?: boolean;
  log: (line: string) => void;
}

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private firstDirtyAt = 0;
  private readonly unserialisable = new Set<string>();
  readonly file: string;

  constructor(private readonly opts: PersistenceOptions) {
    this.file = path.join(opts.dataDir, STATE_FILE);
  }

  /** Loads the snapshot into the registered stores (or deletes it on reset). Never throws for a bad file. */
  start(): void {
    mkdirSync(this.opts.dataDir, { recursive: true });
    if (this.opts.reset) {
      rmSync(this.file, { force: true });
      this.opts.log(`localaws: --reset: starting clean (deleted ${this.file})`);
      return;
    }
    if (!existsSync(this.file)) return;
    try {
      this.load(readFileSync(this.file));
    } catch (error) {
      const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.file, aside);
      for (const store of this.opts.registry.stores.values()) store.load([]);
      this.opts.log(`localaws: could not load saved state (${error instanceof Error ? error.message : String(error)}); moved it to ${aside} and started clean`);
    }
  }

  private load(bytes: Buffer): void {
    const snapshot = deserialize(bytes) as Partial<Snapshot> | undefined;
    if (snapshot?.format !== FORMAT || snapshot.version !== VERSION || typeof snapshot.stores !== 'object' || snapshot.stores === null) {
      throw new Error(`not a ${FORMAT} v${VERSION} file`);
    }
    const restored: Array<[string, Array<[string, unknown]>]> = [];
    for (const [name, buffer] of Object.entries(snapshot.stores)) {
      if (!this.opts.registry.stores.has(name)) {
        this.opts.log(`localaws: saved state has "${name}", which this version does not keep; ignoring it`);
        continue;
      }
      const entries = deserialize(buffer) as unknown;
      if (!Array.isArray(entries)) throw new Error(`store "${name}" is not a list of partitions`);
      restored.push([name, entries as Array<[string, unknown]>]);
    }
    // Only touch the stores once the whole file has been read, so a bad file leaves nothing half-loaded.
    let settled = 0;
    for (const [name, entries] of restored) {
      for (const [, partition] of entries) settled += settlePartition(name, partition);
      this.opts.registry.stores.get(name)!.load(entries);
    }
    const savedAt = snapshot.savedAt instanceof Date ? snapshot.savedAt.toISOString() : 'unknown time';
    this.opts.log(`localaws: restored state saved at ${savedAt} from ${this.file}${settled ? ` (${settled} operations interrupted by the restart marked failed)` : ''}`);
  }

  /** Something may have changed: save after a quiet period, but at least every few seconds under churn. */
  markDirty(): void {
    const now = Date.now();
    if (!this.timer) this.firstDirtyAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstDirtyAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => this.save(), wait);
    // A pending save must not keep a finished process alive; close() flushes explicitly.
    this.timer.unref();
  }

  /** Writes the snapshot now (temp file + rename). Logs rather than throws: state stays in memory either way. */
  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const stores: Record<string, Uint8Array> = {};
    for (const [name, store] of this.opts.registry.stores) {
      try {
        stores[name] = serialize(store.entries());
      } catch (error) {
        if (!this.unserialisable.has(name)) this.opts.log(`localaws: cannot persist "${name}": ${error instanceof Error ? error.message : String(error)}`);
        this.unserialisable.add(name);
      }
    }
    const snapshot: Snapshot = { format: FORMAT, version: VERSION, savedAt: new Date(), stores };
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(this.opts.dataDir, { recursive: true });
      writeFileSync(temp, serialize(snapshot));
      renameSync(temp, this.file);
    } catch (error) {
      this.opts.log(`localaws: could not save state to ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * A read was served. Engines that run on their own timers (executions, the alarm evaluator) change state
   * without a write request, and someone is usually polling while they do: save within 10 s then.
   */
  markActivity(): void {
    if (this.timer) return;
    this.firstDirtyAt = Date.now();
    this.timer = setTimeout(() => this.save(), ACTIVITY_SAVE_MS);
    this.timer.unref();
  }

  /** Final save, on close and on SIGINT/SIGTERM. */
  close(): void {
    this.save();
  }
}

/** Operations that only read: they do not schedule a save. */
export function isReadOperation(operation: string): boolean {
  return /^(Describe|List|Get|Query|Scan|BatchGet|Head|Filter|Lookup|Test)/.test(operation);
}
