'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { Preflight, Promotion } from '@/lib/promotion/types';
import { apiPaths, callApi, promotionHref } from './api-client';
import { ConfirmWithComment } from './confirm-with-comment';
import { missingItems } from './preflight-checklist';

/**
 * The "Live (apply)" switch. Turning it on does not change the stack: it asks for a promotion, which an approver
 * then approves. Off and disabled until every preflight item passes; on (and disabled) once the stack runs live,
 * where "Return to dry-run" is the way back.
 */
export function ModeToggle({
  stackName,
  mode,
  preflight,
  canRequest,
  hasOpenRequest,
}: {
  stackName: string;
  mode: string | null;
  preflight: Preflight | null;
  canRequest: boolean;
  hasOpenRequest: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);

  const live = mode === 'apply';
  const ready = !live && canRequest && !hasOpenRequest && preflight?.ok === true;
  const disabled = !ready || confirming;

  async function request(comment: string) {
    const result = await callApi<Promotion>(apiPaths.promotions(stackName), { method: 'POST', body: comment ? { comment } : {} });
    if (!result.ok) return result.failure;
    router.push(promotionHref(stackName, result.value.id));
    return null;
  }

  return (
    <div className="space-y-3">
      <div className="flex items-start gap-3">
        <button
          type="button"
          role="switch"
          aria-checked={live}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-why`}
          disabled={disabled}
          onClick={() => setConfirming(true)}
          className={`relative mt-0.5 inline-flex h-6 w-11 shrink-0 rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed ${
            live ? 'bg-amber-500' : confirming ? 'bg-sky-300' : ready ? 'bg-slate-300 hover:bg-slate-400' : 'bg-slate-200'
          } ${disabled && !live ? 'opacity-70' : ''}`}
        >
          <span
            aria-hidden
            className={`absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow ring-1 ring-slate-900/5 transition-transform ${live || confirming ? 'translate-x-5' : ''}`}
          />
        </button>
        <div className="min-w-0 text-sm">
          <span id={`${id}-label`} className="font-medium text-slate-900">
            Live (apply)
          </span>
          <div id={`${id}-why`} className="mt-0.5 text-slate-600">
            <Why
              stackName={stackName}
              live={live}
              canRequest={canRequest}
              hasOpenRequest={hasOpenRequest}
              preflight={preflight}
            />
          </div>
        </div>
      </div>
      {confirming && (
        <ConfirmWithComment
          title={`Ask to promote ${stackName} to apply?`}
          confirmLabel="Request promotion"
          dismissLabel="Keep dry-run"
          onConfirm={request}
          onDismiss={() => setConfirming(false)}
          stackName={stackName}
        >
          tapdeck creates a change set that flips only <span className="font-mono">Mode</span> to{' '}
          <span className="font-mono">apply</span>. Nothing changes until another person approves it.
        </ConfirmWithComment>
      )}
    </div>
  );
}

function Why({
  stackName,
  live,
  canRequest,
  hasOpenRequest,
  preflight,
}: {
  stackName: string;
  live: boolean;
  canRequest: boolean;
  hasOpenRequest: boolean;
  preflight: Preflight | null;
}) {
  if (live) return <>The workflow runs live: its executions change the target account.</>;
  if (!canRequest) return <>Only operators can request a promotion.</>;
  if (hasOpenRequest) return <>A promotion request is already open for this stack.</>;
  if (!preflight) return <>Enable when the preflight checks can be read.</>;
  const missing = missingItems(preflight.items);
  if (preflight.ok || missing.length === 0) {
    return (
      <>
        <span className="font-medium text-emerald-700">Every check passes.</span> Turning this on asks an approver to promote{' '}
        {stackName} to apply.
      </>
    );
  }
  return (
    <>
      Enable when:
      <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="toggle-missing">
        {missing.map((item) => (
          <li key={item.id} className="[overflow-wrap:anywhere]">
            <span className="text-slate-800">{lowerFirst(item.label)}</span>
            {item.evidence && <span className="text-slate-500"> ({item.evidence})</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

function lowerFirst(text: string): string {
  // "The last 3 dry runs succeeded" reads as "Enable when: the last 3 dry runs succeeded"; keep acronyms (CMK).
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
