import { describe, expect, it } from 'vitest';
import { findRootCause, unwrapReason } from './root-cause';
import type { StackEvent } from './types';

let n = 0;
function ev(logicalId: string, status: string, reason?: string, resourceType = 'AWS::KMS::Key'): StackEvent {
  n += 1;
  return { eventId: `e${n}`, stackName: 'S', logicalId, resourceType, status, reason, timestamp: 't', clientRequestToken: 'tok' };
}

const kmsReason =
  'Resource handler returned message: "Invalid tag (Service: Kms, Status Code: 400, Request ID: 1b2c)" (RequestToken: 9f8e, HandlerErrorCode: InvalidRequest)';

describe('findRootCause', () => {
  it('picks the oldest real failure, not the cancellations it caused', () => {
    const events = [
      ev('S', 'ROLLBACK_COMPLETE', undefined, 'AWS::CloudFormation::Stack'),
      ev('Role', 'CREATE_FAILED', 'Resource creation cancelled', 'AWS::IAM::Role'),
      ev('Key', 'CREATE_FAILED', kmsReason),
      ev('Key', 'CREATE_IN_PROGRESS'),
      ev('S', 'CREATE_IN_PROGRESS', 'User Initiated', 'AWS::CloudFormation::Stack'),
    ];
    expect(findRootCause(events)).toMatchObject({
      event: { logicalId: 'Key' },
      message: 'Invalid tag',
      handlerErrorCode: 'InvalidRequest',
    });
  });

  it('finds nothing in a healthy operation', () => {
    expect(
      findRootCause([
        ev('Key', 'CREATE_COMPLETE'),
        ev('S', 'CREATE_IN_PROGRESS', 'User Initiated', 'AWS::CloudFormation::Stack'),
      ]),
    ).toBeUndefined();
  });
});

describe('unwrapReason', () => {
  it('unwraps an envelope without a request token', () => {
    expect(unwrapReason('Resource handler returned message: "nope" (HandlerErrorCode: InvalidRequest)')).toEqual({
      message: 'nope',
      handlerErrorCode: 'InvalidRequest',
    });
  });

  it('keeps a reason without the handler envelope as it is', () => {
    expect(unwrapReason('Template format error')).toEqual({ message: 'Template format error', handlerErrorCode: undefined });
  });

  it('keeps messages that contain quotes and parentheses', () => {
    const reason =
      'Resource handler returned message: "The specified KMS key does not exist or is not allowed to be used with Arn \'arn:aws:logs:us-east-1:000000000000:log-group:/aws/x\' (Service: CloudWatchLogs, Status Code: 400, Request ID: a)" (RequestToken: b, HandlerErrorCode: GeneralServiceException)';
    expect(unwrapReason(reason)).toEqual({
      message:
        "The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/x'",
      handlerErrorCode: 'GeneralServiceException',
    });
  });
});
