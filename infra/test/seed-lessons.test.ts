import { describe, expect, it } from 'vitest';
import type { BrokenVariant } from '../lib/broken-variants';
import { checkLogDeliveryPermissions, checkLogsKeyPolicy, checkNoConditionalDependsOn, checkSafeTags } from './lesson-checks';
import { sharedTemplate, type CfnTemplate } from './synth';

const good = sharedTemplate();
const broken = (variant: BrokenVariant): CfnTemplate => sharedTemplate({ variant });

// One test per lesson of seed-failure-report.md. Each runs its check on the good stack and on the broken
// variant(s) that undo the remediation: if the remediation (or the check) is removed, the test fails.
describe('seed lessons', () => {
  it('Lesson 1: treat KMS and CloudWatch alarm tag restrictions as design constraints (safe keys, plain values)', () => {
    expect(() => checkSafeTags(good)).not.toThrow();
    expect(() => checkSafeTags(broken('kms-tag-json'))).toThrow(/KMS|Lesson 1.*TapConfig/);
    expect(() => checkSafeTags(broken('alarm-tag-json'))).toThrow(/Lesson 1.*Alarm.*TapConfig/);
  });

  it('Lesson 2: prefer permissive-but-scoped KMS policies for Logs (grants, ViaService, encryption-context pattern)', () => {
    expect(() => checkLogsKeyPolicy(good)).not.toThrow();
    expect(() => checkLogsKeyPolicy(broken('logs-key-policy'))).toThrow(/Lesson 2/);
  });

  it('Lesson 3: avoid DependsOn pointing to conditional resources when Fn::If already guards the property', () => {
    expect(() => checkNoConditionalDependsOn(good)).not.toThrow();
    expect(() => checkNoConditionalDependsOn(broken('conditional-depends-on'))).toThrow(/Lesson 3.*UseCmk/);
  });

  it('Lesson 4: always include CloudWatch Logs delivery APIs in Step Functions execution roles', () => {
    expect(() => checkLogDeliveryPermissions(good)).not.toThrow();
    expect(() => checkLogDeliveryPermissions(broken('sfn-log-delivery'))).toThrow(/Lesson 4.*CreateLogDelivery/);
  });

  it('each broken variant breaks exactly its own lesson', () => {
    const checks = [checkSafeTags, checkLogsKeyPolicy, checkNoConditionalDependsOn, checkLogDeliveryPermissions];
    const failing = (t: CfnTemplate) =>
      checks
        .map((check, i) => {
          try {
            check(t);
            return null;
          } catch {
            return i + 1;
          }
        })
        .filter((n) => n !== null);
    expect(failing(broken('kms-tag-json'))).toEqual([1]);
    expect(failing(broken('alarm-tag-json'))).toEqual([1]);
    expect(failing(broken('logs-key-policy'))).toEqual([2]);
    expect(failing(broken('conditional-depends-on'))).toEqual([3]);
    expect(failing(broken('sfn-log-delivery'))).toEqual([4]);
  });
});
