/**
 * Saves each declared store to its own file under `<dataDir>/stores/` and loads each back on its own, so one
 * bad store is moved aside alone (its .bak is tried next) and the rest still load. Saves are debounced after
 * changes, skip stores whose version has not moved, space out the saves of stores that take long to write, and run in small steps (one frame at a time, yielding to
 * requests every few ms) with asynchronous, fsynced writes. A lock file keeps a second localaws out.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { DeclaredStore } from '../services/models';
import { lockDataDir } from './data-dir-lock';
import { serializeFrame, splitFrames } from './frames';
import { readLegacyState } from './legacy-state';
import { headerFrame, moveAside, readStoreFile, writeStoreFile } from './store-file';

export const STORES_DIR = 'stores';
/** The single-file format before per-store files, migrated once (see start()). */
const LEGACY_FILE = 'state.v8';
/** Quiet period after the last change before saving, and the longest a change waits under constant churn. */
const DEBOUNCE_MS = 300;
const MAX_WAIT_MS = 3_000;
const ACTIVITY_SAVE_MS = 10_000;
/** The longest a save runs before letting requests in. */
const STEP_MS = 4;
/**
 * A store is saved again no sooner than this many times as long as its last save took: a store that takes 200 ms
 * to write (1,000 executions with their histories) is saved at most every 4 s, so saving stays a small share of
 * the server's time however much it holds. Closing saves everything at once.
 */
const SAVE_SPACING_FACTOR = 20;

export interface PersistenceOptions {
  dataDir: string;
  stores: DeclaredStore[];
  /** delete the saved state instead of loading it */
  reset?: boolean;
  log: (line: string) => void;
}

export interface SaveStats {
  stores: number;
  skipped: number;
  /** changed stores left for a later save because their last save was recent and long */
  deferred: number;
  frames: number;
  bytes: number;
  ms: number;
  /** the longest stretch the save kept the event loop to itself */
  longestStepMs: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private firstDirtyAt = 0;
  /** store name → its version when last saved (or loaded) */
  private readonly savedVersions = new Map<string, number>();
  /** store name → when it may be saved again (performance.now()), after SAVE_SPACING_FACTOR × its last save */
  private readonly nextSaveAt = new Map<string, number>();
  private deferredTimer: NodeJS.Timeout | undefined;
  /** the next save ignores the spacing (someone asked for it explicitly) */
  private forceNext = false;
  /** engines changed state through references they keep: save every store next time, whatever its version */
  private everything = false;
  private saving: Promise<SaveStats> | undefined;
  private again = false;
  private readonly reported = new Set<string>();
  private releaseLock: (() => void) | undefined;
  private closed = false;
  readonly dir: string;

  constructor(private readonly opts: PersistenceOptions) {
    this.dir = path.join(opts.dataDir, STORES_DIR);
  }

  fileOf(name: string): string {
    return path.join(this.dir, `${name}.v8`);
  }

  /** Locks the data directory, then loads every store (or deletes them on reset). Throws only for the lock. */
  start(): void {
    mkdirSync(this.dir, { recursive: true });
    this.releaseLock = lockDataDir(this.opts.dataDir, this.opts.log);
    const stale = readdirSync(this.dir).filter((name) => name.endsWith('.tmp'));
    for (const name of stale) rmSync(path.join(this.dir, name), { force: true });
    if (stale.length) this.opts.log(`localaws: removed ${stale.length} unfinished save file(s) left in ${this.dir}`);
    const legacy = path.join(this.opts.dataDir, LEGACY_FILE);
    if (this.opts.reset) {
      rmSync(this.dir, { recursive: true, force: true });
      rmSync(legacy, { force: true });
      mkdirSync(this.dir, { recursive: true });
      this.opts.log(`localaws: --reset: starting clean (deleted ${this.dir})`);
      return;
    }
    const migrated = existsSync(legacy) ? this.migrate(legacy) : undefined;
    const restored: Array<[DeclaredStore, Array<[string, unknown]>]> = [];
    let newest: Date | undefined;
    for (const declared of this.opts.stores) {
      const legacyEntries = migrated?.get(declared.name);
      const loaded = legacyEntries ? { entries: legacyEntries, savedAt: new Date(0) } : this.loadStore(declared.name);
      if (!loaded) continue;
      declared.store.load(loaded.entries);
      this.savedVersions.set(declared.name, declared.store.version);
      restored.push([declared, loaded.entries]);
      if (!newest || loaded.savedAt > newest) newest = loaded.savedAt;
    }
    // Settled once everything is back, so a settle may read other stores (and its changes get saved).
    const now = new Date();
    let settled = 0;
    for (const [declared, entries] of restored)
      for (const [, partition] of entries) settled += declared.settle?.(partition, now) ?? 0;
    if (settled || migrated) this.markDirty({ everything: true });
    if (restored.length) {
      this.opts.log(
        `localaws: restored ${restored.length} store(s) saved up to ${newest?.toISOString()} from ${this.dir}${settled ? ` (${settled} operations interrupted by the restart marked failed)` : ''}`,
      );
    }
  }

