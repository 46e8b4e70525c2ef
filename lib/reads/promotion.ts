import { cache } from 'react';
import { isValidStackName } from '@/lib/rollout/status';
import { getPromotionRuntime } from '@/lib/promotion/runtime';
import { OPEN_STATUSES, type Preflight, type Promotion } from '@/lib/promotion/types';
import { getStore } from '@/lib/store';

/**
 * What pages read about promotions. Reads never write to AWS; they bring a request up to date with the clock and
 * the stack first (an expired approval, an update that ended while nobody watched), so a restart loses nothing.
 */

/** The stack's preflight (shared by every viewer for a few seconds); null when the stack does not exist. Throws AwsCallError. */
export async function readPreflight(stackName: string): Promise<Preflight | null> {
  const gathered = await getPromotionRuntime().gatherPreflight(stackName);
  return gathered?.preflight ?? null;
}

/** One request, reconciled, once per request however many parts of the page ask; null when there is no such request. */
export const readPromotion = cache(
  async (id: string): Promise<Promotion | null> => reconciled(id, await getStore().getPromotion(id)),
);

const PROMOTION_ID = /^[A-Za-z0-9_-]{6,64}$/;

/** The stack name and request id from a promotion page's URL, or null when either cannot be one. */
export async function promotionRouteFrom(
  params: Promise<{ name: string; id: string }>,
): Promise<{ name: string; id: string } | null> {
  try {
    const raw = await params;
    const name = decodeURIComponent(raw.name);
    const id = decodeURIComponent(raw.id);
    return isValidStackName(name) && PROMOTION_ID.test(id) ? { name, id } : null;
  } catch {
    return null;
  }
}

/** The stack's requests, newest first (as stored: lists do not call AWS). */
export async function listPromotions(stackName: string, limit = 20): Promise<Promotion[]> {
  return getStore().listPromotions(stackName, limit);
}

/** The request that holds the stack (creating, awaiting approval, approved or executing), reconciled; or null. */
export async function openPromotion(stackName: string): Promise<Promotion | null> {
  const open = await getStore().openPromotion(stackName);
  if (!open) return null;
  const now = await reconciled(open.id, open);
  return now && OPEN_STATUSES.includes(now.status) ? now : null;
}

/** The request after reconcile; when AWS cannot be read, the stored one (the page says when it was updated). */
async function reconciled(id: string, stored: Promotion | null): Promise<Promotion | null> {
  if (!stored) return null;
  try {
    return (await getPromotionRuntime().service.reconcile(id)) ?? stored;
  } catch (error) {
    console.error(`[promotion] could not reconcile ${id}`, error);
    return stored;
  }
}
