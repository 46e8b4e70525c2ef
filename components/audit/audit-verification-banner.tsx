import type { AuditVerification } from '@/lib/store/types';

/** Whether every entry's hash still chains to the one before: green when intact, red at the first broken link. */
export function AuditVerificationBanner({ verification }: { verification: AuditVerification }) {
  const ok = verification.ok;
  return (
    <div
      role={ok ? 'status' : 'alert'}
      data-testid="audit-verification"
      data-ok={String(ok)}
      className={`flex items-start gap-3 rounded-xl border px-4 py-3 text-sm shadow-sm ${ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-rose-200 bg-rose-50 text-rose-900'}`}
    >
      <span
        aria-hidden
        className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded-full text-xs font-bold text-white ${ok ? 'bg-emerald-600' : 'bg-rose-600'}`}
      >
        {ok ? '✓' : '!'}
      </span>
      <div className="min-w-0">
        {verification.ok ? (
          <p className="font-semibold">
            Chain verified: {verification.count} {verification.count === 1 ? 'entry' : 'entries'}
          </p>
        ) : (
          <>
            <p className="font-semibold [overflow-wrap:anywhere]">
              Chain broken at entry #{verification.firstBadSeq}: {verification.reason}
            </p>
            <p className="mt-0.5 text-rose-800">
              Entries from #{verification.firstBadSeq} on were changed, removed or inserted outside tapdeck ({verification.count}{' '}
              entries checked).
            </p>
          </>
        )}
        {ok && (
          <p className="mt-0.5 text-emerald-800">
            Each entry’s hash covers the one before it, so an edited or deleted entry would show here.
          </p>
        )}
      </div>
    </div>
  );
}
