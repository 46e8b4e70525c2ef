import { notFound } from 'next/navigation';
import { currentUser } from '@/lib/auth/guard';
import { promotionRouteFrom, readPromotion } from '@/lib/reads/promotion';

/** Whether the request exists under this stack, decided before the page streams, so an unknown one answers 404. */
export default async function PromotionLayout({
  params,
  children,
}: {
  params: Promise<{ name: string; id: string }>;
  children: React.ReactNode;
}) {
  const route = await promotionRouteFrom(params);
  if (!route) notFound();
  if (!(await currentUser())) return children;
  const promotion = await readPromotion(route.id);
  if (!promotion || promotion.stackName !== route.name) notFound();
  return children;
}
