/** SNS: no API yet; CloudFormation provisions topics (alarm actions publish to them through the model). */
import type { LocalService, ServiceContext } from '../service';
import { createSnsTopicProvisioner } from './cfn-topic';

export function createSnsService({ models }: ServiceContext): LocalService {
  return { resourceTypes: [createSnsTopicProvisioner(models.sns)] };
}
