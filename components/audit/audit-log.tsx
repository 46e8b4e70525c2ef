import Link from '@/components/link';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import type { AuditEntry, AuditVerification } from '@/lib/store/types';
import { AuditFilters } from './audit-filters';
import { auditHref, hasFilters, type AuditQuery } from './audit-query';
import { AuditTable } from './audit-table';
import { AuditVerificationBanner } from './audit-verification-banner';

/** The audit page: the chain's verification, what the URL's filters dropped, the filters, and one page of entries. */
export function AuditLog({
  verification,
  entries,
  query,
  olderThan: older,
}: {
  verification: AuditVerification;
  entries: AuditEntry[];
  query: AuditQuery;
  /** the seq to page back from, when older entries exist */
  olderThan?: number;
}) {
  return (
    <div className="space-y-6">
      <PageHeading
        title="Audit log"
        subtitle="Every promotion, demotion and dry run started from tapdeck, newest first, each entry hash-chained to the one before."
      />
      <AuditVerificationBanner verification={verification} />
      {query.notices.length > 0 && (
        <ul
          role="alert"
          data-testid="audit-notices"
          className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {query.notices.map((notice) => (
            <li key={notice} className="[overflow-wrap:anywhere]">
              {notice}
            </li>
          ))}
        </ul>
      )}
      <Card>
        <AuditFilters query={query} />
      </Card>
      <Card
        title={
          <>
            Entries{' '}
            <span className="ml-1 font-normal text-slate-500">
              {entries.length === 0 ? '' : `#${entries[0]!.seq} – #${entries.at(-1)!.seq}`}
              {query.before !== undefined && ` · before #${query.before}`}
            </span>
          </>
        }
        actions={
          query.before !== undefined && (
            <Link href={auditHref(query)} className="text-xs font-medium text-sky-700 hover:underline">
              Newest
            </Link>
          )
        }
      >
        {entries.length > 0 ? (
          // Long outcomes wrap; anything still wider (a narrow laptop) scrolls inside the card, not the page.
          <div className="overflow-x-auto">
            <AuditTable entries={entries} />
          </div>
        ) : (
          <Empty filtered={hasFilters(query) || query.before !== undefined} />
        )}
        {older !== undefined && (
          <div className="flex justify-end border-t border-slate-200 px-4 py-3">
            <Link
              href={auditHref(query, older)}
              rel="next"
              className="inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Older →
            </Link>
          </div>
        )}
      </Card>
    </div>
  );
}

function Empty({ filtered }: { filtered: boolean }) {
  return (
    <div className="px-4 py-12 text-center" data-testid="audit-empty">
      {filtered ? (
        <>
          <p className="font-medium text-slate-900">No entries match these filters</p>
          <Link href="/audit" className="mt-2 inline-block text-sm font-medium text-sky-700 hover:underline">
            Show all entries
          </Link>
        </>
      ) : (
        <>
          <p className="font-medium text-slate-900">No audit entries yet</p>
          <p className="mt-1 text-sm text-slate-600">
            Promotions, demotions and dry runs started from tapdeck are recorded here.
          </p>
        </>
      )}
    </div>
  );
}
