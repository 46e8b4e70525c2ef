'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button, type ButtonVariant } from '@/components/button';
import { callApi, type ApiFailure } from './api-client';
import { ApiErrorMessage } from './api-error';

/** A button that POSTs one step of a request (retry, cancel) and re-renders the page with its new state. */
export function PostButton({
  path,
  label,
  variant = 'secondary',
  help,
}: {
  path: string;
  label: string;
  variant?: ButtonVariant;
  help?: React.ReactNode;
}) {
  const router = useRouter();
  const [inFlight, setInFlight] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function post() {
    setInFlight(true);
    setFailure(null);
    const result = await callApi<unknown>(path, { method: 'POST' });
    setInFlight(false);
    if (result.ok) startRefresh(() => router.refresh());
    else setFailure(result.failure);
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Button variant={variant} onClick={post} pending={inFlight || refreshing}>
          {label}
        </Button>
        {help && <span className="text-sm text-slate-600">{help}</span>}
      </div>
      <ApiErrorMessage failure={failure} />
    </div>
  );
}
