import Link from '@/components/link';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import type { User } from '@/lib/auth/roles';
import type { Promotion } from '@/lib/promotion/types';
import type { AuditEntry } from '@/lib/store/types';
import { ChangeSet } from './change-set-table';
import { DecisionPanel } from './decision-panel';
import { ParamsDiff } from './params-diff';
import { PromotionStateCallout } from './promotion-state-callout';
import { PromotionStatusBadge } from './promotion-status-badge';
import { PromotionTimeline } from './promotion-timeline';
import { PromotionWatcher } from './promotion-watcher';
import { RequestFacts } from './request-facts';

/**
 * A promotion request's page: where it stands and what this user can do about it, the change set it executes,
 * the parameters before and after, and its steps from the audit log.
 */
export function PromotionRequestView({
  promotion,
  timeline,
  user,
}: {
  promotion: Promotion;
  timeline: AuditEntry[];
  user: User;
}) {
  const name = promotion.stackName;
  const id = promotion.id;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeading
          eyebrow={
            <>
              <Link href="/" className="hover:text-slate-900 hover:underline">
                Stacks
              </Link>{' '}
              /{' '}
              <Link href={`/stacks/${encodeURIComponent(name)}`} className="hover:text-slate-900 hover:underline">
                {name}
              </Link>{' '}
              / Promotion
            </>
          }
          title={name}
          subtitle={
            <>
              Request to promote from dry-run to apply · <span className="font-mono text-xs">{id}</span>
            </>
          }
        />
        <PromotionStatusBadge status={promotion.status} size="md" />
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Card
            title="Request"
            actions={
              <PromotionWatcher
                key={promotion.updatedAt}
                id={id}
                status={promotion.status}
                lastError={promotion.lastError}
                updatedAt={promotion.updatedAt}
              />
            }
          >
            <div className="space-y-4 p-4">
              <PromotionStateCallout promotion={promotion} />
              <RequestFacts promotion={promotion} />
            </div>
            <DecisionPanel promotion={promotion} user={user} />
          </Card>
          <Card
            title={
              <>
                Change set <span className="ml-1 font-normal text-slate-500">{promotion.changes.length}</span>
              </>
            }
          >
            <ChangeSet promotion={promotion} />
          </Card>
          <Card title="Parameters">
            <ParamsDiff before={promotion.paramsBefore} after={promotion.paramsAfter} />
          </Card>
        </div>
        <Card title="Timeline">
          <PromotionTimeline entries={timeline} />
        </Card>
      </div>
    </div>
  );
}
