/**
 * Everything around the emulated services for one localaws instance: fault injection, persistence to a data
 * directory, and what the admin API reaches. `index.ts` creates it before the services (so the stores they
 * construct are collected and the clock they use marks state dirty) and attaches it once they exist.
 */
import type { AdminExtras, AlarmClock } from '../admin';
import { createClock, type Clock } from '../clock';
import { FaultEngine, type FaultCall } from '../faults';
import { countState } from './counts';
import { isReadOperation, Persistence } from './persistence';
import { collectStores, type RegionalStore } from './regional-store';
import { StateRegistry } from './registry';

export interface OperationsOptions {
  speed: number;
  /** persist state here; in memory only when absent */
  dataDir?: string;
  /** delete the saved state before starting */
  reset?: boolean;
  log: (line: string) => void;
  /** seeds the demo data against this instance (set by index.ts, which knows the URL) */
  seedDemo?: () => Promise<unknown>;
}

/** The CloudWatch model's speed-up, when that model has one (it landed separately from this file). */
function alarmClockOf(model: unknown): AlarmClock | undefined {
  const cloudwatch = model as { speedup?: unknown; setSpeedup?: unknown } | undefined;
  const set = cloudwatch?.setSpeedup;
  if (typeof set !== 'function') return undefined;
  return { getAlarmSpeedup: () => Number(cloudwatch?.speedup), setAlarmSpeedup: (factor) => void set.call(cloudwatch, factor) };
}

export class LocalawsOperations {
  readonly clock: Clock;
  readonly faults = new FaultEngine();
  readonly registry = new StateRegistry();
  readonly admin: AdminExtras;
  private persistence: Persistence | undefined;
  private stopCollecting: (() => Array<RegionalStore<unknown>>) | undefined;

  constructor(private readonly opts: OperationsOptions) {
    const base = createClock(opts.speed);
    // Engines (provisioning, executions, alarms) change state after a sleep, so each wake-up may need a save.
    this.clock = { speed: base.speed, now: () => base.now(), sleep: (ms) => base.sleep(ms).finally(() => this.persistence?.markDirty()) };
    this.admin = { faults: this.faults, stateCounts: () => countState(this.registry), seedDemo: opts.seedDemo };
    this.stopCollecting = collectStores();
  }

  /** Runs before every AWS operation: injected latency/faults, and a save scheduled after writes. */
  readonly beforeInvoke = async (call: FaultCall): Promise<void> => {
    await this.faults.apply(call);
    if (this.persistence && !isReadOperation(call.operation)) this.persistence.markDirty();
    else this.persistence?.markActivity();
  };

  /** Called once the models and services exist: names their stores and loads the saved state, if any. */
  attach(models: object): void {
    const collected = this.stopCollecting?.() ?? [];
    this.stopCollecting = undefined;
    this.registry.addTree('models', models);
    this.registry.addCollected(collected);
    this.admin.alarmClock = alarmClockOf((models as { cloudwatch?: unknown }).cloudwatch);
    if (!this.opts.dataDir) return;
    this.persistence = new Persistence({ dataDir: this.opts.dataDir, reset: this.opts.reset, registry: this.registry, log: this.opts.log });
    this.persistence.start();
    this.admin.saveState = () => this.persistence?.save();
  }

  /** Final save; call before the server closes. */
  close(): void {
    this.persistence?.close();
  }
}
