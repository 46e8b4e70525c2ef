import { resourceFingerprint, stackAlarmNames, watchesStateMachine } from '@/lib/alarms/match';
import type { AlarmNote } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { StackResourceSummary } from '@/lib/aws/cloudformation-resources';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { Hub, type LiveSource } from './hub';
import { createSnapshotPoller } from './snapshot-poller';
import type { AlarmsMessage, ExecutionsMessage, LiveMessage } from './stack-messages';
import { createStackPoller, type PollIntervals, type StackReads } from './stack-poller';

/** Every AWS read the stack page's live part makes; lib/aws in production, fakes in tests. */
export interface StackPageReads extends StackReads {
  listStackEventsSince(name: string, sinceEventId: string | undefined, limit?: number): Promise<StackEvent[]>;
  /** The stack's resources: its AWS::CloudWatch::Alarm physical IDs are its alarms' names. */
  listStackResources(name: string): Promise<StackResourceSummary[]>;
  /** Alarms on the workflow's AWS/States metrics (StateMachineArn dimension). */
  listAlarmsForStateMachine(stateMachineArn: string): Promise<AlarmSummary[]>;
  describeAlarmsByName(names: string[]): Promise<AlarmSummary[]>;
  /** On-call's acknowledgements and mutes (the store), sent with the alarms so every tab sees them. */
  listAlarmNotes(stackName: string): Promise<AlarmNote[]>;
  listRecentExecutions(stateMachineArn: string, known: Map<string, ExecutionSummary>): Promise<ExecutionSummary[]>;
}

export interface StackPageIntervals extends PollIntervals {
  alarmsMs: number;
}

export interface StackPageFeed {
  subscribeToStackPage(name: string, listener: (message: LiveMessage) => void): () => void;
  readStack(name: string): Promise<{ stack: StackSummary | null; events: StackEvent[] }>;
  /** The stack's alarms and notes for a page render or a write's check: the live cache when watched, else AWS. */
  readAlarms(name: string): Promise<StackAlarms | null>;
}

export interface StackAlarms {
  alarms: AlarmSummary[];
  notes: AlarmNote[];
}

/** How long the list of the stack's alarm names is trusted while the stack's status stays the same. */
export const ALARM_NAMES_REFRESH_MS = 5 * 60_000;

/**
 * The stack page's live data as one hub topic per stack: the stack poller, and the alarms and executions pollers
 * it starts once the stack exists and stops when it disappears, so a name nobody deployed costs only the stack
 * poller's slow re-checks. `scope` keeps topics of different endpoints or regions apart.
 */
export function createStackPageFeed(
  reads: StackPageReads,
  intervals: () => StackPageIntervals,
  hub: Hub<LiveMessage>,
  scope = () => '',
): StackPageFeed {
  const topic = (name: string) => `${scope()}|stack-page|${name}`;
  const create = (name: string, seed: LiveMessage[]) => createStackPageSource(name, reads, intervals(), seed);

  return {
    subscribeToStackPage: (name, listener) => hub.subscribe(topic(name), (seed) => create(name, seed), listener),

    /**
     * The stack and its recent events for a page render: from the live poller's cache when someone is already
     * watching, otherwise straight from CloudFormation (the page's stream starts the shared poller right after).
     */
    async readStack(name) {
      const cached = hub.peek(topic(name))?.catchUp()[0];
      if (cached?.type === 'snapshot') return { stack: cached.stack, events: cached.events };
      const stack = await reads.describeStack(name);
      const events = stack ? await reads.listStackEventsSince(name, undefined, 200) : [];
      return { stack, events };
    },

    async readAlarms(name) {
      const cached = hub.peek(topic(name))?.catchUp();
      const alarms = cached?.find((m) => m.type === 'alarms');
      // The alarms' state from the shared poll; on-call's notes are tapdeck's own rows, read fresh, so a page or API
      // read right after an acknowledgement or a mute shows it (the cache is as old as the last alarms poll).
      if (alarms?.type === 'alarms') return { alarms: alarms.alarms, notes: await reads.listAlarmNotes(name) };
      const snapshot = cached?.[0];
      const stack = snapshot?.type === 'snapshot' ? snapshot.stack : await reads.describeStack(name);
      if (!stack) return null;
      return createAlarmsReader(name, reads, () => stack).read();
    },
  };
}

/**
 * The stack poller, with its alarms and executions pollers running only while the stack exists. `seed` is what
 * subscribers already have (catch-up messages relayed from another instance): the stack poller resumes from its
 * snapshot, and the alarms and executions pollers start at once if the stack exists.
 */
