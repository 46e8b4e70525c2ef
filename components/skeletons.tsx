/** Placeholders shaped like the real panels, shown while the server reads from AWS. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="animate-pulse divide-y divide-slate-100" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-4 px-4 py-3.5">
          <div className="h-3 w-24 rounded bg-slate-200" />
          <div className="h-3 flex-1 rounded bg-slate-100" />
          <div className="h-5 w-28 rounded-full bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

export function HeadingSkeleton() {
  return (
    <div className="animate-pulse space-y-2" aria-hidden>
      <div className="h-3 w-16 rounded bg-slate-200" />
      <div className="h-7 w-64 rounded bg-slate-200" />
    </div>
  );
}
