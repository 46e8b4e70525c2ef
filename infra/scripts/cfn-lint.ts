/**
 * Runs cfn-lint (the linter the seed's verification used) on the synthesized TapStack templates:
 *   - the good stack must have no findings at all;
 *   - each broken variant that cfn-lint can catch must be flagged with its rule (e.g. E3005 for the
 *     conditional DependsOn); the others are listed with the AWS error they meet at deploy time instead.
 * The templates are the run's shared synthesis in infra/cdk.out/tapstack/ (infra/test/tapstack-assembly.ts):
 * made here when missing or out of date, and reused by the vitest run that follows in `npm test`. Without
 * cfn-lint on PATH it says how to install it and exits 0, so `npm run lint:cfn` never blocks a machine without
 * Python (and loads no CDK code for it).
 *
 *   npm run lint:cfn            (tsx infra/scripts/cfn-lint.ts)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BROKEN_VARIANTS, type BrokenVariant } from '../lib/broken-variants';
import { ASSEMBLY_DIR, ensureAssembly, templateFile } from '../test/tapstack-assembly';

export const INSTALL_HINT = 'cfn-lint not found: install it with `pip install cfn-lint`';

export interface CfnLintFinding {
  readonly rule: string;
  readonly level: string;
  readonly message: string;
}

/** cfn-lint's version line, or undefined when it is not installed. */
export function cfnLintVersion(): string | undefined {
  const r = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? undefined : r.stdout.trim();
}

/**
 * Lints template files in one cfn-lint run (its start-up dominates: ~4 s for one file, ~9 s for six).
 * cfn-lint's exit code is a bitmask of levels, so findings come from its JSON output, keyed by file.
 */
export function lintTemplates(files: string[]): Map<string, CfnLintFinding[]> {
  const r = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8' });
  if (r.error) throw r.error;
  const byFile = new Map(files.map((f) => [path.resolve(f), [] as CfnLintFinding[]]));
  if (r.stdout.trim() === '') {
    if (r.status === 0) return byFile;
    throw new Error(`cfn-lint failed: ${r.stderr}`);
  }
  const matches = JSON.parse(r.stdout) as { Rule: { Id: string }; Level: string; Message: string; Filename: string }[];
  for (const m of matches) {
    byFile.get(path.resolve(m.Filename))?.push({ rule: m.Rule.Id, level: m.Level, message: m.Message });
  }
  return byFile;
}

const describeFindings = (findings: CfnLintFinding[]) =>
  findings.map((f) => `    ${f.rule} (${f.level}) ${f.message}`).join('\n');

async function main(): Promise<number> {
  const version = cfnLintVersion();
  if (!version) {
    console.log(INSTALL_HINT);
    return 0;
  }
  await ensureAssembly();
  console.log(`${version}; templates in ${path.relative(process.cwd(), ASSEMBLY_DIR)}/`);
  let failures = 0;

  const variants = Object.entries(BROKEN_VARIANTS) as [BrokenVariant, (typeof BROKEN_VARIANTS)[BrokenVariant]][];
  const goodFile = templateFile();
  const variantFiles = new Map(variants.map(([variant]) => [variant, templateFile(variant)]));
  const findingsByFile = lintTemplates([goodFile, ...variantFiles.values()]);
  const findingsOf = (file: string | undefined) => findingsByFile.get(path.resolve(file ?? '')) ?? [];

  const good = findingsOf(goodFile);
  if (good.length === 0) console.log('✓ good stack: no findings');
  else {
    failures += 1;
    console.log(`✗ good stack: ${good.length} finding(s)\n${describeFindings(good)}`);
  }

  for (const [variant, info] of variants) {
    const findings = findingsOf(variantFiles.get(variant));
    if (info.cfnLintRule === null) {
      console.log(
        `· ${variant}: not detectable by cfn-lint (${findings.length} finding(s)); AWS refuses it at deploy: ${info.awsError}`,
      );
      if (findings.length > 0) console.log(describeFindings(findings));
    } else if (findings.some((f) => f.rule === info.cfnLintRule)) {
      console.log(`✓ ${variant}: flagged by ${info.cfnLintRule}\n${describeFindings(findings)}`);
    } else {
      failures += 1;
      console.log(`✗ ${variant}: expected ${info.cfnLintRule}, got:\n${describeFindings(findings) || '    nothing'}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
