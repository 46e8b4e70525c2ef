import Link from '@/components/link';
import { Button } from '@/components/button';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS } from './audit-actions';
import { hasFilters, type AuditQuery } from './audit-query';

const field =
  'mt-1 block h-9 w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-sky-600 focus:outline-none';

/** The filters as a plain GET form: the values live in the URL, so a filtered view can be linked and reloaded. */
export function AuditFilters({ query }: { query: AuditQuery }) {
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 p-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end lg:gap-4"
    >
      <label className="block text-xs font-medium text-slate-600">
        Stack
        <input
          name="stack"
          defaultValue={query.stack ?? ''}
          placeholder="TapStack-dev"
          autoComplete="off"
          spellCheck={false}
          maxLength={128}
          className={field}
        />
      </label>
      <label className="block text-xs font-medium text-slate-600">
        Action
        <select name="action" defaultValue={query.action ?? ''} className={field}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-xs font-medium text-slate-600">
        Actor
        <input
          name="actor"
          defaultValue={query.actor ?? ''}
          placeholder="local:operator"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          className={field}
        />
      </label>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" className="h-9">
          Filter
        </Button>
        {hasFilters(query) && (
          <Link
            href="/audit"
            className="inline-flex h-9 items-center rounded-md px-2.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
