'use client';

import dynamic from 'next/dynamic';
import type { ChainLink, CmkChain } from '@/lib/cmk/chain';
import { AlarmStateBadge } from '../alarm-state-badge';
import { Card } from '../card';
import { LiveIndicator } from '../live-indicator';
import { LinkStatusMark } from './link-status';
import { useCmkChain } from './use-cmk-chain';

// The remediation knowledge base (~3 KB gzipped of data) loads only when a key-policy check fails.
const PolicyRemedies = dynamic(() => import('./policy-remedies').then((m) => m.PolicyRemedies));

/** The CMK chain, live: each link checked, the broken one saying what is wrong and how to fix it. */
export function CmkChainLive({ name, initial, initialAt }: { name: string; initial: CmkChain | null; initialAt: string }) {
  const { chain, checkedAt, staleReason, connection } = useCmkChain(name, initial, initialAt);
  const indicator = (
    <LiveIndicator
      connection={connection}
      checkedAt={checkedAt}
      staleReason={staleReason}
      testId="cmk-live-indicator"
      ageLabel="updated"
    />
  );
  if (!chain) {
    return (
      <Card title="Key → log group → metric filters → alarms" actions={indicator}>
        <p className="px-4 py-10 text-center text-sm text-slate-600">
          No stack named <span className="font-mono font-medium text-slate-900">{name}</span> exists here. This page follows it as
          soon as a deployment creates it.
        </p>
      </Card>
    );
  }
  return (
    <Card title="Key → log group → metric filters → alarms" actions={indicator}>
      <ol className="divide-y divide-slate-100" data-testid="cmk-chain" data-status={chain.status}>
        {chain.links.map((link) => (
          <li key={link.id} data-link={link.id} data-status={link.status} className="flex gap-3 px-4 py-3">
            <LinkStatusMark status={link.status} />
            <div className="min-w-0 flex-1">
              <h3 className="text-sm font-medium text-slate-900">{link.title}</h3>
              <p
                className={`mt-0.5 text-sm [overflow-wrap:anywhere] ${link.status === 'failure' ? 'text-rose-800' : 'text-slate-600'}`}
              >
                {link.summary}
              </p>
              <LinkDetail link={link} chain={chain} />
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function LinkDetail({ link, chain }: { link: ChainLink; chain: CmkChain }) {
  const { binding } = chain;
  switch (link.id) {
    case 'key':
      if (binding.kind !== 'bound' || !binding.key) return null;
      return (
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">ARN</dt>
          <dd className="font-mono text-slate-700 [overflow-wrap:anywhere]">{binding.key.arn}</dd>
          {binding.key.aliases.length > 0 && (
            <>
              <dt className="text-slate-500">Aliases</dt>
              <dd className="font-mono text-slate-700 [overflow-wrap:anywhere]">{binding.key.aliases.join(', ')}</dd>
            </>
          )}
          <dt className="text-slate-500">State</dt>
          <dd className="text-slate-700">
            {binding.key.state} · rotation {binding.key.rotation === null ? 'unknown' : binding.key.rotation ? 'on' : 'off'}
          </dd>
        </dl>
      );
    case 'key-policy':
      if (binding.kind !== 'bound' || binding.checks.length === 0) return null;
      return (
        <>
          <ul className="mt-2 space-y-1 text-sm" aria-label="Key policy checks">
            {binding.checks.map((check) => (
              <li key={check.id} data-check={check.id} data-ok={check.ok} className="flex gap-2">
                <span aria-hidden className={check.ok ? 'text-emerald-600' : 'text-rose-600'}>
                  {check.ok ? '✓' : '✗'}
                </span>
                <span className="sr-only">{check.ok ? 'Passes:' : 'Fails:'}</span>
                <span className={check.ok ? 'text-slate-700' : 'font-medium text-rose-800'}>
                  {check.label}
                  {check.detail && <span className="font-normal text-slate-500"> — {check.detail}</span>}
                </span>
              </li>
            ))}
          </ul>
          {link.failingChecks?.length ? <PolicyRemedies checks={link.failingChecks} /> : null}
        </>
      );
    case 'log-group':
      if (binding.kind === 'no-log-group') return null;
      return (
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">Group</dt>
          <dd className="font-mono text-slate-700 [overflow-wrap:anywhere]">{binding.logGroupName}</dd>
          <dt className="text-slate-500">kmsKeyId</dt>
          <dd className="font-mono text-slate-700 [overflow-wrap:anywhere]">{chain.logGroupKeyId ?? '— (none)'}</dd>
        </dl>
      );
    case 'filters':
      return chain.filters.length === 0 ? null : (
        <ul className="mt-2 space-y-2">
          {chain.filters.map((filter) => (
            <li key={filter.name} className="text-xs">
              <span className="font-medium text-slate-800">{filter.name}</span>
              <span className="text-slate-500">
                {' → '}
                {filter.metrics.map((m) => `${m.namespace}/${m.name} (+${m.value})`).join(', ')}
              </span>
              <code className="mt-1 block rounded bg-slate-50 px-2 py-1 font-mono text-[11px] text-slate-700 [overflow-wrap:anywhere]">
                {filter.pattern || '(empty pattern: every event)'}
              </code>
            </li>
          ))}
        </ul>
      );
    case 'alarms':
      return chain.filters.every((f) => f.alarms.length === 0) ? null : (
        <ul className="mt-2 space-y-1.5">
          {chain.filters.flatMap((filter) =>
            filter.alarms.map((alarm) => (
              <li
                key={`${filter.name}/${alarm.name}`}
                className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs"
                data-alarm={alarm.name}
              >
                <AlarmStateBadge state={alarm.state} />
                <span className="font-medium text-slate-800 [overflow-wrap:anywhere]">{alarm.name}</span>
                <span className="text-slate-500">on {filter.metrics.map((m) => m.name).join(', ')}</span>
              </li>
            )),
          )}
        </ul>
      );
  }
}
