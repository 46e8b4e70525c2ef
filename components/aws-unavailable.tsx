import { describeTarget } from '@/lib/config';

/**
 * Shown in place of a page whose AWS read failed. `message` comes from readOrExplain: AWS's full text (it names
 * ARNs and accounts) for those allowed `read-full-errors`, the error code and a plain sentence for everyone else.
 * It never contains credentials. `code`, when given, tells an unreachable AWS from one that answered no.
 */
export function AwsUnavailable({ message, code }: { message: string; code?: string }) {
  const answered = code !== undefined && !/^E[A-Z0-9_]+$|^TimeoutError$|^NetworkingError$/.test(code);
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-rose-800">{answered ? 'AWS refused the read' : 'Could not reach AWS'}</h2>
      <p className="mt-2 text-sm text-slate-700">
        tapdeck is pointed at <span className="font-medium">{describeTarget().label}</span>. Check that the endpoint is reachable
        and that credentials and region are set, then reload.
      </p>
      <pre className="mt-3 overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-700">{message}</pre>
    </div>
  );
}
