import type { AlarmTransition } from '@/lib/aws/cloudwatch-history';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent } from '@/lib/rollout/types';
import { toneOf } from '@/lib/rollout/status';
import type { AuditEntry } from '@/lib/store/types';
import type { ActivityItem, ActivityTone, AlarmNote } from './types';

/** Each source of the timeline turned into items. Pure: lib/reads/activity.ts reads, these shape. */

const base = (stackName: string) => `/stacks/${encodeURIComponent(stackName)}`;

export function stackEventItems(stackName: string, events: StackEvent[]): ActivityItem[] {
  return events.map((event) => ({
    id: `stack-event:${event.eventId}`,
    kind: 'stack-event',
    at: event.timestamp,
    title: `${event.logicalId} ${event.status}`,
    detail: [event.resourceType, event.reason].filter(Boolean).join(' · '),
    tone: toneOf(event.status),
    href: `${base(stackName)}/events#event-${encodeURIComponent(event.eventId)}`,
  }));
}

const ALARM_TONES: Record<string, ActivityTone> = { ALARM: 'failure', OK: 'success', INSUFFICIENT_DATA: 'neutral' };

export function alarmTransitionItems(stackName: string, transitions: AlarmTransition[]): ActivityItem[] {
  return transitions.map((t) => ({
    id: `alarm:${t.alarmName}:${t.at}:${t.to ?? ''}`,
    kind: 'alarm',
    at: t.at,
    title: t.from && t.to ? `${t.alarmName}: ${t.from} → ${t.to}` : `${t.alarmName}: ${t.summary}`,
    detail: t.reason,
    tone: ALARM_TONES[t.to ?? ''] ?? 'neutral',
    href: `${base(stackName)}/alarms/${encodeURIComponent(t.alarmName)}`,
  }));
}

/**
 * Two items per execution, its start and (once over) its end with the result. Who started a dry run comes from
 * the audit log (`execution.dry-run-started`, whose token is the execution name); dry runs the audit log knows
 * but Step Functions no longer lists still get their start.
 */
export function executionItems(stackName: string, executions: ExecutionSummary[], audit: AuditEntry[]): ActivityItem[] {
  const startedBy = new Map<string, AuditEntry>();
  for (const entry of audit)
    if (entry.action === 'execution.dry-run-started' && entry.token && entry.stackName === stackName)
      startedBy.set(entry.token, entry);
  const path = (name: string) => `${base(stackName)}/executions/${encodeURIComponent(name)}`;
  const items: ActivityItem[] = [];
  const listed = new Set<string>();
  for (const execution of executions) {
    listed.add(execution.name);
    const who = startedBy.get(execution.name);
    // A start the audit log recorded is a dry run (the dashboard starts nothing else).
    const what = execution.dryRun === false ? 'Apply run' : execution.dryRun || who ? 'Dry run' : 'Execution';
    items.push({
      id: `execution:${execution.name}:started`,
      kind: 'execution',
      at: execution.startedAt,
      title: `${what} ${execution.name} started`,
      tone: 'progress',
      ...(who ? { actor: who.actorName } : {}),
      href: path(execution.name),
    });
    if (execution.stoppedAt && execution.status !== 'RUNNING') {
      items.push({
        id: `execution:${execution.name}:ended`,
        kind: 'execution',
        at: execution.stoppedAt,
        title: `${what} ${execution.name} ${execution.status.toLowerCase().replace('_', ' ')}`,
        detail: execution.error ? [execution.error, execution.cause].filter(Boolean).join(': ') : undefined,
        tone: execution.status === 'SUCCEEDED' ? 'success' : execution.status === 'ABORTED' ? 'neutral' : 'failure',
        href: path(execution.name),
      });
    }
  }
  for (const [name, entry] of startedBy) {
    if (listed.has(name)) continue;
    items.push({
      id: `execution:${name}:started`,
      kind: 'execution',
      at: entry.at,
      title: `Dry run ${name} started`,
      tone: 'progress',
      actor: entry.actorName,
      href: path(name),
    });
  }
  return items;
}

