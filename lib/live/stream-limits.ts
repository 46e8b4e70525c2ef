/**
 * How many live streams each user holds, so one user (or one script with their cookie) cannot make tapdeck poll
 * AWS for hundreds of stacks. Counted per user id across the process; the stream endpoint asks `admit` before it
 * subscribes to anything, and each admitted stream releases its slot exactly once when it ends.
 */
export interface StreamLimits {
  /** open streams per user */
  maxPerUser: number;
  /** distinct stacks one user watches at once */
  maxStacksPerUser: number;
}

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; limit: 'streams' | 'stacks'; message: string; retryAfterSeconds: number };

/** Long enough for a closed tab's stream to be noticed and released. */
export const RETRY_AFTER_SECONDS = 30;

export class StreamRegistry {
  /** user id → stack name → open streams on it */
  private readonly users = new Map<string, Map<string, number>>();

  admit(userId: string, stack: string, limits: StreamLimits): Admission {
    const stacks = this.users.get(userId) ?? new Map<string, number>();
    const open = sum(stacks.values());
    if (open >= limits.maxPerUser) {
      return refuse('streams', `You have ${open} live streams open, the most one person may; close some tabs and try again.`);
    }
    if (!stacks.has(stack) && stacks.size >= limits.maxStacksPerUser) {
      return refuse(
        'stacks',
        `You are watching ${stacks.size} stacks at once, the most one person may; close some tabs and try again.`,
      );
    }
    stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
    this.users.set(userId, stacks);

    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (stacks.get(stack) ?? 1) - 1;
        if (left > 0) stacks.set(stack, left);
        else stacks.delete(stack);
        if (stacks.size === 0 && this.users.get(userId) === stacks) this.users.delete(userId);
      },
    };
  }

  openStreams(userId: string): number {
    return sum(this.users.get(userId)?.values() ?? []);
  }

  watchedStacks(userId: string): number {
    return this.users.get(userId)?.size ?? 0;
  }
}

function refuse(limit: 'streams' | 'stacks', message: string): Admission {
  return { ok: false, limit, message, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

const registryKey = Symbol.for('tapdeck.streamRegistry');

/** The process-wide registry; on globalThis for the same reason as the hub (Next may load modules per route). */
export function streamRegistry(): StreamRegistry {
  const holder = globalThis as { [registryKey]?: StreamRegistry };
  return (holder[registryKey] ??= new StreamRegistry());
}
