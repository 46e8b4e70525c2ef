'use client';

import { useId, useState } from 'react';
import { Button, type ButtonVariant } from '@/components/button';
import type { ApiFailure } from './api-client';
import { ApiErrorMessage } from './api-error';

/**
 * The small confirm behind a consequential button: what will happen, an optional comment for the audit log,
 * and the button that does it. `onConfirm` resolves to a failure to show, or null when done.
 */
export function ConfirmWithComment({
  title,
  children,
  confirmLabel,
  confirmVariant = 'primary',
  dismissLabel,
  onConfirm,
  onDismiss,
  stackName,
}: {
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  dismissLabel: string;
  onConfirm: (comment: string) => Promise<ApiFailure | null>;
  onDismiss: () => void;
  stackName?: string;
}) {
  const id = useId();
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    const result = await onConfirm(comment.trim());
    // On success the caller navigates or refreshes; keep the buttons disabled until it has.
    if (result) {
      setFailure(result);
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3"
    >
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        {children && <div className="mt-1 text-sm text-slate-600">{children}</div>}
      </div>
      <div>
        <label htmlFor={`${id}-comment`} className="block text-xs font-medium text-slate-600">
          Comment <span className="font-normal text-slate-500">(optional, kept in the audit log)</span>
        </label>
        <textarea
          id={`${id}-comment`}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          rows={2}
          maxLength={1000}
          disabled={pending}
          className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-sky-600 focus:outline-none"
        />
      </div>
      <ApiErrorMessage failure={failure} stackName={stackName} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={confirmVariant} pending={pending}>
          {confirmLabel}
        </Button>
        <Button variant="ghost" onClick={onDismiss} disabled={pending}>
          {dismissLabel}
        </Button>
      </div>
    </form>
  );
}
