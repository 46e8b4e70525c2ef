'use client';

import { useState } from 'react';
import { FLEET_MODE_FILTERS, FLEET_STATUS_FILTERS, type FleetQuery } from '@/lib/fleet/query';

const SORT_LABELS: Record<FleetQuery['sort'], string> = {
  name: 'Name',
  status: 'Status (failures first)',
  alarms: 'Alarms (most first)',
  changed: 'Last change (newest first)',
};
const STATUS_LABELS: Record<FleetQuery['status'], string> = {
  all: 'All statuses',
  failed: 'Failed',
  'in-progress': 'In progress',
  ok: 'Settled',
};
const MODE_LABELS: Record<FleetQuery['mode'], string> = { all: 'All modes', 'dry-run': 'dry-run', apply: 'apply' };

const field =
  'rounded-md border-0 bg-white py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-sky-600';

/** Text, status and mode filters and the sort; the parent keeps them in the URL. */
export function FleetToolbar({ query, onChange }: { query: FleetQuery; onChange: (next: Partial<FleetQuery>) => void }) {
  // The text is the input's own state: the URL follows it, so typing never waits on the router.
  const [text, setText] = useState(query.q);
  return (
    <div className="flex flex-wrap items-end gap-2 border-b border-slate-200 px-4 py-3" role="search">
      <label className="flex min-w-0 grow basis-48 flex-col gap-1 text-xs text-slate-600">
        Filter
        <input
          type="search"
          value={text}
          placeholder="Environment name"
          onChange={(e) => {
            setText(e.target.value);
            onChange({ q: e.target.value });
          }}
          className={`${field} px-2.5 placeholder:text-slate-400`}
        />
      </label>
      <Select
        label="Status"
        value={query.status}
        options={FLEET_STATUS_FILTERS}
        labels={STATUS_LABELS}
        onChange={(status) => onChange({ status })}
      />
      <Select
        label="Mode"
        value={query.mode}
        options={FLEET_MODE_FILTERS}
        labels={MODE_LABELS}
        onChange={(mode) => onChange({ mode })}
      />
      <Select
        label="Sort by"
        value={query.sort}
        options={Object.keys(SORT_LABELS) as FleetQuery['sort'][]}
        labels={SORT_LABELS}
        onChange={(sort) => onChange({ sort })}
      />
      <button
        type="button"
        aria-pressed={query.dir === 'desc'}
        onClick={() => onChange({ dir: query.dir === 'desc' ? 'asc' : 'desc' })}
        className={`${field} px-2.5 text-slate-700 hover:bg-slate-50`}
        title="Reverse the order"
      >
        {query.dir === 'desc' ? '↑ Reversed' : '↓ Reverse'}
      </button>
    </div>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  labels,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-600">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T)} className={`${field} pr-8 pl-2.5`}>
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
