/** SSM parameters per account and region, with their version history's latest entry. */
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';

export interface Parameter {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  version: number;
  lastModified: Date;
  description?: string;
  keyId?: string;
  dataType: string;
  tier: string;
}

export class SsmModel {
  private readonly parameters = new RegionalStore(() => new Map<string, Parameter>());
  /** What persistence saves, as `ssm.<name>`. */
  readonly stores = { parameters: this.parameters } satisfies StoreDeclaration;

  parametersOf(account: string, region: string): Map<string, Parameter> {
    return this.parameters.get(account, region);
  }

  /** For in-process callers (e.g. a seeded `/cdk-bootstrap/hnb659fds/version`). */
  getParameter(account: string, region: string, name: string): Parameter | undefined {
    return this.parametersOf(account, region).get(name);
  }
}