  /** The older single file's stores (saved in today's layout by the next save); the file is kept as `.migrated`. */
  private migrate(legacy: string): Map<string, Array<[string, unknown]>> | undefined {
    let stores: Map<string, Array<[string, unknown]>> | undefined;
    try {
      const read = readLegacyState(legacy);
      stores = read.stores;
      for (const skipped of read.skipped) this.opts.log(`localaws: ${legacy}: could not read store ${skipped}; it starts empty`);
      renameSync(legacy, `${legacy}.migrated`);
      this.opts.log(
        `localaws: migrating ${legacy} (the single-file format of older versions) to ${this.dir}; the old file is now ${legacy}.migrated`,
      );
    } catch (error) {
      const aside = moveAside(legacy);
      this.opts.log(`localaws: could not read ${legacy} (${message(error)}); moved it to ${aside}`);
    }
    return stores;
  }

  /** The main file, else its .bak; a file that fails is moved aside and named in the log. */
  private loadStore(name: string): ReturnType<typeof readStoreFile> | undefined {
    const file = this.fileOf(name);
    for (const candidate of [file, `${file}.bak`]) {
      if (!existsSync(candidate)) continue;
      try {
        const loaded = readStoreFile(candidate, name);
        if (candidate !== file) this.opts.log(`localaws: store "${name}" restored from its previous copy ${candidate}`);
        return loaded;
      } catch (error) {
        const aside = moveAside(candidate);
        this.opts.log(`localaws: could not load store "${name}" from ${candidate} (${message(error)}); moved it to ${aside}`);
      }
    }
    return undefined;
  }

