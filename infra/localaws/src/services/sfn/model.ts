/** Step Functions state machines provisioned so far. */
import { RegionalStore } from '../../state/regional-store';

export interface StateMachine {
  name: string;
  arn: string;
  roleArn: string;
  definition: string;
  type: string;
  loggingConfiguration?: unknown;
  creationDate: Date;
}

export class SfnModel {
  readonly stateMachines = new RegionalStore(() => new Map<string, StateMachine>());
}
