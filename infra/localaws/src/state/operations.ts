/**
 * Everything around the emulated services for one localaws instance: fault injection, persistence to a data
 * directory, and what the admin API reaches. `index.ts` creates it first (the services need its clock and
 * `beforeInvoke`) and attaches the models once they exist: their declared stores are what persistence saves.
 */
import type { AdminExtras } from '../admin';
import { createClock, type Clock } from '../clock';
import { FaultEngine, type FaultCall } from '../faults';
import { declaredStores, type DeclaredStore, type ServiceModels } from '../services/models';
import { countState } from './counts';
import { isReadOperation, Persistence } from './persistence';

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

export class LocalawsOperations {
  readonly clock: Clock;
  readonly faults = new FaultEngine();
  readonly admin: AdminExtras;
  private stores: DeclaredStore[] = [];
  private persistence: Persistence | undefined;

  constructor(private readonly opts: OperationsOptions) {
    const base = createClock(opts.speed);
    // Engines (provisioning, executions) change state they hold after a sleep, without asking a store for it:
    // a wake-up saves every store next time, whatever its version says.
    this.clock = {
      speed: base.speed,
      now: () => base.now(),
      sleep: (ms) => base.sleep(ms).finally(() => this.persistence?.markDirty({ everything: true })),
    };
    this.admin = { faults: this.faults, stateCounts: () => countState(this.stores), seedDemo: opts.seedDemo };
  }

  /** Runs before every AWS operation: injected latency/faults, and a save scheduled after writes. */
  readonly beforeInvoke = async (call: FaultCall): Promise<void> => {
    await this.faults.apply(call);
    if (this.persistence && !isReadOperation(call.operation)) this.persistence.markDirty();
    else this.persistence?.markActivity();
  };

  /**
   * Called once the models exist: loads their declared stores from the data directory, if any. Throws when
   * another localaws holds the data directory.
   */
  attach(models: ServiceModels): void {
    this.stores = declaredStores(models);
    const cloudwatch = models.cloudwatch;
    this.admin.alarmClock = {
      getAlarmSpeedup: () => cloudwatch.speedup,
      setAlarmSpeedup: (factor) => cloudwatch.setSpeedup(factor),
    };
    if (!this.opts.dataDir) return;
    const persistence = new Persistence({
      dataDir: this.opts.dataDir,
      reset: this.opts.reset,
      stores: this.stores,
      log: this.opts.log,
    });
    persistence.start();
    this.persistence = persistence;
    this.admin.saveState = () => persistence.save();
  }

  /** Final save and the data directory's lock released; call before the server closes. */
  async close(): Promise<void> {
    await this.persistence?.close();
  }
}
