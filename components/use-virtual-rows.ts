'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';

export interface VirtualRow {
  index: number;
  key: string;
  /** px from the top of the list */
  start: number;
}

interface Options {
  count: number;
  getKey(index: number): string;
  /** px a row is assumed to take until it has been measured */
  estimateSize(index: number): number;
  /** rows drawn beyond the visible ones either side, so a quick scroll does not show blanks */
  overscan: number;
  scroller: RefObject<HTMLElement | null>;
  /** the viewport assumed before the browser has measured one (the server renders this much) */
  initialHeight: number;
}

/**
 * The rows of a long list that are in (or near) its scrolling container's view, with rows of any height: each
 * drawn row is measured as it renders and when it resizes. Replaces @tanstack/react-virtual (10 KB gzipped of
 * first-load JavaScript for the Events page) with the one piece the dashboard uses: a vertical list in one
 * scrolling element. Positions are a prefix sum over every row (10,000 rows: well under a millisecond).
 */
export function useVirtualRows({ count, getKey, estimateSize, overscan, scroller, initialHeight }: Options) {
  const [viewport, setViewport] = useState({ top: 0, height: initialHeight });
  const [sizes, setSizes] = useState<ReadonlyMap<string, number>>(() => new Map());

  const { starts, keys, total } = useMemo(() => {
    const starts = new Float64Array(count + 1);
    const keys: string[] = new Array(count);
    for (let i = 0; i < count; i++) {
      keys[i] = getKey(i);
      starts[i + 1] = starts[i]! + (sizes.get(keys[i]!) ?? estimateSize(i));
    }
    return { starts, keys, total: starts[count]! };
  }, [count, getKey, estimateSize, sizes]);

  const startsRef = useRef(starts);
  useEffect(() => {
    startsRef.current = starts;
  }, [starts]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const read = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    read();
    element.addEventListener('scroll', read, { passive: true });
    const resized = new ResizeObserver(read);
    resized.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      resized.disconnect();
    };
  }, [scroller]);

  // One observer for every drawn row: a row's height changes when its text wraps differently or it re-renders.
  const [rowObserver, setRowObserver] = useState<ResizeObserver | null>(null);
  useEffect(() => {
    const observer = new ResizeObserver((entries) => {
      const element = scroller.current;
      let shift = 0;
      const measured: [string, number][] = [];
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        const key = target.dataset.key;
        if (key === undefined) continue;
        measured.push([key, target.getBoundingClientRect().height]);
        // A row above the view that grows or shrinks would push what is on screen: keep the view where it was.
        const index = Number(target.dataset.index);
        const start = startsRef.current[index];
        const before = startsRef.current[index + 1]! - start!;
        if (element && start !== undefined && start < element.scrollTop) shift += measured.at(-1)![1] - before;
      }
      setSizes((current) => {
        if (measured.every(([key, size]) => current.get(key) === size)) return current;
        const next = new Map(current);
        for (const [key, size] of measured) next.set(key, size);
        return next;
      });
      if (element && shift) element.scrollBy({ top: shift });
    });
    setRowObserver(observer);
    return () => observer.disconnect();
  }, [scroller]);

  /** Ref callback for each drawn row (it must carry data-key and data-index). */
  const measure = useCallback(
    (element: HTMLElement | null) => {
      if (!element || !rowObserver) return;
      rowObserver.observe(element);
      return () => rowObserver.unobserve(element);
    },
    [rowObserver],
  );

  const rows: VirtualRow[] = [];
  if (count > 0) {
    const first = Math.max(0, lastStartAtOrBefore(starts, count, viewport.top) - overscan);
    const bottom = viewport.top + viewport.height;
    let below = 0;
    for (let i = first; i < count; i++) {
      if (starts[i]! >= bottom && below++ >= overscan) break;
      rows.push({ index: i, key: keys[i]!, start: starts[i]! });
    }
  }

  /** Brings a row into view by its estimated position; once drawn, the caller can scroll the element itself. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scroller.current;
      if (!element || index < 0 || index >= count) return;
      element.scrollTo({ top: Math.max(0, starts[index]! - element.clientHeight / 2) });
    },
    [scroller, starts, count],
  );

  return { rows, total, measure, scrollToIndex };
}

/** The index of the last row that starts at or before `offset` (binary search over the prefix sums). */
function lastStartAtOrBefore(starts: Float64Array, count: number, offset: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