const PROMOTION_TITLES: Partial<Record<AuditEntry['action'], [string, ActivityTone]>> = {
  'promotion.requested': ['Promotion requested', 'progress'],
  'promotion.change-set-ready': ['Change set ready for approval', 'progress'],
  'promotion.request-failed': ['Promotion request failed', 'failure'],
  'promotion.approved': ['Promotion approved', 'success'],
  'promotion.rejected': ['Promotion rejected', 'warning'],
  'promotion.cancelled': ['Promotion cancelled', 'neutral'],
  'promotion.expired': ['Approval expired', 'warning'],
  'promotion.voided': ['Approval voided', 'warning'],
  'promotion.execute-refused': ['Promotion execution refused', 'failure'],
  'promotion.execute-failed': ['Promotion execution failed', 'failure'],
  'promotion.executed': ['Promotion executing', 'progress'],
  'promotion.promoted': ['Promoted to apply', 'success'],
  'promotion.rolled-back': ['Promotion rolled back', 'failure'],
  'stack.demoted': ['Demoted to dry-run', 'neutral'],
  'stack.demote-failed': ['Demotion failed', 'failure'],
};

/** Promotion steps and demotions of this stack from the audit log (dry-run starts belong to executionItems). */
export function promotionItems(stackName: string, audit: AuditEntry[]): ActivityItem[] {
  return audit.flatMap((entry): ActivityItem[] => {
    const known = PROMOTION_TITLES[entry.action];
    if (!known || entry.stackName !== stackName) return [];
    const [title, tone] = known;
    const detail = [entry.outcome !== 'ok' ? entry.outcome : '', entry.comment ? `“${entry.comment}”` : '']
      .filter(Boolean)
      .join(' · ');
    return [
      {
        id: `promotion:${entry.seq}`,
        kind: 'promotion',
        at: entry.at,
        title,
        ...(detail ? { detail } : {}),
        tone: entry.outcome === 'ok' ? tone : 'failure',
        actor: entry.actorName,
        ...(entry.promotionId ? { href: `${base(stackName)}/promotions/${encodeURIComponent(entry.promotionId)}` } : {}),
      },
    ];
  });
}

const NOTE_TITLES: Record<AlarmNote['kind'], string> = { acknowledged: 'acknowledged', muted: 'muted', unmuted: 'unmuted' };

/**
 * Acknowledgements, mutes and unmutes of the stack's alarms, and the end of each mute that ran out before `now`
 * (nobody writes that down: it is the server's clock that ends a mute, so the timeline says when it did).
 */
export function alarmNoteItems(stackName: string, notes: AlarmNote[], now = new Date()): ActivityItem[] {
  const ended = notes.flatMap((note): ActivityItem[] => {
    if (note.kind !== 'muted' || !note.until || Date.parse(note.until) > now.getTime()) return [];
    const until = note.until;
    const liftedBefore = notes.some(
      (other) => other.alarmName === note.alarmName && other.kind !== 'acknowledged' && other.at > note.at && other.at <= until,
    );
    if (liftedBefore) return [];
    return [
      {
        id: `mute-ended:${note.id}`,
        kind: 'unmuted',
        at: until,
        title: `${note.alarmName} mute ran out`,
        tone: 'neutral',
        href: `${base(stackName)}/alarms/${encodeURIComponent(note.alarmName)}`,
      },
    ];
  });
  return [
    ...ended,
    ...notes.map(
      (note): ActivityItem => ({
        id: `${note.kind}:${note.id}`,
        kind: note.kind,
        at: note.at,
        title: `${note.alarmName} ${NOTE_TITLES[note.kind]}${note.kind === 'muted' && note.until ? ` until ${note.until.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
        ...(note.comment ? { detail: `“${note.comment}”` } : {}),
        tone: note.kind === 'unmuted' ? 'neutral' : note.kind === 'muted' ? 'warning' : 'success',
        actor: note.actorName,
        href: `${base(stackName)}/alarms/${encodeURIComponent(note.alarmName)}`,
      }),
    ),
  ];
}
