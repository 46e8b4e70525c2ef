'use client';

/**
 * What a page shows when a read from AWS fails. Production builds hide server error messages from the browser,
 * so the panel says what usually goes wrong and where to look, and offers a retry.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-rose-800">Could not load this page</h2>
      <p className="mt-2 text-sm text-slate-700">
        tapdeck could not read from AWS. Check that the endpoint is reachable and that the credentials and region are set
        (see the server log for the exact error{error.digest ? `, digest ${error.digest}` : ''}).
      </p>
      {error.message && !error.message.startsWith('An error occurred in the Server Components render') && (
        <pre className="mt-3 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs text-slate-700">{error.message}</pre>
      )}
      <button
        type="button"
        onClick={reset}
        className="mt-4 inline-flex items-center rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
      >
        Try again
      </button>
    </div>
  );
}
