import { describe, expect, it } from 'vitest';
import { StreamRegistry } from './stream-limits';

const limits = { maxPerUser: 3, maxStacksPerUser: 2 };

describe('StreamRegistry', () => {
  it('admits up to maxPerUser streams per user and refuses the next, whatever the stack', () => {
    const registry = new StreamRegistry();
    const admitted = [registry.admit('u', 'A', limits), registry.admit('u', 'A', limits), registry.admit('u', 'B', limits)];
    expect(admitted.every((a) => a.ok)).toBe(true);
    const refused = registry.admit('u', 'A', limits);
    expect(refused).toMatchObject({ ok: false, limit: 'streams', retryAfterSeconds: expect.any(Number) });
    expect(registry.openStreams('u')).toBe(3);
  });

  it('refuses a stack beyond maxStacksPerUser, while more streams on stacks already watched are fine', () => {
    const registry = new StreamRegistry();
    const wide = { maxPerUser: 10, maxStacksPerUser: 2 };
    expect(registry.admit('u', 'A', wide).ok).toBe(true);
    expect(registry.admit('u', 'B', wide).ok).toBe(true);
    expect(registry.admit('u', 'C', wide)).toMatchObject({ ok: false, limit: 'stacks' });
    expect(registry.admit('u', 'A', wide).ok).toBe(true);
    expect(registry.watchedStacks('u')).toBe(2);
  });

  it('counts each user apart', () => {
    const registry = new StreamRegistry();
    for (let i = 0; i < 3; i += 1) registry.admit('alice', 'A', limits);
    expect(registry.admit('alice', 'A', limits).ok).toBe(false);
    expect(registry.admit('bob', 'A', limits).ok).toBe(true);
  });

  it('frees a slot on release, and only once however often release is called', () => {
    const registry = new StreamRegistry();
    const first = registry.admit('u', 'A', limits);
    registry.admit('u', 'A', limits);
    registry.admit('u', 'B', limits);
    if (!first.ok) throw new Error('expected the first stream to be admitted');
    first.release();
    first.release();
    first.release();
    expect(registry.openStreams('u')).toBe(2);
    expect(registry.watchedStacks('u')).toBe(2);
    expect(registry.admit('u', 'A', limits).ok).toBe(true);
    expect(registry.admit('u', 'A', limits).ok).toBe(false);
  });

  it('forgets a user whose streams all ended, and a stack nobody of theirs watches any more', () => {
    const registry = new StreamRegistry();
    const a = registry.admit('u', 'A', limits);
    const b = registry.admit('u', 'B', limits);
    if (!a.ok || !b.ok) throw new Error('expected both streams to be admitted');
    a.release();
    expect(registry.watchedStacks('u')).toBe(1);
    expect(registry.admit('u', 'C', limits).ok).toBe(true); // A's slot among the stacks is free again
    b.release();
    expect(registry.openStreams('u')).toBe(1);
  });
});
