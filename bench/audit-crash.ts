/**
 * `npx tsx bench/audit-crash.ts [--runs 3] [--entries 1000]`: does an acknowledged audit entry survive a crash?
 *
 * Each run starts a child process (this file with --child) that opens a fresh SQLite store and appends entries
 * one at a time, writing each seq to stdout only after appendAudit returned (its transaction committed). The
 * parent SIGKILLs the child after a random number of acknowledgements (50–900), mid-append as often as not,
 * then reopens the database as a restarted server would: every acknowledged seq must be there and the chain
 * must verify. Exits 1 if any run lost an acknowledged entry or failed verification.
 *
 * SIGKILL loses the process, not the machine: what it proves is that a commit is atomic and the WAL recovers.
 * Surviving power loss is what synchronous=FULL is for (an fsync per commit), and that needs a real power cut.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../lib/store/sqlite-store';

const { values } = parseArgs({ options: { runs: { type: 'string' }, entries: { type: 'string' }, child: { type: 'string' } } });
const entries = Number(values.entries ?? 1_000);

interface RunResult {
  killAfter: number;
  acknowledged: number;
  found: number;
  lost: number[];
  chain: string;
  appendsPerSecond: number;
  walKbAtKill: number;
  reopenMs: number;
  verifyMs: number;
}

/** The child: appends and acknowledges. writeSync so an acknowledgement is never buffered past the kill. */
async function appendUntilKilled(path: string): Promise<void> {
  const store = openSqliteStore(path);
  writeSync(1, 'ready\n');
  for (let i = 0; i < entries; i++) {
    const entry = await store.appendAudit({
      actor: 'bench@example.com',
      actorName: 'Crash Bench',
      actorRole: 'system',
      action: 'promotion.approved',
      account: '111111111111',
      region: 'us-east-1',
      stackName: 'TapStack',
      promotionId: `p-${i}`,
      paramsBefore: { Mode: 'dry-run' },
      paramsAfter: { Mode: 'apply' },
      outcome: 'ok',
    });
    writeSync(1, `${entry.seq}\n`);
  }
  store.close();
}

async function crashOnce(): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tapdeck-audit-crash-'));
  const path = join(dir, 'tapdeck.db');
  try {
    const killAfter = 50 + Math.floor(Math.random() * 851);
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', path, '--entries', String(entries)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged = new Set<number>();
    let readyAt = 0;
    let lastAckAt = 0;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line === 'ready') return void (readyAt = performance.now());
      acknowledged.add(Number(line));
      lastAckAt = performance.now();
      if (acknowledged.size === killAfter) child.kill('SIGKILL');
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    if (signal !== 'SIGKILL') throw new Error(`the child ended with ${signal ?? `exit ${code}`} before it was killed`);

    const walPath = `${path}-wal`;
    const walKbAtKill = existsSync(walPath) ? Math.round(statSync(walPath).size / 1024) : 0;
    const started = performance.now();
    const store = openSqliteStore(path);
    const opened = performance.now();
    const verification = await store.verifyAudit();
    const verified = performance.now();
    const found = new Set<number>();
    let page = await store.listAudit({ limit: 500 });
    while (page.length) {
      for (const entry of page) found.add(entry.seq);
      page = await store.listAudit({ limit: 500, beforeSeq: page.at(-1)!.seq });
    }
    store.close();
    return {
      killAfter,
      acknowledged: acknowledged.size,
      found: found.size,
      lost: [...acknowledged].filter((seq) => !found.has(seq)),
      chain: verification.ok ? `ok (${verification.count})` : `BAD at ${verification.firstBadSeq}: ${verification.reason}`,
      appendsPerSecond: Math.round(acknowledged.size / ((lastAckAt - readyAt) / 1_000)),
      walKbAtKill,
      reopenMs: Number((opened - started).toFixed(1)),
      verifyMs: Number((verified - opened).toFixed(1)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) {
  await appendUntilKilled(values.child);
} else {
  const runs = Number(values.runs ?? 3);
  const rows: string[][] = [
    [
      'run',
      'kill after',
      'acknowledged',
      'found',
      'lost acked',
      'chain',
      'appends/s',
      'WAL at kill',
      'reopen+verify (open / verify)',
    ],
  ];
  let failed = false;
  for (let run = 1; run <= runs; run++) {
    const r = await crashOnce();
    failed ||= r.lost.length > 0 || !r.chain.startsWith('ok');
    rows.push([
      String(run),
      String(r.killAfter),
      String(r.acknowledged),
      String(r.found),
      r.lost.length ? `${r.lost.length}: ${r.lost.slice(0, 5).join(', ')}` : '0',
      r.chain,
      String(r.appendsPerSecond),
      `${r.walKbAtKill} KB`,
      `${(r.reopenMs + r.verifyMs).toFixed(1)} ms (${r.reopenMs} / ${r.verifyMs})`,
    ]);
  }
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  const machine = `node ${process.version}, ${cpus().length} cores`;
  console.log(`\naudit log crash test: ${runs} runs of up to ${entries} appends, SIGKILL at random (${machine})`);
  for (const row of rows)
    console.log(
      `  ${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}`,
    );
  console.log(
    failed
      ? '\nFAILED: an acknowledged entry was lost or the chain does not verify'
      : '\nno acknowledged entry lost; every chain verifies',
  );
  process.exitCode = failed ? 1 : 0;
}
