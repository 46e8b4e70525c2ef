/**
 * kill -9 in the middle of saves: a child localaws on a data directory takes writes (SSM parameters, a stream of
 * log events) while saving over and over, and is SIGKILLed at a random moment, three times over. Every restart
 * must load every store (no file moved aside), keep what had been saved before the writes began, and take over the
 * dead process's lock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalaws } from '../src/index';
import { readStoreFile } from '../src/state/store-file';

const BIN = path.join(__dirname, '..', 'bin', 'localaws.mjs');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const children: ChildProcess[] = [];
let dataDir = '';

async function startChild(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--speed', '100', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`child exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

function clients(url: string) {
  return {
    ssm: new SSMClient({ endpoint: url, region: 'us-east-1', credentials }),
    logs: new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials }),
  };
}

const save = (url: string) =>
  fetch(`${url}/_localaws/state/save`, {
    method: 'POST',
    headers: { 'x-localaws-admin': '1', 'content-type': 'application/json' },
    body: '{}',
  });

/** Writes until `stop` resolves: parameters, batches of log events, and explicit saves. */
async function churn(url: string, round: number, stopped: () => boolean): Promise<number> {
  const { ssm, logs } = clients(url);
  let n = 0;
  try {
    while (!stopped()) {
      n += 1;
      const events = Array.from({ length: 500 }, (_, i) => ({
        timestamp: Date.now(),
        message: `round ${round} batch ${n} event ${i} ${'x'.repeat(80)}`,
      }));
      await Promise.all([
        ssm.send(new PutParameterCommand({ Name: `/churn/${round}/${n}`, Value: String(n), Type: 'String' })),
        logs.send(new PutLogEventsCommand({ logGroupName: 'kill-test', logStreamName: `round-${round}`, logEvents: events })),
        save(url),
      ]);
    }
  } catch {
    // The kill lands mid-request.
  } finally {
    ssm.destroy();
    logs.destroy();
  }
  return n;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 during saves', () => {
  it('leaves every store loadable and the earlier state intact', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'localaws-kill-'));
    const first = await startChild();
    const { ssm, logs } = clients(first.url);
    for (let i = 0; i < 30; i++) await ssm.send(new PutParameterCommand({ Name: `/keep/${i}`, Value: `v${i}`, Type: 'String' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'kill-test' }));
    ssm.destroy();
    logs.destroy();
    // Wait until the 30 parameters are on disk.
    const ssmFile = path.join(dataDir, 'stores', 'ssm.parameters.v8');
    for (let tries = 0; ; tries++) {
      await save(first.url);
      try {
        const { entries } = readStoreFile(ssmFile, 'ssm.parameters');
        if ((entries[0]?.[1] as Map<string, unknown> | undefined)?.size === 30) break;
      } catch {
        // not written yet
      }
      if (tries > 100) throw new Error('the parameters never reached the disk');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    let current = first;
    for (let round = 1; round <= 3; round++) {
      let stop = false;
      const writing = churn(current.url, round, () => stop);
      // A random moment: somewhere in the first second and a half of writing and saving.
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 1300));
      current.child.kill('SIGKILL');
      stop = true;
      await writing;
      await new Promise((resolve) => current.child.once('exit', resolve).exitCode !== null && resolve(undefined));
      current = await startChild();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(current.output()).not.toMatch(/could not load store/);
      expect(current.output()).toMatch(/taking over .*localaws\.lock/);
    }
    current.child.kill('SIGKILL');
    await new Promise((resolve) => current.child.once('exit', resolve));

    const lines: string[] = [];
    const server = await startLocalaws({ port: 0, dataDir, log: (line) => lines.push(line) });
    try {
      const ssmAfter = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials });
      const kept: string[] = [];
      for (let i = 0; i < 30; i++) {
        const { Parameter } = await ssmAfter.send(new GetParameterCommand({ Name: `/keep/${i}` }));
        kept.push(Parameter?.Value ?? '');
      }
      ssmAfter.destroy();
      expect(kept.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
      expect(lines.join('\n')).not.toMatch(/could not load store/);
      expect(readdirSync(path.join(dataDir, 'stores')).filter((f) => f.includes('unreadable') || f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await server.close();
    }
  }, 180_000);
});
