import { DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { AwsCallError } from './client-config';
import { cloudformation } from './cloudformation';

/** One resource of a stack as tapdeck shows it (Resources section, alarm matching, the CMK chain). */
export interface StackResourceSummary {
  logicalId: string;
  /** The resource's name or ARN in its service; absent until CloudFormation has created it. */
  physicalId?: string;
  type: string;
  status: string;
  statusReason?: string;
  updatedAt: string;
}

/**
 * The stack's resources. DescribeStackResources returns them all in one call for stacks of up to 100 resources
 * (the TapStack has about 30), and unlike ListStackResources it is also served by LocalStack's older versions.
 */
export async function listStackResources(stackName: string): Promise<StackResourceSummary[]> {
  try {
    const out = await cloudformation().send(new DescribeStackResourcesCommand({ StackName: stackName }));
    return (out.StackResources ?? []).map((r) => ({
      logicalId: r.LogicalResourceId ?? '',
      physicalId: r.PhysicalResourceId || undefined,
      type: r.ResourceType ?? '',
      status: r.ResourceStatus ?? '',
      statusReason: r.ResourceStatusReason || undefined,
      updatedAt: (r.Timestamp ?? new Date(0)).toISOString(),
    }));
  } catch (error) {
    throw AwsCallError.from('DescribeStackResources', error);
  }
}
