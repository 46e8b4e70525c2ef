import { currentOperationEvents } from './progress';
import type { StackEvent } from './types';

/** Reasons CloudFormation gives to resources that failed only because something else did. */
export const KNOCK_ON = [
  /^Resource creation cancelled$/,
  /^Resource update cancelled$/,
  /^Resource handler returned message: "?Operation cancelled/,
];

export interface RootCause {
  event: StackEvent;
  /** The service's own message, unwrapped from CloudFormation's "Resource handler returned message" envelope. */
  message: string;
  /** e.g. InvalidRequest, AccessDenied, GeneralServiceException */
  handlerErrorCode?: string;
}

/**
 * The failure that started the current operation's trouble: the oldest resource *_FAILED event that is not a
 * knock-on cancellation. On-call reads this first; the rest of the failures are usually its echo.
 */
export function findRootCause(events: StackEvent[]): RootCause | undefined {
  const operation = currentOperationEvents(events);
  for (let i = operation.length - 1; i >= 0; i -= 1) {
    const event = operation[i]!;
    if (event.resourceType === 'AWS::CloudFormation::Stack' || !event.status.endsWith('_FAILED')) continue;
    const reason = event.reason ?? '';
    if (KNOCK_ON.some((pattern) => pattern.test(reason))) continue;
    return { event, ...unwrapReason(reason) };
  }
  return undefined;
}

/** `Resource handler returned message: "MSG (Service: …)" (RequestToken: …, HandlerErrorCode: CODE)` → MSG, CODE. */
export function unwrapReason(reason: string): { message: string; handlerErrorCode?: string } {
  const code = /HandlerErrorCode: ([A-Za-z]+)\)?\s*$/.exec(reason)?.[1];
  const wrapped = /^Resource handler returned message: "([\s\S]*)"\s*\((?:RequestToken|HandlerErrorCode):/.exec(reason)?.[1];
  if (!wrapped) return { message: reason, handlerErrorCode: code };
  const message = wrapped.replace(/\s*\(Service: [^)]*\)\s*$/, '');
  return { message, handlerErrorCode: code };
}
