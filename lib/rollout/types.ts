/** tapdeck's view of a CloudFormation stack: only what the dashboard shows, in plain types. */
export interface StackSummary {
  stackId: string;
  name: string;
  status: string;
  statusReason?: string;
  description?: string;
  createdAt: string;
  updatedAt?: string;
}

export interface StackEvent {
  eventId: string;
  stackName: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: string;
  reason?: string;
  timestamp: string;
  clientRequestToken?: string;
}
