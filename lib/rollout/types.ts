/** tapdeck's view of a CloudFormation stack: only what the dashboard shows, in plain types. */
export interface StackSummary {
  stackId: string;
  name: string;
  status: string;
  statusReason?: string;
  description?: string;
  createdAt: string;
  updatedAt?: string;
  /** Output values by key (empty in list views, where CloudFormation does not return them). */
  outputs: Record<string, string>;
  /** Parameter values by key (empty in list views). */
  parameters: Record<string, string>;
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
