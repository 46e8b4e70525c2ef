'use client';

import Link from '@/components/link';
import { useEffect, useReducer, useState } from 'react';
import { LIVE_MESSAGE_TYPES, type LiveMessage } from '@/lib/live/stack-messages';
import { applyStackMessage, type StackViewState } from '@/lib/live/stack-view-state';
import { operationProgress } from '@/lib/rollout/progress';
import { findRootCause } from '@/lib/rollout/root-cause';
import { AlarmsCard } from './alarms-card';
import { Card } from './card';
import { LazyEventsTable as EventsTable, LazyExecutionsCard as ExecutionsCard } from './overview-lazy';
import { LiveIndicator, type Connection } from './live-indicator';
import { OperationProgressBar } from './operation-progress';
import { RootCauseCallout } from './root-cause-callout';
import { StackOverview } from './stack-overview';

/** How many of the newest events the Overview shows; the Events section has them all, grouped by operation. */
const LATEST_EVENTS = 5;

/**
 * The stack Overview's live part: starts from the server's render and follows the stack's SSE stream. `children`
 * render between the live cards and the latest events: server-rendered panels such as the CMK binding.
 */
export function StackLive({ name, initial, children }: { name: string; initial: StackViewState; children?: React.ReactNode }) {
  const [state, dispatch] = useReducer(applyStackMessage, initial);
  const [connection, setConnection] = useState<Connection>('connecting');

  useEffect(() => {
    const source = new EventSource(`/api/stacks/${encodeURIComponent(name)}/stream`);
    source.onopen = () => setConnection('open');
    // EventSource reconnects by itself; show that instead of pretending to be live.
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const onMessage = (event: MessageEvent<string>) => dispatch(JSON.parse(event.data) as LiveMessage);
    for (const type of LIVE_MESSAGE_TYPES) source.addEventListener(type, onMessage);
    return () => source.close();
  }, [name]);

  const rootCause = findRootCause(state.events);
  const indicator = <LiveIndicator connection={connection} checkedAt={state.checkedAt} staleReason={state.staleReason} />;

  if (!state.stack) {
    return (
      <Card title="Waiting for the stack" actions={indicator}>
        <p className="px-4 py-10 text-center text-sm text-slate-600">
          No stack named <span className="font-mono font-medium text-slate-900">{name}</span> exists here yet. This page follows
          it as soon as a deployment creates it.
        </p>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <Card title="Overview" actions={indicator}>
        <StackOverview stack={state.stack} />
        <OperationProgressBar progress={operationProgress(state.events)} />
        {rootCause && <RootCauseCallout cause={rootCause} />}
      </Card>
      <AlarmsCard stackName={name} alarms={state.alarms} notes={state.alarmNotes} error={state.alarmsError} />
      <ExecutionsCard
        stack={{ name, status: state.stack.status, stateMachineArn: state.stack.outputs.StateMachineArn ?? null }}
        executions={state.executions}
        error={state.executionsError}
      />
      {children}
      <Card
        title="Latest events"
        actions={
          <Link href={`/stacks/${encodeURIComponent(name)}/events`} className="text-sm font-medium text-sky-700 hover:underline">
            All events, by operation →
          </Link>
        }
      >
        <EventsTable events={state.events.slice(0, LATEST_EVENTS)} />
      </Card>
    </div>
  );
}
