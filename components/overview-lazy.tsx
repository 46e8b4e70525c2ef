'use client';

import dynamic from 'next/dynamic';

/**
 * The Overview's parts below the fold, loaded after the page (the first load's budget is 150 KB gzipped, and these
 * are about half of the Overview's own code). The server still renders them, so nothing moves when they arrive;
 * until their code has loaded they are plain HTML, and they follow the live stream from then on.
 */
export const LazyPromotionPanel = dynamic(() => import('./promotion/promotion-panel').then((m) => m.PromotionPanel));
export const LazyExecutionsCard = dynamic(() => import('./executions-card').then((m) => m.ExecutionsCard));
export const LazyCmkBindingLive = dynamic(() => import('./cmk/cmk-binding-live').then((m) => m.CmkBindingLive));
export const LazyEventsTable = dynamic(() => import('./events-table').then((m) => m.EventsTable));
