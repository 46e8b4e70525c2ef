/**
 * Persistence on disk, without a server: one file per declared store, each loaded on its own (a bad one moved
 * aside alone, its .bak used), values v8 cannot round-trip left out alone, unchanged stores not rewritten,
 * unfinished temp files removed, and one localaws per data directory.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StackState } from '../src/services/cloudformation/model';
import { createServiceModels, declaredStores, type ServiceModels } from '../src/services/models';
import { DataDirLockedError, LOCK_FILE } from '../src/state/data-dir-lock';
import { Persistence } from '../src/state/persistence';

let dataDir: string;
let lines: string[];
const open: Persistence[] = [];

function persistence(models: ServiceModels = createServiceModels()): { models: ServiceModels; persistence: Persistence } {
  const p = new Persistence({ dataDir, stores: declaredStores(models), log: (line) => lines.push(line) });
  p.start();
  open.push(p);
  return { models, persistence: p };
}

async function closeAll(): Promise<void> {
  for (const p of open.splice(0)) await p.close();
}

/** A stack as the model keeps it, with `template` as given (only the persisted shape matters here). */
function stack(name: string, template: unknown): StackState {
  return {
    stackId: `arn:aws:cloudformation:us-east-1:111111111111:stack/${name}/1`,
    stackName: name,
    status: 'CREATE_COMPLETE',
    creationTime: new Date(),
    plan: {
      templateBody: '{}',
      template: template as StackState['plan']['template'],
      parameters: { values: {}, raw: {} } as never,
      resources: {},
      dependencies: {},
    },
    capabilities: [],
    tags: [],
    disableRollback: false,
    resources: new Map(),
    events: [],
    outputs: [],
  };
}

