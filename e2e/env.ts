import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where the servers of a browser-test worker listen. Playwright runs E2E_WORKERS workers (default 3), and each has
 * a localaws and a dashboard of its own (e2e/servers.ts starts one pair per worker, all at once, from one `next build`):
 * the specs that count AWS calls or check that nothing changed stay isolated from what other specs do, and the
 * waiting on simulated rollouts overlaps. A worker is told its slot in TEST_PARALLEL_INDEX; the config itself
 * (slot 0) asks for every slot's ports.
 *
 * Ports of their own, so the browser tests never collide with a running `npm run local`; E2E_PORT and
 * E2E_LOCALAWS_PORT move slot 0 (two checkouts side by side), the other slots are 50 above each other.
 */
export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 3));
const SLOT_SPACING = 50;

/**
 * The browser tests' poll intervals (the defaults are 10–30× longer): short waits and measuring windows still see
 * many polls. The shared-poller and cluster specs count calls at these rates; the benchmarks use them too.
 */
export const FAST_POLLS = {
  TAPDECK_POLL_ACTIVE_MS: '500',
  TAPDECK_POLL_IDLE_MS: '1000',
  TAPDECK_POLL_ALARMS_MS: '1000',
  TAPDECK_FLEET_POLL_MS: '1000',
  TAPDECK_FLEET_DETAILS_MS: '2000',
} as const;

/** What e2e/servers.ts prints once every worker's servers answer (Playwright's webServer waits for it). */
export const E2E_SERVERS_READY = 'e2e servers ready';

export interface SlotServers {
  port: number;
  localawsPort: number;
  dashboardUrl: string;
  localawsUrl: string;
  /** The dashboard's SQLite database (wiped when the dashboard starts); specs read it read-only. */
  dbPath: string;
  /** localaws's state directory (wiped at start); per port too, so two checkouts can run side by side. */
  localawsDataDir: string;
}

export function slotServers(slot: number): SlotServers {
  const port = Number(process.env.E2E_PORT ?? 3077) + slot * SLOT_SPACING;
  const localawsPort = Number(process.env.E2E_LOCALAWS_PORT ?? 4577) + slot * SLOT_SPACING;
  return {
    port,
    localawsPort,
    dashboardUrl: `http://localhost:${port}`,
    localawsUrl: `http://127.0.0.1:${localawsPort}`,
    dbPath: path.join(tmpdir(), `tapdeck-e2e-${port}`, 'tapdeck.db'),
    localawsDataDir: path.join(tmpdir(), `tapdeck-e2e-localaws-${localawsPort}`),
  };
}

/** This worker's servers (slot 0 outside a worker). */
const own = slotServers(Number(process.env.TEST_PARALLEL_INDEX ?? 0) % E2E_WORKERS);

export const E2E_PORT = own.port;
export const E2E_LOCALAWS_PORT = own.localawsPort;
export const localawsUrl = own.localawsUrl;
export const dashboardUrl = own.dashboardUrl;
export const E2E_DB_PATH = own.dbPath;
export const E2E_LOCALAWS_DATA_DIR = own.localawsDataDir;

/** The multi-instance test's own dashboards (three ports from here) and localaws (cluster.spec.ts). */
export const E2E_CLUSTER_PORT = Number(process.env.E2E_CLUSTER_PORT ?? 3240);
export const E2E_CLUSTER_LOCALAWS_PORT = Number(process.env.E2E_CLUSTER_LOCALAWS_PORT ?? 4740);
