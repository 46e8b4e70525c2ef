import type { CmkBinding } from '@/lib/cmk/types';

/** The log group's binding to its CMK and the key-policy checks, in a few lines (the overview's CMK card). */
export function BindingBody({ binding }: { binding: CmkBinding }) {
  if (binding.kind === 'no-log-group')
    return <p className="text-slate-500">This stack has no LogGroupName output, or its log group does not exist yet.</p>;
  if (binding.kind === 'unencrypted') {
    return (
      <p className={binding.cmkExpected ? 'text-amber-800' : 'text-slate-600'}>
        <span className="font-mono">{binding.logGroupName}</span> is not bound to a customer managed key
        {binding.cmkExpected
          ? ', although EnableCmk is true.'
          : ' (EnableCmk is false: CloudWatch Logs encrypts it with its own key).'}
      </p>
    );
  }
  const failing = binding.checks.filter((c) => !c.ok).length;
  return (
    <div className="space-y-3">
      <p className="text-slate-700">
        <span className="font-mono [overflow-wrap:anywhere]">{binding.logGroupName}</span> is bound to{' '}
        {binding.key ? (
          <>
            <span className="font-mono [overflow-wrap:anywhere]">{binding.key.aliases[0] ?? binding.key.keyId}</span>{' '}
            <span className="text-slate-500">
              · {binding.key.state}
              {binding.key.rotation !== null && ` · rotation ${binding.key.rotation ? 'on' : 'off'}`}
            </span>
          </>
        ) : (
          <span className="text-rose-800">a key tapdeck cannot read ({binding.keyError})</span>
        )}
      </p>
      {binding.checks.length > 0 && (
        <>
          <p className={failing ? 'font-medium text-rose-800' : 'font-medium text-emerald-800'}>
            {failing
              ? `The key policy misses ${failing} of ${binding.checks.length} grants CloudWatch Logs needs`
              : 'The key policy grants CloudWatch Logs everything it needs'}
          </p>
          <ul className="space-y-1">
            {binding.checks.map((check) => (
              <li key={check.id} data-check={check.id} data-ok={check.ok} className="flex gap-2">
                <span aria-hidden className={check.ok ? 'text-emerald-600' : 'text-rose-600'}>
                  {check.ok ? '✓' : '✗'}
                </span>
                <span className="sr-only">{check.ok ? 'Passes:' : 'Fails:'}</span>
                <span className="text-slate-700">
                  {check.label}
                  {check.detail && <span className="text-slate-500"> — {check.detail}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
