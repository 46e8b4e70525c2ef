import { TimeText } from '@/components/time-text';
import type { Promotion } from '@/lib/promotion/types';
import { RelativeTime } from './relative-time';

/** Who asked, who decided, and the request's times, as a definition list. */
export function RequestFacts({ promotion: p }: { promotion: Promotion }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      <Fact label="Requested by">
        {p.requestedByName} <span className="text-slate-500">({p.requestedByRole})</span>
      </Fact>
      <Fact label="Requested">
        <TimeText iso={p.requestedAt} withDate /> UTC
      </Fact>
      {p.comment && (
        <Fact label="Comment" wide>
          <span className="whitespace-pre-line [overflow-wrap:anywhere]">{p.comment}</span>
        </Fact>
      )}
      {p.decidedAt && (
        <Fact label={p.status === 'rejected' ? 'Rejected by' : 'Approved by'}>
          {p.decidedByName ?? p.decidedBy}{' '}
          <span className="text-slate-500">
            · <TimeText iso={p.decidedAt} withDate /> UTC
          </span>
        </Fact>
      )}
      {p.expiresAt && (p.status === 'awaiting-approval' || p.status === 'approved') && (
        <Fact label="Approval expires">
          <RelativeTime iso={p.expiresAt} />
        </Fact>
      )}
      {p.executedAt && (
        <Fact label="Executed">
          <TimeText iso={p.executedAt} withDate /> UTC
        </Fact>
      )}
      {p.finishedAt && (
        <Fact label="Finished">
          <TimeText iso={p.finishedAt} withDate /> UTC
        </Fact>
      )}
      <Fact label="Account · region">
        <span className="font-mono text-xs">{p.account}</span> · {p.region}
      </Fact>
      <Fact label="Client request token">
        <span className="block truncate font-mono text-xs" title={p.token}>
          {p.token}
        </span>
      </Fact>
    </dl>
  );
}

function Fact({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={`min-w-0 ${wide ? 'sm:col-span-2' : ''}`}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}