export function createStackPageSource(
  name: string,
  reads: StackPageReads,
  intervals: StackPageIntervals,
  seed: LiveMessage[] = [],
): LiveSource<LiveMessage> {
  const resumeFrom = seed.find((message) => message.type === 'snapshot');
  const stackPoller = createStackPoller(name, reads, intervals, resumeFrom);
  const currentStack = (): StackSummary | null => {
    const snapshot = stackPoller.catchUp()[0];
    return snapshot?.type === 'snapshot' ? snapshot.stack : null;
  };
  let followers: Array<LiveSource<LiveMessage>> | null = null;
  /** The StateMachineArn output the executions poller started with. */
  let followedArn: string | undefined;

  function stopFollowers() {
    for (const follower of followers ?? []) follower.stop();
    followers = null;
  }

  function follow(stack: StackSummary | null, publish: (message: LiveMessage) => void) {
    const arn = stack?.outputs.StateMachineArn;
    if (stack && !followers) {
      // Fresh pollers each time the stack appears: a re-created stack has new alarms and a new workflow.
      followedArn = arn;
      followers = [alarmsPoller(name, reads, intervals, currentStack), executionsPoller(name, reads, intervals, currentStack)];
      for (const follower of followers) follower.start(publish);
    } else if (!stack && followers) {
      stopFollowers();
    } else if (followers && arn !== followedArn) {
      // The output appeared (the stack finished creating) or changed: read the executions now, not one
      // alarms interval later, so the page does not keep saying there is no workflow.
      followedArn = arn;
      followers[1]?.stop();
      followers[1] = executionsPoller(name, reads, intervals, currentStack);
      followers[1].start(publish);
    }
  }

  return {
    start(publish) {
      stackPoller.start((message) => {
        publish(message);
        if (message.type === 'snapshot' || message.type === 'delta') follow(message.stack, publish);
      });
      if (resumeFrom?.stack) follow(resumeFrom.stack, publish);
    },
    stop() {
      stackPoller.stop();
      stopFollowers();
    },
    catchUp: () => [...stackPoller.catchUp(), ...(followers ?? []).flatMap((follower) => follower.catchUp())],
  };
}

/**
 * Reads the stack's alarms: the names come from its resources and its state machine's alarms (lib/alarms/match.ts),
 * read again only when the stack's status or update time changes, or every ALARM_NAMES_REFRESH_MS; each read is
 * then one DescribeAlarms by name, and the notes from the store. A poller owns one reader, so the cost per
 * interval is the same however many tabs watch.
 */
export function createAlarmsReader(name: string, reads: StackPageReads, currentStack: () => StackSummary | null) {
  let names: string[] | null = null;
  let namesFor = '';
  let namesAt = 0;
  return {
    async read(): Promise<StackAlarms> {
      const stack = currentStack();
      const stateMachineArn = stack?.outputs.StateMachineArn;
      const fingerprint = `${resourceFingerprint(stack)}|${stateMachineArn ?? ''}`;
      if (names === null || fingerprint !== namesFor || Date.now() - namesAt >= ALARM_NAMES_REFRESH_MS) {
        const [resources, onWorkflow] = await Promise.all([
          reads.listStackResources(name),
          stateMachineArn ? reads.listAlarmsForStateMachine(stateMachineArn) : Promise.resolve([]),
        ]);
        names = stackAlarmNames(
          resources,
          onWorkflow.filter((alarm) => watchesStateMachine(alarm, stateMachineArn ?? '')),
        );
        namesFor = fingerprint;
        namesAt = Date.now();
      }
      const [alarms, notes] = await Promise.all([
        names.length > 0 ? reads.describeAlarmsByName(names) : Promise.resolve([]),
        reads.listAlarmNotes(name),
      ]);
      return { alarms, notes };
    },
  };
}

function alarmsPoller(
  name: string,
  reads: StackPageReads,
  intervals: StackPageIntervals,
  currentStack: () => StackSummary | null,
) {
  const reader = createAlarmsReader(name, reads, currentStack);
  return createSnapshotPoller<StackAlarms, AlarmsMessage>({
    read: reader.read,
    intervalMs: intervals.alarmsMs,
    changed: (value, at) => ({ type: 'alarms', ...value, at }),
    stale: (error) => ({ type: 'alarms-stale', error }),
    label: `alarms of ${name}`,
  });
}

/**
 * Recent executions of the stack's workflow, found through its `StateMachineArn` output. The output comes from
 * the stack poller's cache, so following executions adds no DescribeStacks calls.
 */
function executionsPoller(
  name: string,
  reads: StackPageReads,
  intervals: StackPageIntervals,
  currentStack: () => StackSummary | null,
) {
  let described = new Map<string, ExecutionSummary>();
  return createSnapshotPoller<{ stateMachineArn: string | null; executions: ExecutionSummary[] }, ExecutionsMessage>({
    read: async () => {
      const stateMachineArn = currentStack()?.outputs.StateMachineArn ?? null;
      if (!stateMachineArn) return { stateMachineArn, executions: [] };
      const executions = await reads.listRecentExecutions(stateMachineArn, described);
      // Keep only what is still listed, so a long-watched workflow does not accumulate every execution ever seen.
      described = new Map(executions.map((execution) => [execution.arn, execution]));
      return { stateMachineArn, executions };
    },
    intervalMs: intervals.alarmsMs,
    changed: (value, at) => ({ type: 'executions', ...value, at }),
    stale: (error) => ({ type: 'executions-stale', error }),
    label: `executions of ${name}`,
  });
}
