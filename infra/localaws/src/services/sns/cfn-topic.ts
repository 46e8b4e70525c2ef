/** AWS::SNS::Topic — Ref is the topic ARN; GetAtt TopicArn, TopicName. */
import { generateName, stringProp, type Provisioner } from '../cloudformation/provisioner';
import type { SnsModel } from './model';

export function createSnsTopicProvisioner(sns: SnsModel): Provisioner {
  return {
    type: 'AWS::SNS::Topic',
    createMs: 2_000,
    create(props, ctx) {
      const name = stringProp(props, 'TopicName') ?? generateName(ctx, 256);
      const arn = `arn:aws:sns:${ctx.region}:${ctx.account}:${name}`;
      sns.topics.get(ctx.account, ctx.region).set(arn, { name, arn, attributes: props });
      return { physicalId: arn, attributes: { TopicArn: arn, TopicName: name } };
    },
    update(arn, props, _previous, ctx) {
      const topic = sns.topics.get(ctx.account, ctx.region).get(arn);
      if (topic) topic.attributes = props;
      return { physicalId: arn, attributes: { TopicArn: arn, TopicName: topic?.name ?? '' } };
    },
    delete(arn, ctx) {
      sns.topics.get(ctx.account, ctx.region).delete(arn);
    },
  };
}
