'use client';

import { usePathname, useRouter } from 'next/navigation';

export interface OperationChoice {
  id: string;
  label: string;
}

/** Chooses the operation a section shows (`?op=<id>`); the newest is the default and needs no query. */
export function OperationPicker({ choices, selected }: { choices: OperationChoice[]; selected: string }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-slate-700">
      <span className="shrink-0">Operation</span>
      <select
        value={selected}
        onChange={(event) => {
          const id = event.target.value;
          router.push(id === choices[0]?.id ? pathname : `${pathname}?op=${encodeURIComponent(id)}`, { scroll: false });
        }}
        className="min-w-0 max-w-full truncate rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-sky-600 focus:outline-none"
      >
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
