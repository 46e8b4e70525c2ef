import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { PromotionRequestView } from '@/components/promotion/promotion-request-view';
import { requireUser } from '@/lib/auth/guard';
import { promotionRouteFrom as routeFrom, readPromotion } from '@/lib/reads/promotion';
import type { Promotion } from '@/lib/promotion/types';
import { getStore, type AuditEntry } from '@/lib/store';

type Props = { params: Promise<{ name: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const route = await routeFrom(params);
  return { title: route ? `Promotion of ${route.name}` : 'Not found' };
}

const AUDIT_PAGE = 500;

/**
 * The request's steps from the audit log. The store filters by stack, not by request: page back (newest first)
 * until the entries are older than the request, so dry runs started since cannot push its first steps out.
 */
async function readTimeline(promotion: Promotion): Promise<AuditEntry[]> {
  const store = getStore();
  const steps: AuditEntry[] = [];
  let beforeSeq: number | undefined;
  for (let page = 0; page < 20; page++) {
    const entries = await store.listAudit({ stackName: promotion.stackName, beforeSeq, limit: AUDIT_PAGE });
    steps.push(...entries.filter((entry) => entry.promotionId === promotion.id));
    const oldest = entries.at(-1);
    if (!oldest || entries.length < AUDIT_PAGE || oldest.at < promotion.requestedAt) break;
    beforeSeq = oldest.seq;
  }
  return steps;
}

export default async function PromotionPage({ params }: Props) {
  await connection();
  const route = await routeFrom(params);
  if (!route) notFound();
  const { name, id } = route;
  const user = await requireUser(`/stacks/${encodeURIComponent(name)}/promotions/${id}`);
  const promotion = await readPromotion(id);
  if (!promotion || promotion.stackName !== name) notFound();
  const timeline = await readTimeline(promotion);

  return <PromotionRequestView promotion={promotion} timeline={timeline} user={user} />;
}
