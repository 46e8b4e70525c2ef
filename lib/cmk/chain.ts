import type { AlarmSummary } from '@/lib/alarms/types';
import type { PolicyCheck } from './key-policy';
import type { CmkBinding } from './types';

/**
 * The chain on-call follows when the error and throttle alarms stay silent: key → log group → metric filters →
 * alarms. Each link is checked on its own so the page can say which one is broken, not only that something is.
 */
export interface ChainFilter {
  name: string;
  pattern: string;
  metrics: Array<{ namespace: string; name: string; value: string; defaultValue?: number }>;
  /** Alarms watching this filter's metrics. */
  alarms: AlarmSummary[];
}

/** What the reads found; `assessCmkChain` turns it into checked links. */
export interface CmkChainFacts {
  stackName: string;
  /** The stack's EnableCmk parameter: null when the stack has none. */
  enableCmk: boolean | null;
  /** The stack's CmkArn output (absent when the key's condition is false). */
  expectedKeyArn?: string;
  binding: CmkBinding;
  /** The log group's kmsKeyId as Logs reports it (absent when unencrypted or no group). */
  logGroupKeyId?: string;
  filters: ChainFilter[];
  /**
   * Why the filters (or their alarms) could not be read, as `code: sentence`: the binding is still checked, so a
   * role without DescribeMetricFilters / DescribeAlarmsForMetric keeps the key checks.
   */
  filtersError?: string;
}

export type LinkStatus = 'ok' | 'warning' | 'failure' | 'skipped';

export interface ChainLink {
  id: 'key' | 'key-policy' | 'log-group' | 'filters' | 'alarms';
  title: string;
  status: LinkStatus;
  /** One sentence: what was found. */
  summary: string;
  /** Failing key-policy checks (key-policy link only), for the remediation entries that fix them. */
  failingChecks?: PolicyCheck['id'][];
}

export interface CmkChain extends CmkChainFacts {
  links: ChainLink[];
  /** The worst link status: what a one-word badge for the whole chain says. */
  status: LinkStatus;
}

const RANK: Record<LinkStatus, number> = { skipped: 0, ok: 1, warning: 2, failure: 3 };

export function assessCmkChain(facts: CmkChainFacts): CmkChain {
  const links = [keyLink(facts), policyLink(facts), groupLink(facts), filtersLink(facts), alarmsLink(facts)];
  const status = links.reduce<LinkStatus>((worst, link) => (RANK[link.status] > RANK[worst] ? link.status : worst), 'skipped');
  return { ...facts, links, status };
}

function keyLink({ binding, enableCmk }: CmkChainFacts): ChainLink {
  const title = 'Key';
  if (binding.kind !== 'bound') {
    const expected = binding.kind === 'unencrypted' ? binding.cmkExpected : enableCmk === true;
    return expected
      ? { id: 'key', title, status: 'failure', summary: 'EnableCmk is true but the log group is not bound to a key.' }
      : { id: 'key', title, status: 'skipped', summary: 'No customer managed key (EnableCmk is false).' };
  }
  const { key } = binding;
  if (!key)
    return {
      id: 'key',
      title,
      status: 'failure',
      summary: `tapdeck cannot read the key: ${binding.keyError ?? 'unknown error'}`,
    };
  const name = key.aliases[0] ?? key.keyId;
  if (key.state !== 'Enabled')
    return { id: 'key', title, status: 'failure', summary: `${name} is ${key.state}: CloudWatch Logs cannot encrypt with it.` };
  if (key.rotation === false)
    return { id: 'key', title, status: 'warning', summary: `${name} is enabled, but automatic rotation is off.` };
  const rotation = key.rotation === null ? 'rotation unknown (GetKeyRotationStatus not allowed)' : 'rotation on';
  return { id: 'key', title, status: 'ok', summary: `${name} is enabled, ${rotation}.` };
}

