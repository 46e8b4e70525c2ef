/**
 * The TapStack synthesized once per test run, for everything that needs its template: vitest's globalSetup
 * (infra/test/global-setup.ts) and `npm run lint:cfn` write it here, the tests read the JSON (./synth.ts), and
 * the CLI deploy test hands the directory to `cdk deploy --app <dir>` so the CLI does not synthesize again.
 *
 * Loading aws-cdk-lib and building the stack costs 5–30 s of CPU the first time in a process on this 2-core
 * machine (a second stack in the same process about 1 s), which every test file used to pay in its own worker.
 * So aws-cdk-lib and the stack are imported only when synthesizing: the paths below cost the readers nothing.
 *
 *   infra/cdk.out/tapstack/good/        TapStack-test, TapStack-cli-cmk, TapStack-cli-nocmk (one cloud assembly)
 *   infra/cdk.out/tapstack/<variant>/   TapStack-test with that broken variant applied
 *   infra/cdk.out/tapstack/nag.json     the good stack with cdk-nag's AwsSolutions checks: errors, warnings
 *   infra/cdk.out/tapstack/stamp        hash of the inputs; a matching stamp means the output is current
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import type { BrokenVariant } from '../lib/broken-variants';
import { withFileLock } from './file-lock';

const SELF = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SELF), '../..');
export const ASSEMBLY_DIR = path.join(REPO, 'infra/cdk.out/tapstack');
/** The suffix every template is synthesized with; ./synth.ts sets EnvironmentSuffix's default for others. */
export const SYNTH_SUFFIX = 'test';
/**
 * Stacks in the good assembly besides TapStack-test, for the real `cdk deploy --app <dir>`: the CLI deploy test's
 * two (deploy-localaws.test.ts) and the browser test's rollout (e2e/rollout.spec.ts).
 */
export const CLI_SUFFIXES = ['cli-cmk', 'cli-nocmk', 'e2e-cli'] as const;

/** The cloud assembly directory of the good stacks, or of a broken variant's TapStack-test. */
export function assemblyDir(variant?: BrokenVariant): string {
  return path.join(ASSEMBLY_DIR, variant ?? 'good');
}

export interface NagFindings {
  errors: string[];
  warnings: string[];
}

/** Every file that decides the templates, and the versions of the libraries that build them. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.ts') || name.endsWith('.json')) hash.update(file).update(readFileSync(file));
    }
  };
  walk(path.join(REPO, 'infra/lib'));
  walk(path.join(REPO, 'infra/bin'));
  hash.update(readFileSync(SELF));
  for (const pkg of ['aws-cdk-lib', 'cdk-nag']) hash.update(readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json')));
  return hash.digest('hex');
}

const stampFile = () => path.join(ASSEMBLY_DIR, 'stamp');

/** Whether the assembly on disk was made from the current sources. */
export function assemblyIsCurrent(): boolean {
  return existsSync(stampFile()) && readFileSync(stampFile(), 'utf8') === inputsHash();
}

/** The good stack's cdk-nag findings (what Annotations.findError / findWarning would list), ids and messages. */
async function nagFindings(tapStack: (app: App, suffix: string) => unknown): Promise<NagFindings> {
  const { App, Aspects } = await import('aws-cdk-lib');
  const { AwsSolutionsChecks } = await import('cdk-nag');
  const app = new App();
  tapStack(app, SYNTH_SUFFIX);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  const messages = app.synth().getStackByName(`TapStack-${SYNTH_SUFFIX}`).messages;
  const of = (level: string) =>
    messages
      .filter((m) => m.level === level && /^AwsSolutions-/.test(String(m.entry.data)))
      .map((m) => `${m.id}: ${String(m.entry.data)}`);
  return { errors: of('error'), warnings: of('warning') };
}

/** Synthesizes everything into ASSEMBLY_DIR (through a temp dir, so a reader never sees half of it). */
export async function synthesizeAssembly(): Promise<void> {
  const { App, LegacyStackSynthesizer } = await import('aws-cdk-lib');
  const { applyBrokenVariant, BROKEN_VARIANTS } = await import('../lib/broken-variants');
  const { TapStack } = await import('../lib/tap-stack');
  const tapStack = (app: App, suffix: string) =>
    new TapStack(app, `TapStack-${suffix}`, { suffix, synthesizer: new LegacyStackSynthesizer() });
  const temp = `${ASSEMBLY_DIR}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  const good = new App({ outdir: path.join(temp, 'good') });
  for (const suffix of [SYNTH_SUFFIX, ...CLI_SUFFIXES]) tapStack(good, suffix);
  good.synth();
  for (const variant of Object.keys(BROKEN_VARIANTS) as BrokenVariant[]) {
    const app = new App({ outdir: path.join(temp, variant) });
    applyBrokenVariant(tapStack(app, SYNTH_SUFFIX), variant);
    app.synth();
  }
  writeFileSync(path.join(temp, 'nag.json'), JSON.stringify(await nagFindings(tapStack), null, 1));
  writeFileSync(path.join(temp, 'stamp'), inputsHash());
  const old = `${ASSEMBLY_DIR}.${process.pid}.old`;
  if (existsSync(ASSEMBLY_DIR)) renameSync(ASSEMBLY_DIR, old);
  renameSync(temp, ASSEMBLY_DIR);
  rmSync(old, { recursive: true, force: true });
}

/** Synthesizes unless the output on disk is current; says which. */
export async function ensureAssembly(log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  const reusing = `TapStack templates: reusing ${path.relative(REPO, ASSEMBLY_DIR)}/ (sources unchanged)`;
  if (assemblyIsCurrent()) return log(reusing);
  // One synthesis at a time: `npm test` starts the template lint, vitest and Playwright together, and each asks first.
  await withFileLock(`${ASSEMBLY_DIR}.lock`, async () => {
    // Another process may have synthesized while this one waited for the lock.
    if (assemblyIsCurrent()) return log(reusing);
    await synthesizeAssembly();
    log(
      `TapStack templates: synthesized into ${path.relative(REPO, ASSEMBLY_DIR)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}

/** The template file of the good stack (variant undefined) or a broken variant, for TapStack-test. */
export function templateFile(variant?: BrokenVariant, suffix: string = SYNTH_SUFFIX): string {
  return path.join(assemblyDir(variant), `TapStack-${suffix}.template.json`);
}