function seed(models: ServiceModels): void {
  models.kms.keys
    .get('111111111111', 'us-east-1')
    .set('k1', { keyId: 'k1', arn: 'arn:k1', enabled: true, keyPolicy: {}, tags: [], creationDate: new Date() });
  models.ssm.parametersOf('111111111111', 'us-east-1').set('/p', {
    name: '/p',
    type: 'String',
    value: 'v',
    version: 1,
    lastModified: new Date(),
    dataType: 'text',
    tier: 'Standard',
  });
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'localaws-files-'));
  lines = [];
});
afterEach(async () => {
  await closeAll();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('store files', () => {
  it('saves each declared store to stores/<name>.v8 and loads them back', async () => {
    const { models, persistence: p } = persistence();
    seed(models);
    await p.save();
    const files = readdirSync(path.join(dataDir, 'stores'));
    expect(files).toEqual(
      expect.arrayContaining([
        'kms.keys.v8',
        'ssm.parameters.v8',
        'cloudformation.stacks.v8',
        'logs.streams.v8',
        'cloudwatch.settings.v8',
      ]),
    );
    await closeAll();
    const { models: back } = persistence();
    expect(back.kms.keys.get('111111111111', 'us-east-1').get('k1')?.arn).toBe('arn:k1');
    expect(back.ssm.getParameter('111111111111', 'us-east-1', '/p')?.value).toBe('v');
  });

  it('leaves out a value v8 cannot read back (a 3,000-deep template) and keeps everything else', async () => {
    const { models, persistence: p } = persistence();
    seed(models);
    let deep: unknown = {};
    for (let i = 0; i < 3000; i++) deep = { Nested: deep };
    const region = models.cloudformation.region('111111111111', 'us-east-1');
    region.stacks.push(stack('fine', { Resources: {} }), stack('deep', deep));
    await p.save();
    expect(lines.join('\n')).toMatch(/1 item\(s\) of store "cloudformation.stacks" cannot be saved/);
    await closeAll();
    const { models: back } = persistence();
    expect(back.cloudformation.region('111111111111', 'us-east-1').stacks.map((s) => s.stackName)).toEqual(['fine']);
    expect(back.kms.keys.get('111111111111', 'us-east-1').has('k1')).toBe(true);
    expect(lines.some((line) => line.includes('could not load'))).toBe(false);
  });

  it('moves a corrupt store file aside alone, names it, and falls back to its .bak', async () => {
    const { models, persistence: p } = persistence();
    seed(models);
    await p.save();
    models.kms.keys
      .get('111111111111', 'us-east-1')
      .set('k2', { keyId: 'k2', arn: 'arn:k2', enabled: true, keyPolicy: {}, tags: [], creationDate: new Date() });
    await p.save();
    await closeAll();
    writeFileSync(path.join(dataDir, 'stores', 'kms.keys.v8'), 'not a store');
    writeFileSync(path.join(dataDir, 'stores', 'ssm.parameters.v8'), 'not a store either');
    rmSync(path.join(dataDir, 'stores', 'ssm.parameters.v8.bak'), { force: true });
    const { models: back } = persistence();
    // kms.keys: the .bak (the copy before the final save on close) is used; ssm has no .bak and starts empty.
    expect([...back.kms.keys.get('111111111111', 'us-east-1').keys()]).toEqual(['k1', 'k2']);
    expect(back.ssm.getParameter('111111111111', 'us-east-1', '/p')).toBeUndefined();
    expect(lines.some((line) => line.includes('could not load store "kms.keys"'))).toBe(true);
    expect(lines.some((line) => line.includes('could not load store "ssm.parameters"'))).toBe(true);
    expect(lines.some((line) => line.includes('"kms.keys" restored from its previous copy'))).toBe(true);
    expect(readdirSync(path.join(dataDir, 'stores')).filter((f) => f.includes('.unreadable-'))).toHaveLength(2);
  });

  it('does not rewrite stores nobody touched since the last save', async () => {
    const { models, persistence: p } = persistence();
    seed(models);
    const first = await p.save();
    expect(first.stores).toBeGreaterThan(10);
    const idle = await p.save();
    expect(idle.stores).toBe(0);
    models.kms.keys.get('111111111111', 'us-east-1').delete('k1');
    const one = await p.save();
    expect(one.stores).toBe(1);
  });

  it('spaces out timer saves of a store by 20 times its last save, then saves it when due; explicit saves do not wait', async () => {
    const { models, persistence: p } = persistence();
    seed(models);
    // A big store: its save takes a few ms, so it is not due again for 20 times that.
    // Asking the store for the partition is what marks it changed.
    const keys = () => models.kms.keys.get('111111111111', 'us-east-1');
    for (let i = 0; i < 4_000; i++)
      keys().set(`bulk-${i}`, { ...keys().get('k1')!, keyId: `bulk-${i}`, description: 'x'.repeat(200) });
    await p.save();
    keys().delete('bulk-0');
    const early = await p.save({ whenDue: true });
    expect(early).toMatchObject({ stores: 0, deferred: 1 });
    const forced = await p.save();
    expect(forced).toMatchObject({ stores: 1, deferred: 0 });
    // When it is due depends on how long that save took (a loaded machine makes it seconds): wait that long.
    const due = Math.min(100_000, forced.ms * 25 + 10_000);
    keys().delete('bulk-1');
    expect(await p.save({ whenDue: true })).toMatchObject({ stores: 0, deferred: 1 });
    // Nothing else changes: the deferred store is still saved when it is due.
    await expect
      .poll(() => p.save({ whenDue: true }).then(() => p.save({ whenDue: true })), { timeout: due })
      .toMatchObject({ stores: 0, deferred: 0 });
  }, 120_000);
  it('removes unfinished temp files at start', async () => {
    const stores = path.join(dataDir, 'stores');
    persistence();
    await closeAll();
    writeFileSync(path.join(stores, 'kms.keys.v8.4242.tmp'), 'half a save');
    persistence();
    expect(readdirSync(stores).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(lines.some((line) => line.includes('removed 1 unfinished save file'))).toBe(true);
  });

  it('refuses a second instance on the same data directory, and takes over the lock of a dead one', async () => {
    persistence();
    expect(() => persistence()).toThrow(DataDirLockedError);
    expect(() => persistence()).toThrow(/in use by another localaws \(process \d+/);
    await closeAll();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    // A pid that cannot be running (above Linux's pid_max), as a kill -9 leaves it.
    writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: 4_194_400, hostname: (await import('node:os')).hostname() }),
    );
    persistence();
    expect(lines.some((line) => line.includes('process 4194400 that held it is no longer running'))).toBe(true);
  });

  it('migrates the single-file state of older versions, store by store', async () => {
    const keys = new Map([
      ['k1', { keyId: 'k1', arn: 'arn:k1', enabled: true, keyPolicy: {}, tags: [], creationDate: new Date() }],
    ]);
    const region = { stacks: [stack('old', { Resources: {} })], changeSets: [], exports: new Map() };
    const buckets = new Map([
      [
        'b',
        { name: 'b', account: '1', region: 'r', createdAt: new Date(), encryption: { algorithm: 'AES256' }, objects: new Map() },
      ],
    ]);
    const stores = {
      'models.kms.keys': serialize([['111111111111/us-east-1', keys]]),
      'private:stacks+changeSets+exports': serialize([['111111111111/us-east-1', region]]),
      'models.s3.store': serialize([['global/global', buckets]]),
      'models.ssm.parameters': Buffer.from('garbage'),
    };
    writeFileSync(
      path.join(dataDir, 'state.v8'),
      serialize({ format: 'localaws-state', version: 1, savedAt: new Date(), stores }),
    );
    const { models, persistence: p } = persistence();
    expect(models.kms.keys.get('111111111111', 'us-east-1').has('k1')).toBe(true);
    expect(models.cloudformation.region('111111111111', 'us-east-1').stacks[0]?.stackName).toBe('old');
    expect(models.s3.buckets.has('b')).toBe(true);
    expect(lines.some((line) => line.includes('could not read store models.ssm.parameters'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'state.v8.migrated'))).toBe(true);
    await p.save();
    await closeAll();
    const { models: again } = persistence();
    expect(again.kms.keys.get('111111111111', 'us-east-1').has('k1')).toBe(true);
  });
});
