'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/button';
import { apiPaths, callApi, type ApiFailure } from './api-client';
import { ApiErrorMessage } from './api-error';

type Decision = 'approve' | 'reject';

/**
 * An approver's decision on someone else's request. Approving executes the change set at once; rejecting needs
 * a reason, which goes to the requester and the audit log.
 */
export function DecisionForm({ promotionId, stackName }: { promotionId: string; stackName: string }) {
  const id = useId();
  const router = useRouter();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState('');
  const [inFlight, setInFlight] = useState<Decision | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const [decided, setDecided] = useState<Decision | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [needsReason, setNeedsReason] = useState(false);

  async function decide(decision: Decision) {
    const text = comment.trim();
    if (decision === 'reject' && !text) {
      setNeedsReason(true);
      commentRef.current?.focus();
      return;
    }
    setNeedsReason(false);
    setFailure(null);
    setInFlight(decision);
    const result = await callApi<unknown>(apiPaths.decide(promotionId, decision), {
      method: 'POST',
      body: text ? { comment: text } : {},
    });
    setInFlight(null);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setDecided(decision);
    startRefresh(() => router.refresh());
  }

  const busy = inFlight !== null || refreshing;
  const pending = (decision: Decision) => inFlight === decision || (refreshing && decided === decision);

  return (
    <form onSubmit={(event) => event.preventDefault()} className="space-y-3" aria-label="Decision">
      <div>
        <label htmlFor={`${id}-comment`} className="block text-sm font-medium text-slate-800">
          Comment <span className="font-normal text-slate-500">(required to reject, optional to approve)</span>
        </label>
        <textarea
          id={`${id}-comment`}
          ref={commentRef}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            if (event.target.value.trim()) setNeedsReason(false);
          }}
          rows={3}
          maxLength={1000}
          disabled={busy}
          aria-invalid={needsReason || undefined}
          aria-describedby={needsReason ? `${id}-reason` : undefined}
          className={`mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:outline-none ${
            needsReason ? 'ring-rose-400 focus:ring-rose-600' : 'ring-slate-300 focus:ring-sky-600'
          }`}
        />
        {needsReason && (
          <p id={`${id}-reason`} role="alert" className="mt-1 text-sm text-rose-800">
            Say why you reject it: the requester reads this comment.
          </p>
        )}
      </div>
      <ApiErrorMessage failure={failure} stackName={stackName} />
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={() => decide('approve')} pending={pending('approve')} disabled={busy}>
          Approve
        </Button>
        <Button variant="danger" onClick={() => decide('reject')} pending={pending('reject')} disabled={busy}>
          Reject
        </Button>
        <span className="text-xs text-slate-500">Approving executes the change set right away.</span>
      </div>
    </form>
  );
}
