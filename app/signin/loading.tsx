/** The sign-in card's shape while the server checks the session. */
export default function Loading() {
  return (
    <div className="mx-auto w-full max-w-sm py-4 sm:py-10" role="status" aria-label="Loading">
      <div className="animate-pulse overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" aria-hidden>
        <div className="space-y-2 border-b border-slate-200 px-6 py-5">
          <div className="h-5 w-40 rounded bg-slate-200" />
          <div className="h-3 w-56 rounded bg-slate-100" />
        </div>
        <div className="space-y-4 px-6 py-6">
          <div className="h-9 rounded-md bg-slate-100" />
          <div className="h-9 rounded-md bg-slate-100" />
          <div className="h-9 rounded-md bg-slate-200" />
        </div>
      </div>
    </div>
  );
}
