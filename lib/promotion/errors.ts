import type { Preflight, Promotion } from './types';

/** Why the promotion gate refused a request: an HTTP status, a code the UI can branch on, a sentence. */
export type PromotionErrorCode =
  | 'StackNotFound'
  | 'PromotionNotFound'
  | 'PreflightFailed'
  | 'PromotionOpen'
  | 'SelfApproval'
  | 'NotRequester'
  | 'NotAwaitingApproval'
  | 'NotApproved'
  | 'Expired'
  | 'Void'
  | 'ChangeSetFailed'
  | 'StackBusy'
  | 'AlreadyDryRun'
  | 'NoWorkflow';

const STATUS: Record<PromotionErrorCode, number> = {
  StackNotFound: 404,
  PromotionNotFound: 404,
  SelfApproval: 403,
  NotRequester: 403,
  PreflightFailed: 409,
  PromotionOpen: 409,
  NotAwaitingApproval: 409,
  NotApproved: 409,
  Expired: 409,
  Void: 409,
  ChangeSetFailed: 409,
  StackBusy: 409,
  AlreadyDryRun: 409,
  NoWorkflow: 409,
};

/** Extra fields the answer carries: the failing preflight, the open request's id, the request as it now is. */
export interface PromotionErrorDetails {
  preflight?: Preflight;
  promotionId?: string;
  promotion?: Promotion;
}

const PROMOTION_ERROR = Symbol.for('tapdeck.PromotionError');

export class PromotionError extends Error {
  override name = 'PromotionError';
  readonly [PROMOTION_ERROR] = true;
  readonly status: number;

  /** Recognised across Next's bundles (see AwsCallError): the runtime may be created by a page or a handler. */
  static [Symbol.hasInstance](value: unknown): value is PromotionError {
    return typeof value === 'object' && value !== null && (value as { [PROMOTION_ERROR]?: unknown })[PROMOTION_ERROR] === true;
  }

  constructor(
    readonly code: PromotionErrorCode,
    message: string,
    readonly details: PromotionErrorDetails = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
