/** ARNs, names and page tokens as Step Functions validates them. */
import { InvalidArn, InvalidName, InvalidToken } from './errors';

export const stateMachineArn = (region: string, account: string, name: string) =>
  `arn:aws:states:${region}:${account}:stateMachine:${name}`;
export const executionArn = (machineArn: string, name: string) =>
  `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** 1–80 characters without whitespace, brackets, wildcards, the listed punctuation or control characters. */
export function checkName(name: string): void {
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw new InvalidName(`Invalid Name: '${name}'`);
  }
}

/** Checks `arn:aws:states:REGION:ACCOUNT:TYPE:…` has the resource type this operation takes. */
export function checkArn(arn: string, types: string[]): void {
  if (!arn.startsWith('arn:')) throw new InvalidArn(`Invalid Arn: 'Invalid ARN prefix: ${arn}'`);
  const parts = arn.split(':');
  if (parts.length < 7 || parts[2] !== 'states')
    throw new InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${parts[2] ?? ''}'`);
  if (!types.includes(parts[5] ?? ''))
    throw new InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${parts[5] ?? ''}'`);
}

/** Opaque page tokens: the offset into the (stable) listing. */
export function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  limit = 1000,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken) {
    const match = /^localaws:(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    const decoded = Number(match?.[1]);
    if (!match || !Number.isInteger(decoded)) throw new InvalidToken(`Invalid Token: '${nextToken}'`);
    start = decoded;
  }
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, limit) : 100;
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(`localaws:${start + size}`).toString('base64url') : undefined;
  return { page, nextToken: next };
}
