import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfnLintVersion, INSTALL_HINT, lintTemplates } from '../scripts/cfn-lint';
import type { CfnTemplate } from './synth';
import { templateFile } from './tapstack-assembly';

// The suite's one real-CLI synthesis (several seconds on 2 cores): `cdk synth` must work offline, with no
// account, no bootstrap and no lookups. CDK_HOME keeps the CLI's caches out of the user's home.
const CDK = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');
const work = mkdtempSync(path.join(tmpdir(), 'tapstack-synth-'));
const outdir = path.join(work, 'cdk.out');
let cli: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  // The app command is cdk.json's, as an operator's `npx cdk synth` runs it; the CLI itself runs on this Node.
  cli = spawnSync(
    process.execPath,
    [CDK, 'synth', '--app', 'npx tsx infra/bin/tap.ts', '--output', outdir, '-c', 'suffix=test', '--quiet'],
    {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_HOME: path.join(work, 'cdk-home'),
        CDK_DISABLE_CLI_TELEMETRY: 'true',
        // No credentials and an unroutable endpoint: any network call would fail the synth.
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      },
    },
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cdk synth (real CLI, offline)', () => {
  it('synthesizes TapStack-test with EnvironmentSuffix defaulting to the suffix context', () => {
    expect(cli.status, cli.stderr).toBe(0);
    const template = JSON.parse(readFileSync(path.join(outdir, 'TapStack-test.template.json'), 'utf8')) as CfnTemplate;
    expect(template.Parameters.EnvironmentSuffix?.Default).toBe('test');
    expect(Object.keys(template.Resources).length).toBeGreaterThan(10);
    // LegacyStackSynthesizer: no bootstrap version rule, no asset manifests to publish.
    expect(JSON.stringify(template)).not.toContain('BootstrapVersion');
  });
});

const version = cfnLintVersion();
if (!version) console.warn(`${INSTALL_HINT} (the cfn-lint tests are skipped)`);

describe.skipIf(!version)(`cfn-lint (${version ?? 'not installed'})`, () => {
  it('reports nothing on the CLI-synthesized template and E3005 on the conditional-DependsOn variant', () => {
    const good = path.join(outdir, 'TapStack-test.template.json');
    const dependsOn = templateFile('conditional-depends-on');
    const findings = lintTemplates([good, dependsOn]);
    expect(findings.get(path.resolve(good))).toEqual([]);
    expect(findings.get(path.resolve(dependsOn))?.map((f) => f.rule)).toContain('E3005');
  });
});

describe('npm run lint:cfn without cfn-lint', () => {
  it('says how to install it and exits 0', () => {
    const tsxCli = path.resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs');
    const r = spawnSync(process.execPath, [tsxCli, 'infra/scripts/cfn-lint.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, PATH: path.join(work, 'empty-path') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('cfn-lint not found: install it with `pip install cfn-lint`');
  });
});
