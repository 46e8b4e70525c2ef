import type { OtherStack } from '@/lib/fleet/types';
import { Card } from '../card';
import { StatusBadge } from '../status-badge';
import { EnvironmentLink } from './fleet-cells';

/** Stacks that are not TapStack environments, compactly: they can still be opened, but they are not the fleet. */
export function OtherStacks({ stacks }: { stacks: OtherStack[] }) {
  if (stacks.length === 0) return null;
  return (
    <Card
      title={
        <>
          Other stacks <span className="ml-1 font-normal text-slate-500">{stacks.length}</span>
        </>
      }
    >
      <ul className="grid gap-x-6 gap-y-1 px-4 py-3 text-sm sm:grid-cols-2 lg:grid-cols-3" aria-label="Other stacks">
        {stacks.map((stack) => (
          <li key={stack.name} className="flex min-w-0 items-center justify-between gap-2 py-1">
            <span className="min-w-0 truncate">
              <EnvironmentLink name={stack.name} />
            </span>
            <StatusBadge status={stack.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
