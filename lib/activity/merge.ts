import { ACTIVITY_KINDS, type ActivityItem, type ActivityKind } from './types';

export interface ActivityPage {
  items: ActivityItem[];
  /** pass as `before` for the next (older) page; absent on the last page */
  nextCursor?: string;
  /** how many items the filter kept in all */
  total: number;
}

export interface MergeOptions {
  /** only these kinds; empty or absent: all */
  kinds?: readonly ActivityKind[];
  /** a cursor from the previous page: only items older than it */
  before?: string;
  limit?: number;
}

export const ACTIVITY_PAGE_SIZE = 50;

/** Newest first; at equal times by id, so the order (and so paging) is stable. */
function compare(a: ActivityItem, b: ActivityItem): number {
  return a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;
}

const cursorOf = (item: ActivityItem) => `${item.at}|${item.id}`;

/**
 * Joins the sources into one timeline: de-duplicated by id (the first source wins), filtered by kind, newest
 * first, one page at a time. Paging is by cursor (the last item's time and id), so new activity arriving
 * between two pages does not shift the older ones.
 */
export function mergeActivity(sources: ActivityItem[][], options: MergeOptions = {}): ActivityPage {
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const seen = new Set<string>();
  const all: ActivityItem[] = [];
  for (const source of sources)
    for (const item of source) {
      if (seen.has(item.id) || (kinds && !kinds.has(item.kind))) continue;
      seen.add(item.id);
      all.push(item);
    }
  all.sort(compare);
  let start = 0;
  if (options.before) {
    const [at = '', ...rest] = options.before.split('|');
    const marker = { at, id: rest.join('|') } as ActivityItem;
    start = all.findIndex((item) => compare(item, marker) > 0);
    if (start < 0) start = all.length;
  }
  const limit = Math.max(1, options.limit ?? ACTIVITY_PAGE_SIZE);
  const items = all.slice(start, start + limit);
  const last = items.at(-1);
  return { items, total: all.length, ...(start + limit < all.length && last ? { nextCursor: cursorOf(last) } : {}) };
}

/** The `kind` query parameter (repeated or comma-separated) as kinds, and what was not one. */
export function parseKinds(value: string | string[] | undefined): { kinds: ActivityKind[]; unknown: string[] } {
  const words = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.split(',')).map((w) => w.trim());
  const kinds: ActivityKind[] = [];
  const unknown: string[] = [];
  for (const word of words.filter(Boolean)) {
    if ((ACTIVITY_KINDS as readonly string[]).includes(word)) {
      if (!kinds.includes(word as ActivityKind)) kinds.push(word as ActivityKind);
    } else unknown.push(word);
  }
  return { kinds, unknown };
}

/** A cursor as the URL carries it, or undefined when it is not one (a bad `before` shows the first page). */
export function parseCursor(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|.+$/.test(text) && text.length < 600 ? text : undefined;
}
