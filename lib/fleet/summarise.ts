import { isFleetMember, lastChangeOf, modeOf } from './membership';
import type { EnvironmentDetails, FleetMembership, FleetSnapshot, FleetStack } from './types';

/**
 * The fleet as the overview shows it: TapStack environments with their details (as last read), and every
 * other stack in a short list. Pure, so the poller and the tests build it the same way.
 */
export function summariseFleet(
  stacks: FleetStack[],
  details: ReadonlyMap<string, EnvironmentDetails>,
  membership: FleetMembership,
  at: string,
): FleetSnapshot {
  const byName = [...stacks].sort((a, b) => a.name.localeCompare(b.name));
  const members = byName.filter((stack) => isFleetMember(stack, membership));
  const others = byName.filter((stack) => !isFleetMember(stack, membership));
  return {
    environments: members.map((stack) => ({
      name: stack.name,
      status: stack.status,
      ...(stack.statusReason ? { statusReason: stack.statusReason } : {}),
      mode: modeOf(stack),
      lastChange: lastChangeOf(stack),
      details: details.get(stack.name) ?? null,
    })),
    others: others.map((stack) => ({ name: stack.name, status: stack.status, lastChange: lastChangeOf(stack) })),
    at,
  };
}

/** Totals for the overview's heading: how many environments are failed, moving, alarming. */
export function countFleet(snapshot: FleetSnapshot): { total: number; failed: number; inProgress: number; alarming: number } {
  let failed = 0;
  let inProgress = 0;
  let alarming = 0;
  for (const env of snapshot.environments) {
    if (/FAILED|ROLLBACK/.test(env.status)) failed += 1;
    else if (env.status.endsWith('_IN_PROGRESS')) inProgress += 1;
    if ((env.details?.alarmsInAlarm.length ?? 0) > 0) alarming += 1;
  }
  return { total: snapshot.environments.length, failed, inProgress, alarming };
}