function policyLink({ binding }: CmkChainFacts): ChainLink {
  const title = 'Key policy grants CloudWatch Logs';
  if (binding.kind !== 'bound' || !binding.key)
    return { id: 'key-policy', title, status: 'skipped', summary: 'No key policy to check.' };
  const failing = binding.checks.filter((check) => !check.ok);
  if (failing.length === 0)
    return { id: 'key-policy', title, status: 'ok', summary: `All ${binding.checks.length} grants Logs needs are there.` };
  return {
    id: 'key-policy',
    title,
    status: 'failure',
    summary: `Missing ${failing.length} of ${binding.checks.length} grants Logs needs: ${failing.map((c) => c.label).join('; ')}.`,
    failingChecks: failing.map((c) => c.id),
  };
}

function groupLink({ binding, expectedKeyArn, logGroupKeyId }: CmkChainFacts): ChainLink {
  const title = 'Log group bound to the key';
  if (binding.kind === 'no-log-group')
    return {
      id: 'log-group',
      title,
      status: 'failure',
      summary: 'The stack has no LogGroupName output, or the group does not exist.',
    };
  if (binding.kind === 'unencrypted')
    return {
      id: 'log-group',
      title,
      status: binding.cmkExpected ? 'failure' : 'skipped',
      summary: `${binding.logGroupName} has no kmsKeyId${binding.cmkExpected ? ', although EnableCmk is true' : ''}.`,
    };
  const keyArn = binding.key?.arn;
  const sameAsKey = logGroupKeyId !== undefined && (logGroupKeyId === keyArn || logGroupKeyId === binding.key?.keyId);
  if (expectedKeyArn && keyArn && keyArn !== expectedKeyArn)
    return {
      id: 'log-group',
      title,
      status: 'failure',
      summary: `${binding.logGroupName} is encrypted with ${keyArn}, not the stack's CmkArn ${expectedKeyArn}.`,
    };
  return {
    id: 'log-group',
    title,
    status: sameAsKey || !binding.key ? 'ok' : 'warning',
    summary: sameAsKey
      ? `${binding.logGroupName}'s kmsKeyId is the key${expectedKeyArn ? ' (the stack’s CmkArn output)' : ''}.`
      : `${binding.logGroupName}'s kmsKeyId is ${logGroupKeyId ?? 'unknown'}.`,
  };
}

function filtersLink({ binding, filters, filtersError }: CmkChainFacts): ChainLink {
  const title = 'Metric filters on the group';
  if (binding.kind === 'no-log-group') return { id: 'filters', title, status: 'skipped', summary: 'No log group.' };
  if (filtersError)
    return {
      id: 'filters',
      title,
      status: 'warning',
      summary: `tapdeck cannot read the group's metric filters: ${filtersError}`,
    };
  if (filters.length === 0)
    return {
      id: 'filters',
      title,
      status: 'warning',
      summary: 'No metric filter reads this group: nothing turns its events into metrics.',
    };
  return {
    id: 'filters',
    title,
    status: 'ok',
    summary: `${filters.length} filter${filters.length === 1 ? '' : 's'}: ${filters.map((f) => f.metrics.map((m) => `${m.namespace}/${m.name}`).join(', ')).join('; ')}.`,
  };
}

function alarmsLink({ filters, filtersError }: CmkChainFacts): ChainLink {
  const title = 'Alarms on the filters’ metrics';
  if (filtersError) return { id: 'alarms', title, status: 'skipped', summary: 'Unknown until the filters can be read.' };
  if (filters.length === 0) return { id: 'alarms', title, status: 'skipped', summary: 'No filters, so no metrics to alarm on.' };
  const unwatched = filters.filter((f) => f.alarms.length === 0);
  const alarms = filters.flatMap((f) => f.alarms);
  const firing = alarms.filter((a) => a.state === 'ALARM');
  if (unwatched.length > 0)
    return {
      id: 'alarms',
      title,
      status: 'warning',
      summary: `No alarm watches ${unwatched.map((f) => f.name).join(', ')}.`,
    };
  if (firing.length > 0)
    return {
      id: 'alarms',
      title,
      status: 'warning',
      summary: `${firing.length} of ${alarms.length} alarms in ALARM: ${firing.map((a) => a.name).join(', ')}.`,
    };
  return {
    id: 'alarms',
    title,
    status: 'ok',
    summary: `${alarms.length} alarm${alarms.length === 1 ? '' : 's'} watch the metrics, none in ALARM.`,
  };
}
