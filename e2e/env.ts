import { tmpdir } from 'node:os';
import path from 'node:path';

/** Ports of their own, so the browser tests never collide with a running `npm run local`. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3077);
export const E2E_LOCALAWS_PORT = Number(process.env.E2E_LOCALAWS_PORT ?? 4577);
export const localawsUrl = `http://127.0.0.1:${E2E_LOCALAWS_PORT}`;
export const dashboardUrl = `http://localhost:${E2E_PORT}`;

/** The dashboard's SQLite database in the tests (wiped when the dashboard starts); specs read it read-only. */
export const E2E_DB_PATH = path.join(tmpdir(), `tapdeck-e2e-${E2E_PORT}`, 'tapdeck.db');
/** localaws's state directory in the tests (wiped at start); per port too, so two checkouts can run side by side. */
export const E2E_LOCALAWS_DATA_DIR = path.join(tmpdir(), `tapdeck-e2e-localaws-${E2E_LOCALAWS_PORT}`);

/** The multi-instance test's own dashboards (three ports from here) and localaws (cluster.spec.ts). */
export const E2E_CLUSTER_PORT = Number(process.env.E2E_CLUSTER_PORT ?? 3240);
export const E2E_CLUSTER_LOCALAWS_PORT = Number(process.env.E2E_CLUSTER_LOCALAWS_PORT ?? 4740);
