import type { FleetEnvironment } from '@/lib/fleet/types';
import { StatusBadge } from '../status-badge';
import { AlarmsCell, CmkBadge, EnvironmentLink, LastExecutionCell, ModeBadge, shortTime } from './fleet-cells';

const th = 'px-4 py-2.5 font-medium';

/** The environments as a table from the `md` breakpoint up; FleetCards takes over on phones. */
export function FleetTable({ environments }: { environments: FleetEnvironment[] }) {
  return (
    <div className="hidden overflow-x-auto md:block">
      <table className="w-full text-left text-sm" aria-label="TapStack environments">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className={th}>
              Environment
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Mode
            </th>
            <th scope="col" className={th}>
              CMK
            </th>
            <th scope="col" className={th}>
              Alarms
            </th>
            <th scope="col" className={th}>
              Last execution
            </th>
            <th scope="col" className={`${th} hidden lg:table-cell`}>
              Last change (UTC)
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {environments.map((env) => (
            <tr key={env.name} data-testid="fleet-row" data-name={env.name} className="align-top hover:bg-slate-50/60">
              <td className="max-w-56 px-4 py-3">
                <EnvironmentLink name={env.name} />
                {env.details?.error && (
                  <p className="mt-1 text-xs text-amber-800" title={env.details.error}>
                    Some details could not be read.
                  </p>
                )}
              </td>
              <td className="px-4 py-3" data-testid="fleet-status" data-status={env.status}>
                <StatusBadge status={env.status} />
              </td>
              <td className="px-4 py-3">
                <ModeBadge mode={env.mode} />
              </td>
              <td className="px-4 py-3">
                <CmkBadge env={env} />
              </td>
              <td className="max-w-56 px-4 py-3">
                <AlarmsCell env={env} />
              </td>
              <td className="max-w-48 px-4 py-3">
                <LastExecutionCell env={env} />
              </td>
              <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 tabular-nums lg:table-cell">
                {shortTime(env.lastChange)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The same environments as cards on phones. */
export function FleetCards({ environments }: { environments: FleetEnvironment[] }) {
  return (
    <ul className="divide-y divide-slate-100 md:hidden" aria-label="TapStack environments">
      {environments.map((env) => (
        <li key={env.name} data-testid="fleet-card" data-name={env.name} className="space-y-3 px-4 py-4">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <EnvironmentLink name={env.name} />
            <StatusBadge status={env.status} />
          </div>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
            <Fact label="Mode">
              <ModeBadge mode={env.mode} />
            </Fact>
            <Fact label="CMK">
              <CmkBadge env={env} />
            </Fact>
            <Fact label="Alarms">
              <AlarmsCell env={env} />
            </Fact>
            <Fact label="Last execution">
              <LastExecutionCell env={env} />
            </Fact>
          </dl>
          <p className="text-xs text-slate-500 tabular-nums">Last change {shortTime(env.lastChange)} UTC</p>
        </li>
      ))}
    </ul>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}
