export type BadgeTone = 'neutral' | 'progress' | 'success' | 'failure' | 'warning';

const toneClasses: Record<BadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  progress: 'bg-sky-50 text-sky-800 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failure: 'bg-rose-50 text-rose-800 ring-rose-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200',
};

const dotClasses: Record<BadgeTone, string> = {
  neutral: 'bg-slate-400',
  progress: 'bg-sky-500 animate-pulse',
  success: 'bg-emerald-500',
  failure: 'bg-rose-500',
  warning: 'bg-amber-500',
};

/** A rounded label with a tone, the shape of the stack status badges. Extra props (data-*) go to the span. */
export function Badge({
  tone,
  dot = true,
  size = 'sm',
  children,
  ...rest
}: { tone: BadgeTone; dot?: boolean; size?: 'sm' | 'md'; children: React.ReactNode } & Omit<
  React.HTMLAttributes<HTMLSpanElement>,
  'className'
>) {
  return (
    <span
      data-tone={tone}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full font-medium ring-1 ring-inset ${toneClasses[tone]} ${
        size === 'md' ? 'px-3 py-1 text-sm' : 'px-2 py-0.5 text-xs'
      }`}
      {...rest}
    >
      {dot && <span aria-hidden className={`size-1.5 rounded-full ${dotClasses[tone]}`} />}
      {children}
    </span>
  );
}
