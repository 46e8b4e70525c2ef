import { Card } from '@/components/card';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { can, type User } from '@/lib/auth/roles';
import { listPromotions, openPromotion, readPreflight } from '@/lib/reads/promotion';
import { LazyPromotionPanel as PromotionPanel } from '../overview-lazy';
import { RecentPromotions } from './recent-promotions';

/**
 * The stack page's promotion card: the stack's mode, the preflight checklist and the "Live (apply)" switch.
 * Reads on the server; the panel keeps the preflight fresh in the browser.
 * `readPreflight` throws AwsCallError when AWS cannot be read (shown in the card) and is null for a missing stack.
 */
export async function PromotionCard({ stackName, mode, user }: { stackName: string; mode: string | null; user: User }) {
  const [preflight, open, recent] = await Promise.all([
    readOrExplain(() => readPreflight(stackName)),
    openPromotion(stackName),
    listPromotions(stackName, 6),
  ]);
  const earlier = recent.filter((p) => p.id !== open?.id).slice(0, 5);
  return (
    <Card title="Promotion">
      <PromotionPanel
        // A new mode or another open request starts the live part afresh from what the server read.
        resetKey={`${mode}|${open?.id ?? ''}|${open?.status ?? ''}`}
        stackName={stackName}
        mode={mode}
        initialPreflight={preflight.ok ? preflight.value : null}
        initialPreflightError={!preflight.ok ? preflight.message : preflight.value ? null : `There is no stack ${stackName}.`}
        openRequest={
          open && { id: open.id, status: open.status, requestedByName: open.requestedByName, requestedAt: open.requestedAt }
        }
        permissions={{
          startDryRun: can(user.role, 'start-dry-run'),
          request: can(user.role, 'request-promotion'),
          demote: can(user.role, 'demote'),
        }}
      />
      {earlier.length > 0 && (
        <div className="border-t border-slate-100">
          <RecentPromotions promotions={earlier} />
        </div>
      )}
    </Card>
  );
}

export function PromotionCardSkeleton() {
  return (
    <Card title="Promotion">
      <div className="animate-pulse space-y-4 p-4" aria-hidden>
        <div className="h-7 w-24 rounded-full bg-slate-200" />
        <div className="flex items-center gap-3">
          <div className="h-6 w-11 rounded-full bg-slate-200" />
          <div className="h-3 w-48 rounded bg-slate-100" />
        </div>
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="flex items-center gap-3">
            <div className="size-4 rounded-full bg-slate-200" />
            <div className="h-3 flex-1 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </Card>
  );
}
