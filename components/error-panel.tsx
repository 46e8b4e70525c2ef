'use client';

/**
 * What a page shows when rendering fails unexpectedly (AWS read failures have their own panel). Production
 * builds hide server error messages from the browser, so it points at the server log by digest.
 */
export function ErrorPanel({
  error,
  reset,
  title = 'Something went wrong',
}: {
  error: Error & { digest?: string };
  reset: () => void;
  title?: string;
}) {
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-rose-800">{title}</h2>
      <p className="mt-2 text-sm text-slate-700">
        This page could not be rendered. The server log has the details{error.digest ? ` (digest ${error.digest})` : ''}.
      </p>
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
