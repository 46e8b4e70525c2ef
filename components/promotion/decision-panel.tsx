import { can, type User } from '@/lib/auth/roles';
import type { Promotion } from '@/lib/promotion/types';
import { apiPaths } from './api-client';
import { DecisionForm } from './decision-form';
import { PostButton } from './post-button';

/**
 * What this user can do with this request now. The server refuses anything else (403, SelfApproval), so this
 * only decides which controls to show: an approver never sees Approve on their own request.
 */
export function DecisionPanel({ promotion, user }: { promotion: Promotion; user: User }) {
  const isRequester = user.id === promotion.requestedBy;
  const mayDecide = can(user.role, 'approve') && !isRequester;
  // The server lets the requester or an admin withdraw a request until it executes.
  const mayCancel = (isRequester && can(user.role, 'request-promotion')) || user.role === 'admin';

  if (promotion.status === 'awaiting-approval') {
    return (
      <Section>
        {mayDecide ? (
          <DecisionForm promotionId={promotion.id} stackName={promotion.stackName} />
        ) : (
          <p className="text-sm text-slate-700" data-testid="waiting-note">
            {isRequester
              ? 'Waiting for an approver (you cannot approve your own request).'
              : 'Waiting for an approver: only someone with the approver role, other than the requester, can approve it.'}
          </p>
        )}
        {mayCancel && <CancelButton id={promotion.id} />}
      </Section>
    );
  }

  if (promotion.status === 'approved' && promotion.lastError) {
    return (
      <Section>
        {mayDecide ? (
          <PostButton
            path={apiPaths.decide(promotion.id, 'execute')}
            label="Retry execution"
            variant="primary"
            help="Executes the same approved change set again."
          />
        ) : (
          <p className="text-sm text-slate-700">An approver other than the requester can retry the execution.</p>
        )}
        {mayCancel && <CancelButton id={promotion.id} />}
      </Section>
    );
  }

  return null;
}

function Section({ children }: { children: React.ReactNode }) {
  return (
    <div data-testid="decision" className="space-y-4 border-t border-slate-200 bg-slate-50/60 p-4">
      {children}
    </div>
  );
}

function CancelButton({ id }: { id: string }) {
  return (
    <PostButton
      path={apiPaths.decide(id, 'cancel')}
      label="Cancel request"
      help="Withdraws the request; the stack stays in dry-run."
    />
  );
}
