import { describeTarget } from '@/lib/config';

/**
 * Shown in place of a page whose AWS read failed. The message is the SDK's (endpoint, code, reason) because
 * that is what an operator fixes; it never contains credentials.
 */
export function AwsUnavailable({ message }: { message: string }) {
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-rose-800">Could not reach AWS</h2>
      <p className="mt-2 text-sm text-slate-700">
        tapdeck is pointed at <span className="font-medium">{describeTarget().label}</span>. Check that the endpoint is
        reachable and that credentials and region are set, then reload.
      </p>
      <pre className="mt-3 overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-700">{message}</pre>
    </div>
  );
}
