/**
 * A separate process for sqlite-store.test.ts's races (`node --import tsx sqlite-race-child.ts <mode> <db> <startAt> <arg>`):
 *   append  <count>  open the (possibly fresh) file at startAt, then append `count` audit entries
 *   execute <ids>    open the file, wait for startAt, then try approved → executing on each id (a JSON array)
 * Prints one JSON line with what it did. startAt (epoch ms) lines the processes up so they really overlap.
 */
import { openSqliteStore } from './sqlite-store';

const [mode, dbPath = '', startAtText = '0', arg = ''] = process.argv.slice(2);
const startAt = Number(startAtText);
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
  const store = openSqliteStore(dbPath, { busyTimeoutMs: 30_000 });
  const seqs: number[] = [];
  for (let i = 0; i < Number(arg); i++) {
    seqs.push((await store.appendAudit({ ...input, actor: tag, action: 'promotion.requested' })).seq);
    await pause();
  }
  store.close();
  console.log(JSON.stringify({ tag, seqs }));
} else if (mode === 'execute') {
  const store = openSqliteStore(dbPath, { busyTimeoutMs: 30_000 });
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
