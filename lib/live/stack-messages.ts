import type { StackEvent, StackSummary } from '@/lib/rollout/types';

/** What the stack stream sends to the browser. `at` is when the data was fetched from AWS (ISO time). */
export type StackMessage =
  | { type: 'snapshot'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'delta'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'tick'; at: string }
  | { type: 'stale'; error: string; lastSuccessAt: string | null; retryInMs: number };
