'use client';

import { useState } from 'react';
import { MUTE_PRESETS, type AlarmMarks, type AlarmNote } from '@/lib/alarms/notes';
import type { AlarmState } from '@/lib/alarms/types';
import { callApi } from '../promotion/api-client';
import { Button } from '../button';

type Open = 'none' | 'acknowledge' | 'mute';
const inputClass =
  'mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-sky-600';

/** `datetime-local`'s value for a time (the browser's zone), and back. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * Acknowledge (with a note), mute (a reason and an end: 1 h, 4 h, 24 h or a time of one's own) and unmute, for
 * operators. Each POSTs to the alarm's route and hands the stack's notes from the answer to `onNotes`.
 */
export function AlarmActions({
  stackName,
  alarmName,
  state,
  marks,
  onNotes,
}: {
  stackName: string;
  alarmName: string;
  state: AlarmState;
  marks: AlarmMarks;
  onNotes: (notes: AlarmNote[]) => void;
}) {
  const [open, setOpen] = useState<Open>('none');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [preset, setPreset] = useState<string>(MUTE_PRESETS[0].label);
  const [custom, setCustom] = useState(() => toLocalInput(Date.now() + 2 * 3_600_000));

  const base = `/api/stacks/${encodeURIComponent(stackName)}/alarms/${encodeURIComponent(alarmName)}`;
  async function post(action: 'acknowledge' | 'mute' | 'unmute', body: unknown) {
    setPending(true);
    setError(null);
    const result = await callApi<{ notes: AlarmNote[] }>(`${base}/${action}`, { method: 'POST', body });
    setPending(false);
    if (!result.ok) return setError(result.failure.message);
    onNotes(result.value.notes);
    setOpen('none');
    setNote('');
    setReason('');
  }

  function submitMute(event: React.FormEvent) {
    event.preventDefault();
    const chosen = MUTE_PRESETS.find((p) => p.label === preset);
    const end = chosen ? Date.now() + chosen.ms : new Date(custom).getTime();
    if (!Number.isFinite(end)) return setError('Pick an end time for the mute.');
    void post('mute', { reason, expiresAt: new Date(end).toISOString() });
  }

  return (
    <div className="space-y-3" data-testid="alarm-actions">
      <div className="flex flex-wrap gap-2">
        {state === 'ALARM' && !marks.acknowledged && (
          <Button variant="primary" onClick={() => setOpen(open === 'acknowledge' ? 'none' : 'acknowledge')}>
            Acknowledge
          </Button>
        )}
        {marks.muted ? (
          <Button pending={pending && open === 'none'} onClick={() => void post('unmute', {})}>
            Unmute
          </Button>
        ) : (
          <Button onClick={() => setOpen(open === 'mute' ? 'none' : 'mute')}>Mute…</Button>
        )}
      </div>

      {open === 'acknowledge' && (
        <form
          className="space-y-2 rounded-lg bg-slate-50 p-3"
          onSubmit={(event) => {
            event.preventDefault();
            void post('acknowledge', { note });
          }}
        >
          <label className="block text-sm font-medium text-slate-800">
            Note for the others on call
            <textarea
              required
              maxLength={1000}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className={inputClass}
              placeholder="What you are doing about it"
            />
          </label>
          <p className="text-xs text-slate-500">The acknowledgement ends when the alarm leaves ALARM.</p>
          <div className="flex gap-2">
            <Button type="submit" variant="primary" pending={pending}>
              Acknowledge alarm
            </Button>
            <Button variant="ghost" onClick={() => setOpen('none')}>
              Cancel
            </Button>
          </div>
        </form>
      )}

      {open === 'mute' && (
        <form className="space-y-2 rounded-lg bg-slate-50 p-3" onSubmit={submitMute}>
          <label className="block text-sm font-medium text-slate-800">
            Reason
            <input
              required
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputClass}
              placeholder="Why this alarm can be ignored for now"
            />
          </label>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">For</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
              {[...MUTE_PRESETS.map((p) => p.label), 'custom'].map((label) => (
                <label key={label} className="inline-flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="mute-for"
                    value={label}
                    checked={preset === label}
                    onChange={() => setPreset(label)}
                  />
                  {label === 'custom' ? 'until…' : label}
                </label>
              ))}
            </div>
          </fieldset>
          {preset === 'custom' && (
            <label className="block text-sm font-medium text-slate-800">
              Mute until (your time zone; 1 minute to 14 days ahead)
              <input
                type="datetime-local"
                required
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                className={inputClass}
              />
            </label>
          )}
          <div className="flex gap-2">
            <Button type="submit" variant="primary" pending={pending}>
              Mute alarm
            </Button>
            <Button variant="ghost" onClick={() => setOpen('none')}>
              Cancel
            </Button>
          </div>
        </form>
      )}

      {error && (
        <p role="alert" className="text-sm text-rose-700" data-testid="alarm-action-error">
          {error}
        </p>
      )}
    </div>
  );
}
