import { describe, expect, it } from 'vitest';
import { stackNameFrom, stackPath } from './stack-section';

describe('stackNameFrom', () => {
  const from = (name: string) => stackNameFrom(Promise.resolve({ name }));

  it('accepts CloudFormation stack names, escaped or not', async () => {
    expect(await from('TapStack-dev')).toBe('TapStack-dev');
    expect(await from('TapStack%2Ddev')).toBe('TapStack-dev');
  });

  it('refuses what could never be a stack name, bad escapes included', async () => {
    expect(await from('1stack')).toBeNull();
    expect(await from('a/b')).toBeNull();
    expect(await from('%E0%A4%A')).toBeNull();
    expect(await from('x'.repeat(129))).toBeNull();
  });
});

describe('stackPath', () => {
  it('builds section URLs', () => {
    expect(stackPath('TapStack-dev')).toBe('/stacks/TapStack-dev');
    expect(stackPath('TapStack-dev', 'change-sets')).toBe('/stacks/TapStack-dev/change-sets');
  });
});
