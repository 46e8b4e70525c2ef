import Link from '@/components/link';
import { Spinner } from '@/components/button';
import type { Promotion } from '@/lib/promotion/types';
import { RelativeTime } from './relative-time';

type Tone = 'progress' | 'waiting' | 'success' | 'failure' | 'neutral';

const toneClasses: Record<Tone, string> = {
  progress: 'border-sky-200 bg-sky-50 text-sky-950',
  waiting: 'border-amber-200 bg-amber-50 text-amber-950',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-950',
  failure: 'border-rose-200 bg-rose-50 text-rose-950',
  neutral: 'border-slate-200 bg-slate-50 text-slate-800',
};

/** Where the request stands, in one sentence and a colour, with the outcome (or root cause) once it is over. */
export function PromotionStateCallout({ promotion }: { promotion: Promotion }) {
  const view = describeState(promotion);
  return (
    <div
      role={view.tone === 'failure' ? 'alert' : 'status'}
      data-testid="promotion-outcome"
      data-tone={view.tone}
      className={`rounded-lg border px-3 py-2.5 text-sm ${toneClasses[view.tone]}`}
    >
      <div className="flex items-center gap-2 font-semibold">
        {view.busy && <Spinner className="size-3.5 text-sky-600" />}
        {view.title}
      </div>
      {view.body && <div className="mt-1 [overflow-wrap:anywhere]">{view.body}</div>}
    </div>
  );
}

function describeState(p: Promotion): { tone: Tone; title: React.ReactNode; body?: React.ReactNode; busy?: boolean } {
  const stackHref = `/stacks/${encodeURIComponent(p.stackName)}`;
  const stackLink = (
    <Link href={stackHref} className="font-medium underline underline-offset-2 hover:no-underline">
      see the stack page
    </Link>
  );
  const decider = p.decidedByName ?? 'an approver';
  switch (p.status) {
    case 'creating':
      return {
        tone: 'progress',
        busy: true,
        title: 'Creating the change set…',
        body: 'tapdeck asks CloudFormation for a change set that flips only Mode.',
      };
    case 'awaiting-approval':
      return {
        tone: 'waiting',
        title: 'Waiting for an approver',
        body: p.expiresAt ? (
          <>
            Someone with the approver role other than {p.requestedByName} must approve it before it expires{' '}
            <RelativeTime iso={p.expiresAt} />.
          </>
        ) : (
          <>Someone with the approver role other than {p.requestedByName} must approve it.</>
        ),
      };
    case 'approved':
      return p.lastError
        ? {
            tone: 'failure',
            title: 'AWS refused to execute the change set',
            body: (
              <>
                {p.lastError}
                <span className="mt-1 block text-slate-700">
                  Nothing changed, and the approval still holds
                  {p.expiresAt && (
                    <>
                      {' '}
                      (it expires <RelativeTime iso={p.expiresAt} />)
                    </>
                  )}
                  : an approver can retry the execution.
                </span>
              </>
            ),
          }
        : { tone: 'progress', busy: true, title: `Approved by ${decider}: starting the update…` };
    case 'executing':
      return {
        tone: 'progress',
        busy: true,
        title: 'Updating the stack…',
        body: <>CloudFormation is applying the change set; {stackLink} to follow its events.</>,
      };
    case 'promoted':
      return {
        tone: 'success',
        title: `Promoted: ${p.stackName} runs in apply mode`,
        body: (
          <>
            {p.finishedAt && (
              <>
                The update completed <RelativeTime iso={p.finishedAt} />.{' '}
              </>
            )}
            {p.outcome && p.outcome !== 'ok' && p.outcome}
          </>
        ),
      };
    case 'rolled-back':
      return {
        tone: 'failure',
        title: 'Rolled back: the stack is back in dry-run',
        body: (
          <>
            <span className="font-medium">Root cause: </span>
            {p.outcome ?? 'CloudFormation did not report one.'}{' '}
            <span className="text-slate-700">({stackLink} for every event)</span>
          </>
        ),
      };
    case 'failed':
      return { tone: 'failure', title: 'Failed', body: p.outcome ?? 'No reason was recorded.' };
    case 'rejected':
      return {
        tone: 'failure',
        title: `Rejected by ${decider}`,
        body: p.decisionComment ? <>“{p.decisionComment}”</> : p.outcome,
      };
    case 'expired':
      return {
        tone: 'neutral',
        title: 'Expired',
        body: p.outcome ?? 'Nobody approved it in time. Request again if it is still wanted.',
      };
    case 'cancelled':
      return {
        tone: 'neutral',
        title: `Cancelled by ${p.requestedByName}`,
        body: p.outcome && p.outcome !== 'ok' ? p.outcome : undefined,
      };
    case 'void':
      return {
        tone: 'neutral',
        title: 'Void',
        body: p.outcome ?? 'The change set changed or expired after the approval, so it was not executed.',
      };
  }
}
