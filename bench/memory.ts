/** localaws memory after it has made ~10,000 stack events (many stacks at a high speed). */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { LocalawsProcess } from './localaws-process';
import { clientConfig, createStackAndWait, topicsTemplate } from './reads';

export interface MemoryResult {
  events: number;
  stacks: number;
  before: { rssMb: number; heapUsedMb: number };
  after: { rssMb: number; heapUsedMb: number };
}

const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

export async function benchMemory(localaws: LocalawsProcess, targetEvents = 10_000): Promise<MemoryResult> {
  const cfn = new CloudFormationClient(clientConfig(localaws.url));
  const before = await localaws.memory();
  const perStack = 166 * 3 + 2;
  const stacks = Math.ceil(targetEvents / perStack);
  try {
    // Four at a time: enough to overlap, few enough that provisioning timers do not pile up.
    for (let i = 0; i < stacks; i += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, stacks - i) }, (_, j) =>
          createStackAndWait(cfn, `bench-memory-${i + j}`, topicsTemplate(166)),
        ),
      );
    }
  } finally {
    cfn.destroy();
  }
  const after = await localaws.memory();
  return {
    events: stacks * perStack,
    stacks,
    before: { rssMb: mb(before.rss), heapUsedMb: mb(before.heapUsed) },
    after: { rssMb: mb(after.rss), heapUsedMb: mb(after.heapUsed) },
  };
}
