/**
 * The stack's parameters before and after the change set, every one of them, with the ones that differ
 * highlighted (a promotion flips only Mode; anything else differing is something to stop for).
 */
export function ParamsDiff({ before, after }: { before: Record<string, string>; after: Record<string, string> }) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = (key: string) => before[key] !== after[key];
  keys.sort((a, b) => Number(changed(b)) - Number(changed(a)) || a.localeCompare(b));
  if (keys.length === 0)
    return <p className="px-4 py-6 text-center text-sm text-slate-500">The change set carries no parameters.</p>;
  const differing = keys.filter(changed).length;

  return (
    <div>
      <p className="px-4 py-3 text-sm text-slate-600">
        {differing === 0 ? 'No parameter changes.' : `${differing} of ${keys.length} parameters change.`}
      </p>
      <table className="block w-full border-t border-slate-200 text-left text-sm sm:table" data-testid="params-diff">
        <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 sm:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Parameter
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Before
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 sm:table-row-group">
          {keys.map((key) => {
            const differs = changed(key);
            return (
              <tr
                key={key}
                data-testid="param-row"
                data-param={key}
                data-changed={String(differs)}
                className={`grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-baseline gap-x-2 gap-y-0.5 px-4 py-2.5 sm:table-row sm:p-0 ${differs ? 'bg-amber-50' : ''}`}
              >
                <th scope="row" className="col-span-3 text-left font-medium text-slate-900 sm:table-cell sm:px-4 sm:py-2.5">
                  {key}
                  {differs && <span className="ml-2 text-xs font-normal text-amber-800">changes</span>}
                </th>
                <td
                  className={`font-mono text-xs [overflow-wrap:anywhere] sm:table-cell sm:px-4 sm:py-2.5 ${differs ? 'text-rose-800 line-through decoration-rose-300' : 'text-slate-600'}`}
                >
                  <Value value={before[key]} />
                </td>
                <td aria-hidden className="text-slate-400 sm:hidden">
                  →
                </td>
                <td
                  className={`font-mono text-xs [overflow-wrap:anywhere] sm:table-cell sm:px-4 sm:py-2.5 ${differs ? 'font-semibold text-emerald-800' : 'text-slate-600'}`}
                >
                  <Value value={after[key]} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Value({ value }: { value: string | undefined }) {
  if (value === undefined) return <span className="font-sans italic text-slate-400">absent</span>;
  if (value === '') return <span className="font-sans italic text-slate-400">empty</span>;
  return <>{value}</>;
}
