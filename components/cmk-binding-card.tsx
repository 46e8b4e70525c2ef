import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readCmkChain } from '@/lib/live/cmk-feed';
import type { StackSummary } from '@/lib/rollout/types';
import { Card } from './card';
import { LazyCmkBindingLive as CmkBindingLive } from './overview-lazy';

/**
 * Whether the execution log group is bound to its CMK and the key's policy lets CloudWatch Logs use it. Rendered
 * from the shared CMK poller's latest chain (or one read when nobody watches), then kept live by its stream.
 */
export async function CmkBindingCard({ stack }: { stack: StackSummary }) {
  const read = await readOrExplain(() => readCmkChain(stack.name));
  return (
    <Card title="Log encryption (CMK)">
      {read.ok ? (
        <CmkBindingLive name={stack.name} initial={read.value} initialAt={new Date().toISOString()} />
      ) : (
        <p className="px-4 py-3 text-sm text-rose-800" data-testid="cmk-binding">
          Could not read the binding: {read.message}
        </p>
      )}
    </Card>
  );
}
