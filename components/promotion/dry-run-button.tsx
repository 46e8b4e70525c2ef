'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/button';
import { executionPath } from '@/lib/executions/arn';
import { apiPaths, callApi, type ApiFailure } from './api-client';
import { ApiErrorMessage } from './api-error';

/**
 * Starts one dry-run execution of the workflow. The executions card picks it up from the live stream; with
 * `openExecution` (the Executions section) the browser goes on to the new execution's page.
 */
export function DryRunButton({
  stackName,
  live,
  openExecution = false,
}: {
  stackName: string;
  live: boolean;
  openExecution?: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function start() {
    setPending(true);
    setFailure(null);
    setStarted(null);
    const result = await callApi<{ executionArn: string; name: string }>(apiPaths.dryRuns(stackName), { method: 'POST' });
    if (result.ok && openExecution) {
      // Stay pending while the execution's page loads.
      setStarted(result.value.name);
      router.push(executionPath(stackName, result.value.name));
      return;
    }
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
