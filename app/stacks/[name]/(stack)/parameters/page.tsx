import type { Metadata } from 'next';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { KeyValueList } from '@/components/stack-sections/key-value-list';
import { StackMissing } from '@/components/stack-sections/section-states';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readStackSummary } from '@/lib/reads/stack';
import { openStackSection, stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Parameters · ${(await stackNameFrom(params)) ?? 'Not found'}` };
}

export default async function StackParametersPage({ params }: Props) {
  const { name } = await openStackSection(params, 'parameters');
  const read = await readOrExplain(() => readStackSummary(name));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  const stack = read.value;
  if (!stack) return <StackMissing name={name} section="Parameters" />;
  return (
    <div className="space-y-6">
      <Card title="Parameters">
        <KeyValueList entries={stack.parameters} testId="stack-parameter" empty="The stack's template takes no parameters." />
      </Card>
      <Card title="Outputs">
        <KeyValueList
          entries={stack.outputs}
          testId="stack-output"
          empty="The stack has no outputs yet: CloudFormation sets them when an operation completes."
        />
      </Card>
    </div>
  );
}