  /** Something may have changed: save after a quiet period, but at least every few seconds under churn. */
  markDirty(options: { everything?: boolean } = {}): void {
    if (options.everything) this.everything = true;
    if (this.closed) return;
    const now = Date.now();
    if (!this.timer) this.firstDirtyAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstDirtyAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.save({ whenDue: true }), wait);
    // A pending save must not keep a finished process alive; close() flushes explicitly.
    this.timer.unref();
  }

  /**
   * A read was served. Engines that run on their own timers (executions, the alarm evaluator) change state
   * without a write request, and someone is usually polling while they do: save within 10 s then.
   */
  markActivity(): void {
    if (this.timer || this.closed) return;
    this.firstDirtyAt = Date.now();
    this.timer = setTimeout(() => void this.save({ whenDue: true }), ACTIVITY_SAVE_MS);
    this.timer.unref();
  }

  /**
   * Saves the changed stores now, all of them (the admin API, tests); the timers save the ones that are due. One save
   * at a time (a request during one runs another after it). Never throws.
   */
  save(options: { whenDue?: boolean } = {}): Promise<SaveStats> {
    if (!options.whenDue) this.forceNext = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.saving) {
      this.again = true;
      return this.saving;
    }
    const force = this.forceNext;
    this.forceNext = false;
    this.saving = this.saveChanged(force).finally(() => {
      this.saving = undefined;
      if (this.again) {
        this.again = false;
        void this.save({ whenDue: true });
      }
    });
    return this.saving;
  }

  private async saveChanged(force: boolean): Promise<SaveStats> {
    const started = performance.now();
    const stats: SaveStats = { stores: 0, skipped: 0, deferred: 0, frames: 0, bytes: 0, ms: 0, longestStepMs: 0 };
    let earliestDeferred = Infinity;
    const everything = this.everything;
    this.everything = false;
    let stepStart = performance.now();
    const step = async (io?: Promise<void>) => {
      const ran = performance.now() - stepStart;
      stats.longestStepMs = Math.max(stats.longestStepMs, ran);
      if (io) await io;
      else if (ran >= STEP_MS) await yieldToRequests();
      else return;
      stepStart = performance.now();
    };
    for (const { name, store } of this.opts.stores) {
      const version = store.version;
      if (!everything && this.savedVersions.get(name) === version) {
        stats.skipped += 1;
        continue;
      }
      const dueAt = this.nextSaveAt.get(name) ?? 0;
      if (!force && !this.closed && performance.now() < dueAt) {
        stats.deferred += 1;
        earliestDeferred = Math.min(earliestDeferred, dueAt);
        continue;
      }
      const storeStarted = performance.now();
      try {
        const frames: Buffer[] = [];
        const dropped: string[] = [];
        for (const [id, value] of splitFrames(new Map(store.entries()))) {
          frames[id] = serializeFrame(value, (reason) => {
            // Without its root frame a store has nothing to load: keep the previous file instead.
            if (id === 0) throw new Error(reason);
            dropped.push(reason);
          });
          await step();
        }
        if (dropped.length)
          this.report(
            name,
            `${dropped.length} item(s) of store "${name}" cannot be saved and are left out of its file (${dropped[0]})`,
          );
        frames.unshift(headerFrame(name, frames.length));
        await step(writeStoreFile(this.fileOf(name), frames));
        this.savedVersions.set(name, version);
        this.nextSaveAt.set(name, performance.now() + (performance.now() - storeStarted) * SAVE_SPACING_FACTOR);
        stats.stores += 1;
        stats.frames += frames.length;
        stats.bytes += frames.reduce((n, f) => n + f.length + 4, 0);
      } catch (error) {
        this.report(name, `could not save store "${name}" (${message(error)}); its previous file is kept`);
      }
      await step();
    }
    if (stats.stores > 0) await this.syncDirectory();
    if (stats.deferred > 0) this.saveDeferredAt(earliestDeferred);
    stats.ms = performance.now() - started;
    return stats;
  }

  /** A deferred store is saved when it is due, even if nothing else changes meanwhile. */
  private saveDeferredAt(dueAt: number): void {
    clearTimeout(this.deferredTimer);
    this.deferredTimer = setTimeout(() => void this.save({ whenDue: true }), Math.max(0, dueAt - performance.now()));
    this.deferredTimer.unref();
  }

  /** Once per store and problem: a store that cannot be saved would otherwise log on every save. */
  private report(name: string, line: string): void {
    const key = `${name}: ${line.replace(/\d+ item/, 'N item')}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.opts.log(`localaws: ${line}`);
  }

  /** Makes the renames durable. */
  private async syncDirectory(): Promise<void> {
    try {
      const handle = await open(this.dir, 'r');
      await handle.sync().finally(() => handle.close());
    } catch (error) {
      this.report('(directory)', `could not fsync ${this.dir}: ${message(error)}`);
    }
  }

  /** Final save of every store, then the lock is released. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.deferredTimer);
    this.timer = undefined;
    while (this.saving) await this.saving;
    this.everything = true;
    await this.save();
    // A save asked for while the last one ran starts when it ends: wait for that one too.
    while (this.saving) await this.saving;
    this.releaseLock?.();
    this.releaseLock = undefined;
  }
}

/** Operations that only read: they do not schedule a save. */
export function isReadOperation(operation: string): boolean {
  return /^(Describe|List|Get|Query|Scan|BatchGet|Head|Filter|Lookup|Test)/.test(operation);
}
