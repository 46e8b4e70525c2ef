/**
 * Execution names and ARNs. An execution's page is addressed by its name; its ARN follows from the stack's
 * state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME → …:execution:NAME:EXECUTION).
 */

/**
 * Names the dashboard can address: what Step Functions allows minus whitespace, brackets, wildcards, control and
 * special characters (which it refuses too), limited to the ASCII it never needs escaping for. 1–80 characters.
 */
const EXECUTION_NAME = /^[A-Za-z0-9_.-]{1,80}$/;

export function isValidExecutionName(name: string): boolean {
  return EXECUTION_NAME.test(name);
}

/** The ARN of execution `name` of the state machine, or null when either is not one. */
export function executionArnFor(stateMachineArn: string, name: string): string | null {
  if (!isValidExecutionName(name)) return null;
  const match = /^(arn:aws[\w-]*:states:[^:]*:[^:]*:)stateMachine:([^:]+)$/.exec(stateMachineArn);
  return match ? `${match[1]}execution:${match[2]}:${name}` : null;
}

/** The execution page's path. */
export function executionPath(stackName: string, executionName: string): string {
  return `/stacks/${encodeURIComponent(stackName)}/executions/${encodeURIComponent(executionName)}`;
}

/** "850 ms", "12.4 s", "3 min" */
export function formatDuration(from: string, to: string): string {
  const ms = Math.max(0, Date.parse(to) - Date.parse(from));
  return ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}
