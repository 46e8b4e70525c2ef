/**
 * A separate process for the stores' races (`node --import tsx race-child.ts <mode> <db> <startAt> <arg>`), where
 * <db> is a SQLite path or a postgres:// URL (sqlite-store.test.ts, postgres-store.test.ts):
 *   append  <count>  open the (possibly fresh) file at startAt, then append `count` audit entries
 *   execute <ids>    open the file, wait for startAt, then try approved → executing on each id (a JSON array)
 * Prints one JSON line with what it did. startAt (epoch ms) lines the processes up so they really overlap.
 */
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './types';

const [mode, dbPath = '', startAtText = '0', arg = ''] = process.argv.slice(2);
const startAt = Number(startAtText);
const openStore = async (): Promise<Store> =>
  /^postgres(ql)?:/.test(dbPath)
    ? openPostgresStore(dbPath, { maxConnections: 2 })
    : openSqliteStore(dbPath, { busyTimeoutMs: 30_000 });
const tag = `pid-${process.pid}`;
const waitForStart = () => new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
// A moment between writes so the processes interleave: SQLite's busy handler sleeps, and without a gap the
// process holding the lock would win it back every time and run its whole loop as one block.
const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
const input = {
  actorName: tag,
  actorRole: 'approver',
  account: '111111111111',
  region: 'us-east-1',
  stackName: 'TapStack',
  outcome: 'ok',
} as const;

if (mode === 'append') {
  await waitForStart();
  const store = await openStore();
  const seqs: number[] = [];
  for (let i = 0; i < Number(arg); i++) {
    seqs.push((await store.appendAudit({ ...input, actor: tag, action: 'promotion.requested' })).seq);
    await pause();
  }
  store.close();
  console.log(JSON.stringify({ tag, seqs }));
} else if (mode === 'execute') {
  const store = await openStore();
  await waitForStart();
  const wins: string[] = [];
  for (const id of JSON.parse(arg) as string[]) {
    const audit = { ...input, actor: tag, action: 'promotion.executed', promotionId: id } as const;
    if (await store.transitionPromotion(id, { from: ['approved'], to: 'executing', patch: { executedBy: tag } }, audit))
      wins.push(id);
    await pause();
  }
  store.close();
  console.log(JSON.stringify({ tag, wins }));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
