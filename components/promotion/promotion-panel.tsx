'use client';

import Link from '@/components/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { TimeText } from '@/components/time-text';
import { OPEN_STATUSES, type Preflight, type Promotion, type PromotionStatus } from '@/lib/promotion/types';
import { apiPaths, callApi, promotionHref } from './api-client';
import { DemoteControl } from './demote-control';
import { DryRunButton } from './dry-run-button';
import { ModeToggle } from './mode-toggle';
import { PreflightChecklist } from './preflight-checklist';
import { ModeBadge, PromotionStatusBadge } from './promotion-status-badge';
import { RelativeTime } from './relative-time';
import { useVisibleInterval } from './use-visible-interval';

/** What the stack page needs to know about its open request. */
export type OpenRequestSummary = Pick<Promotion, 'id' | 'status' | 'requestedByName' | 'requestedAt'>;

export interface PromotionPermissions {
  startDryRun: boolean;
  request: boolean;
  demote: boolean;
}

const PREFLIGHT_REFRESH_MS = 5_000;
/** The server re-reads the mode and the open request at most this often when the preflight says they moved. */
const RESYNC_MIN_MS = 20_000;

interface PanelProps {
  stackName: string;
  mode: string | null;
  initialPreflight: Preflight | null;
  initialPreflightError: string | null;
  openRequest: OpenRequestSummary | null;
  permissions: PromotionPermissions;
}

/**
 * The promotion card's live part. It starts afresh from what the server read whenever `resetKey` (the mode and the
 * open request) changes; a demotion's confirmation outlives that, since the refresh after it already reads dry-run.
 */
export function PromotionPanel({ resetKey, ...props }: PanelProps & { resetKey: string }) {
  const [demoted, setDemoted] = useState(false);
  return <PanelBody key={resetKey} {...props} demoted={demoted} onDemoted={() => setDemoted(true)} />;
}

/**
 * Re-checks the preflight every 5 s while the tab is visible, follows the open request's status, and re-renders the
 * server part (mode, open request) when either moved under it.
 */
function PanelBody({
  stackName,
  mode,
  initialPreflight,
  initialPreflightError,
  openRequest: initialOpen,
  permissions,
  demoted,
  onDemoted,
}: PanelProps & { demoted: boolean; onDemoted: () => void }) {
  const router = useRouter();
  const [preflight, setPreflight] = useState(initialPreflight);
  const [preflightError, setPreflightError] = useState(initialPreflightError);
  const [openStatus, setOpenStatus] = useState<PromotionStatus | null>(initialOpen?.status ?? null);
  const lastResync = useRef(0);

  function resync() {
    if (Date.now() - lastResync.current < RESYNC_MIN_MS) return;
    lastResync.current = Date.now();
    router.refresh();
  }

  useVisibleInterval(async (signal) => {
    const result = await callApi<Preflight>(apiPaths.preflight(stackName), { signal });
    if (!result.ok) {
      setPreflightError(
        result.failure.status === 401 ? 'Your session ended: reload the page to sign in again.' : result.failure.message,
      );
      return;
    }
    setPreflight(result.value);
    setPreflightError(null);
    const modeItem = result.value.items.find((item) => item.id === 'mode-dry-run');
    if (modeItem && modeItem.ok !== (mode === 'dry-run')) resync();
  }, PREFLIGHT_REFRESH_MS);

  useVisibleInterval(
    async (signal) => {
      if (!initialOpen) return;
      const result = await callApi<Promotion>(apiPaths.promotion(initialOpen.id), { signal });
      if (!result.ok) return;
      setOpenStatus(result.value.status);
      if (!OPEN_STATUSES.includes(result.value.status)) resync();
    },
    initialOpen ? PREFLIGHT_REFRESH_MS : null,
  );

  const live = mode === 'apply';
  return (
    <div className="divide-y divide-slate-100">
      <div className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Mode</div>
          <div className="mt-1.5">
            <ModeBadge mode={mode} />
          </div>
        </div>
        {permissions.startDryRun && <DryRunButton stackName={stackName} live={live} />}
      </div>

      {initialOpen && openStatus && (
        <div className="px-4 py-3">
          <div
            data-testid="open-promotion"
            className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2.5 text-sm"
          >
            <span className="font-medium text-sky-950">Promotion request open</span>
            <PromotionStatusBadge status={openStatus} />
            <span className="text-slate-600">
              by {initialOpen.requestedByName}, <RelativeTime iso={initialOpen.requestedAt} absolute={false} />
            </span>
            <Link
              href={promotionHref(stackName, initialOpen.id)}
              className="font-medium text-sky-700 hover:text-sky-900 hover:underline sm:ml-auto"
            >
              View request →
            </Link>
          </div>
        </div>
      )}

      <div className="space-y-3 px-4 py-4">
        <ModeToggle
          stackName={stackName}
          mode={mode}
          preflight={preflight}
          canRequest={permissions.request}
          hasOpenRequest={initialOpen !== null}
        />
        {(live || demoted) && permissions.demote && (
          <div className="sm:pl-14">
            <DemoteControl stackName={stackName} demoted={demoted} onDemoted={onDemoted} />
          </div>
        )}
      </div>

      <PreflightSection preflight={preflight} error={preflightError} collapsed={live} />
    </div>
  );
}

/** The checklist with its freshness. Collapsed while the stack runs live: it matters again for the next promotion. */
function PreflightSection({
  preflight,
  error,
  collapsed,
}: {
  preflight: Preflight | null;
  error: string | null;
  collapsed: boolean;
}) {
  const passing = preflight?.items.filter((item) => item.ok).length ?? 0;
  const heading = (
    <span className="text-sm font-semibold text-slate-900">
      Preflight{' '}
      {preflight && (
        <span className={`ml-1 font-normal ${preflight.ok ? 'text-emerald-700' : 'text-slate-500'}`}>
          {passing} of {preflight.items.length} pass
        </span>
      )}
    </span>
  );
  const freshness = (
    <span className="text-xs text-slate-500">
      {error && preflight ? (
        <span className="text-amber-700">
          checked <TimeText iso={preflight.checkedAt} /> UTC · may be stale
        </span>
      ) : (
        preflight && (
          <>
            checked <TimeText iso={preflight.checkedAt} /> UTC · every {PREFLIGHT_REFRESH_MS / 1_000} s
          </>
        )
      )}
    </span>
  );
  const body = preflight ? (
    <>
      {error && (
        <p role="alert" className="mb-3 text-xs text-amber-800 [overflow-wrap:anywhere]">
          Could not re-check the preflight: {error}
        </p>
      )}
      <PreflightChecklist items={preflight.items} />
    </>
  ) : (
    <p role="alert" className="text-sm text-rose-800 [overflow-wrap:anywhere]">
      Could not check the preflight{error ? `: ${error}` : '.'}
    </p>
  );

  if (collapsed) {
    return (
      <details className="group px-4 py-3">
        <summary className="flex cursor-pointer list-none flex-wrap items-baseline justify-between gap-2 [&::-webkit-details-marker]:hidden">
          <span>
            <span aria-hidden className="mr-1.5 inline-block text-slate-400 transition-transform group-open:rotate-90">
              ▸
            </span>
            {heading} <span className="text-xs text-slate-500">· for the next promotion</span>
          </span>
          {freshness}
        </summary>
        <div className="mt-3">{body}</div>
      </details>
    );
  }
  return (
    <div className="px-4 py-4">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h3>{heading}</h3>
        {freshness}
      </div>
      {body}
    </div>
  );
}
