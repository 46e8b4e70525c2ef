'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/button';
import { apiPaths, callApi } from './api-client';
import { ConfirmWithComment } from './confirm-with-comment';

/**
 * "Return to dry-run": flips Mode back without an approval or preflight, because it only takes power away. Whether
 * it was sent (`demoted`) is the panel's to keep: the refresh that follows may already read dry-run and start the
 * panel's live part afresh.
 */
export function DemoteControl({ stackName, demoted, onDemoted }: { stackName: string; demoted: boolean; onDemoted: () => void }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);

  async function demote(comment: string) {
    const result = await callApi<unknown>(apiPaths.demote(stackName), { method: 'POST', body: comment ? { comment } : {} });
    if (!result.ok) return result.failure;
    setConfirming(false);
    onDemoted();
    router.refresh();
    return null;
  }

  if (demoted) {
    return (
      <p role="status" className="text-sm text-slate-700">
        Returning {stackName} to dry-run: the stack is updating (follow it in the events below).
      </p>
    );
  }
  if (confirming) {
    return (
      <ConfirmWithComment
        title={`Return ${stackName} to dry-run?`}
        confirmLabel="Demote to dry-run"
        confirmVariant="danger"
        dismissLabel="Keep live"
        onConfirm={demote}
        onDismiss={() => setConfirming(false)}
        stackName={stackName}
      >
        The stack is updated with <span className="font-mono">Mode=dry-run</span> right away; no approval is needed to take the
        workflow off live.
      </ConfirmWithComment>
    );
  }
  return <Button onClick={() => setConfirming(true)}>Return to dry-run</Button>;
}
