'use client';

import { useState } from 'react';
import { Button } from '@/components/button';
import { apiPaths, callApi, type ApiFailure } from './api-client';
import { ApiErrorMessage } from './api-error';

/** Starts one dry-run execution of the workflow. The executions card picks it up from the live stream. */
export function DryRunButton({ stackName, live }: { stackName: string; live: boolean }) {
  const [pending, setPending] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function start() {
    setPending(true);
    setFailure(null);
    setStarted(null);
    const result = await callApi<{ executionArn: string; name: string }>(apiPaths.dryRuns(stackName), { method: 'POST' });
    setPending(false);
    if (result.ok) setStarted(result.value.name);
    else setFailure(result.failure);
  }

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Button
        onClick={start}
        pending={pending}
        disabled={live}
        title={live ? 'The stack runs live: an execution now would apply its plan' : undefined}
      >
        Start dry run
      </Button>
      <p role="status" className="text-xs text-slate-600 empty:hidden sm:text-right">
        {started && (
          <>
            Started <span className="font-mono text-slate-800">{started}</span>
          </>
        )}
      </p>
      <ApiErrorMessage failure={failure} />
    </div>
  );
}
