import { GetExecutionHistoryCommand, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { AlignmentEvidence } from '@/lib/promotion/types';
import { AwsCallError } from './client-config';
import { sfn } from './sfn';

/** Step Functions calls of the promotion gate: start a dry run, and read what an execution's alignment step saw. */
export async function startExecution(
  stateMachineArn: string,
  name: string,
  input: string,
): Promise<{ executionArn: string; startedAt: string }> {
  try {
    const out = await sfn().send(new StartExecutionCommand({ stateMachineArn, name, input }));
    return { executionArn: out.executionArn ?? '', startedAt: (out.startDate ?? new Date()).toISOString() };
  } catch (error) {
    throw AwsCallError.from('StartExecution', error);
  }
}

/** The workflow's alignment step (see infra/lib/tap-workflow-definition.ts). */
const STEP = 'VerifyAlignment';
const CALLER_IDENTITY = 'getCallerIdentity';

const parse = (text: string | undefined): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Who the execution's VerifyAlignment step ran as, from its history: GetCallerIdentity's own answer (Arn,
 * Account), else the step's output (`$.caller`), with the role the task was scheduled to assume. Pages through
 * the history only until the step is over, which is a dozen events in.
 */
export async function readAlignmentEvidence(executionArn: string): Promise<AlignmentEvidence> {
  const evidence: AlignmentEvidence = { executionArn };
  let nextToken: string | undefined;
  try {
    do {
      const page = await sfn().send(new GetExecutionHistoryCommand({ executionArn, maxResults: 100, nextToken }));
      for (const event of page.events ?? []) {
        if (noteEvent(evidence, event)) return finish(evidence);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    throw AwsCallError.from('GetExecutionHistory', error);
  }
  return finish(evidence);
}

function finish(evidence: AlignmentEvidence): AlignmentEvidence {
  if (!evidence.callerArn && !evidence.failure) {
    evidence.failure = `${STEP} did not run (the execution ended before it, or is still running)`;
  }
  return evidence;
}

/** Folds one history event into the evidence; true once the step is over. */
function noteEvent(evidence: AlignmentEvidence, event: HistoryEvent): boolean {
  const scheduled = event.taskScheduledEventDetails;
  if (scheduled?.resource === CALLER_IDENTITY) {
    evidence.taskRoleArn = scheduled.taskCredentials?.roleArn;
    return false;
  }
  const succeeded = event.taskSucceededEventDetails;
  if (succeeded?.resource === CALLER_IDENTITY) {
    const out = parse(succeeded.output);
    evidence.callerArn = str(out.Arn);
    evidence.callerAccount = str(out.Account);
    delete evidence.failure;
    return false;
  }
  const failed = event.taskFailedEventDetails;
  if (failed?.resource === CALLER_IDENTITY) {
    // Throttling is retried: keep the last failure, replaced by a later success.
    evidence.failure = `${failed.error ?? 'error'}: ${failed.cause ?? ''}`.trim();
    return false;
  }
  const exited = event.stateExitedEventDetails;
  if (exited?.name === STEP) {
    const caller = parse(exited.output).caller as Record<string, unknown> | undefined;
    evidence.callerArn ??= str(caller?.arn);
    evidence.callerAccount ??= str(caller?.account);
    return true;
  }
  // The execution ended without the step exiting (it failed in or before it).
  return event.type === 'ExecutionFailed' || event.type === 'ExecutionAborted' || event.type === 'ExecutionTimedOut';
}
