import { Card } from '@/components/card';
import { TableSkeleton } from '@/components/skeletons';

/** A section's "nothing here" message inside its card. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="px-4 py-12 text-center" data-testid="empty-state">
      <p className="font-medium text-slate-900">{title}</p>
      {children && <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{children}</p>}
    </div>
  );
}

/** Shown by a section when the stack itself does not exist (never deployed, or deleted). */
export function StackMissing({ name, section }: { name: string; section: string }) {
  return (
    <Card title={section}>
      <EmptyState title="No such stack">
        No stack named <span className="font-mono font-medium text-slate-900">{name}</span> exists here. Its{' '}
        {section.toLowerCase()} appear once a deployment creates it.
      </EmptyState>
    </Card>
  );
}

/** The loading.tsx of a section: its card with placeholder rows. */
export function SectionSkeleton({ title, rows = 6 }: { title: string; rows?: number }) {
  return (
    <div role="status" aria-label={`Loading ${title.toLowerCase()}`}>
      <Card title={title}>
        <TableSkeleton rows={rows} />
      </Card>
    </div>
  );
}
