'use client';

import dynamic from 'next/dynamic';

// Below the CMK chain, so loaded after the page (the first load's budget is 150 KB gzipped); the server still
// renders it, so nothing moves when its code arrives.
export const LazyPatternTester = dynamic(() => import('./pattern-tester').then((m) => m.PatternTester));
