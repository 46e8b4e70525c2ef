import { toneOf, type StatusTone } from '@/lib/rollout/status';

const toneClasses: Record<StatusTone, string> = {
  progress: 'bg-sky-50 text-sky-800 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failure: 'bg-rose-50 text-rose-800 ring-rose-200',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
};

const dotClasses: Record<StatusTone, string> = {
  progress: 'bg-sky-500 animate-pulse',
  success: 'bg-emerald-500',
  failure: 'bg-rose-500',
  neutral: 'bg-slate-400',
};

/** A CloudFormation status with its colour: blue while moving, green when done, red for failures and rollbacks. */
export function StatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' }) {
  const tone = toneOf(status);
  return (
    <span
      data-tone={tone}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full font-medium ring-1 ring-inset ${toneClasses[tone]} ${
        size === 'md' ? 'px-3 py-1 text-sm' : 'px-2 py-0.5 text-xs'
      }`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${dotClasses[tone]}`} />
      {status}
    </span>
  );
}
