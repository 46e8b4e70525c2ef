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

/** One request, reconciled; null when there is no such request. */
export async function readPromotion(id: string): Promise<Promotion | null> {
  return reconciled(id, await getStore().getPromotion(id));
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
