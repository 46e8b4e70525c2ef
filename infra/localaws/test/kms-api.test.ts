/** KMS through the real SDK client: keys, policies, aliases, tags, rotation, deletion, cryptography. */
import * as K from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let kms: K.KMSClient;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  kms = new K.KMSClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  kms.destroy();
  await server.close();
});

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected an error'),
    (error: Error) => error,
  );
const newKey = async (input: K.CreateKeyRequest = {}) => (await kms.send(new K.CreateKeyCommand(input))).KeyMetadata!;

describe('KMS keys', () => {
  it('creates, describes and lists a key with AWS defaults', async () => {
    const key = await newKey({ Description: 'logs key' });
    expect(key).toMatchObject({
      AWSAccountId: '000000000000',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      Description: 'logs key',
    });
    expect(key.Arn).toBe(`arn:aws:kms:us-east-1:000000000000:key/${key.KeyId}`);
    expect(key.CreationDate).toBeInstanceOf(Date);
    const byArn = await kms.send(new K.DescribeKeyCommand({ KeyId: key.Arn }));
    expect(byArn.KeyMetadata?.KeyId).toBe(key.KeyId);
    const listed = await kms.send(new K.ListKeysCommand({}));
    expect(listed.Keys).toContainEqual({ KeyId: key.KeyId, KeyArn: key.Arn });
  });

  it('pages ListKeys with Limit and Marker', async () => {
    await Promise.all([newKey(), newKey(), newKey()]);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new K.ListKeysCommand({ Limit: 2, Marker: marker }));
      expect(page.Keys!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Keys!.map((k) => k.KeyId!));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('answers NotFoundException with AWS texts for a missing key, alias or bad id', async () => {
    const id = '11111111-2222-3333-4444-555555555555';
    const missing = await fail(kms.send(new K.DescribeKeyCommand({ KeyId: id })));
    expect(missing).toBeInstanceOf(K.NotFoundException);
    expect(missing.message).toBe(`Key 'arn:aws:kms:us-east-1:000000000000:key/${id}' does not exist`);
    expect((await fail(kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/nope' })))).message).toBe(
      'Alias arn:aws:kms:us-east-1:000000000000:alias/nope is not found.',
    );
    expect((await fail(kms.send(new K.DescribeKeyCommand({ KeyId: 'not-a-key' })))).message).toBe("Invalid keyId 'not-a-key'");
  });

  it('refuses a KeySpec/KeyUsage pair KMS does not support', async () => {
    const error = await fail(kms.send(new K.CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'SIGN_VERIFY' })));
    expect(error).toBeInstanceOf(K.KMSServiceException);
    expect(error.name).toBe('ValidationException');
    const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect(rsa).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  });

  it('disables and enables; a disabled key refuses cryptography with DisabledException', async () => {
    const key = await newKey();
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({
      Enabled: false,
      KeyState: 'Disabled',
    });
    const error = await fail(kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })));
    expect(error).toBeInstanceOf(K.DisabledException);
    expect(error.message).toBe(`${key.Arn} is disabled.`);
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Enabled');
  });

  it('schedules and cancels deletion; a pending key refuses use with KMSInvalidStateException', async () => {
    const key = await newKey();
    const before = Date.now();
    const scheduled = await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate!.getTime() - before).toBeGreaterThan(6.9 * 86_400_000);
    const described = (await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(described).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
    expect(described.DeletionDate).toBeInstanceOf(Date);
    for (const command of [
      new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }),
      new K.EnableKeyCommand({ KeyId: key.KeyId }),
      new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }),
    ]) {
      const error = await fail(kms.send(command as K.EncryptCommand));
      expect(error).toBeInstanceOf(K.KMSInvalidStateException);
      expect(error.message).toBe(`${key.Arn} is pending deletion.`);
    }
    const window = await fail(kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 3 })));
    expect(window.message).toContain("Value '3' at 'pendingWindowInDays'");
    expect((await kms.send(new K.CancelKeyDeletionCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn);
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ KeyState: 'Disabled' });
  });

  it('enables, reads and disables rotation', async () => {
    const key = await newKey();
    expect(await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: false });
    await kms.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }));
    const status = await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180, KeyId: key.Arn });
    expect(status.NextRotationDate).toBeInstanceOf(Date);
    await kms.send(new K.DisableKeyRotationCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled).toBe(false);
    const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(await fail(kms.send(new K.EnableKeyRotationCommand({ KeyId: rsa.KeyId })))).toBeInstanceOf(
      K.UnsupportedOperationException,
    );
  });
});

describe('KMS key policies', () => {
  it('gives a key without Policy the default account-root policy', async () => {
    const key = await newKey();
    const { Policy, PolicyName } = await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
    expect(PolicyName).toBe('default');
    expect(JSON.parse(Policy!)).toMatchObject({
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }],
    });
    expect((await kms.send(new K.ListKeyPoliciesCommand({ KeyId: key.KeyId }))).PolicyNames).toEqual(['default']);
  });

  it('puts a policy, refusing one that locks the account out unless the safety check is bypassed', async () => {
    const key = await newKey();
    const logsOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' }, Action: 'kms:Encrypt*', Resource: '*' },
      ],
    });
    const error = await fail(kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: logsOnly })));
    expect(error).toBeInstanceOf(K.MalformedPolicyDocumentException);
    expect(error.message).toBe('The new key policy will not allow you to update the key policy in the future.');
    await kms.send(
      new K.PutKeyPolicyCommand({
        KeyId: key.KeyId,
        PolicyName: 'default',
        Policy: logsOnly,
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    expect(JSON.parse((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy!)).toEqual(JSON.parse(logsOnly));
    expect(await fail(kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: '{not json' })))).toBeInstanceOf(
      K.MalformedPolicyDocumentException,
    );
    expect(await fail(kms.send(new K.CreateKeyCommand({ Policy: logsOnly })))).toBeInstanceOf(K.MalformedPolicyDocumentException);
  });
});

describe('KMS aliases', () => {
  it('creates, resolves, lists, updates and deletes aliases', async () => {
    const [a, b] = [await newKey(), await newKey()];
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/tap-logs', TargetKeyId: a.KeyId }));
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/tap-logs' }))).KeyMetadata?.KeyId).toBe(a.KeyId);
    expect(
      (await kms.send(new K.DescribeKeyCommand({ KeyId: 'arn:aws:kms:us-east-1:000000000000:alias/tap-logs' }))).KeyMetadata
        ?.KeyId,
    ).toBe(a.KeyId);
    const exists = await fail(kms.send(new K.CreateAliasCommand({ AliasName: 'alias/tap-logs', TargetKeyId: b.KeyId })));
    expect(exists).toBeInstanceOf(K.AlreadyExistsException);
    expect(exists.message).toBe('An alias with the name arn:aws:kms:us-east-1:000000000000:alias/tap-logs already exists');
    await kms.send(new K.UpdateAliasCommand({ AliasName: 'alias/tap-logs', TargetKeyId: b.Arn }));
    const listed = await kms.send(new K.ListAliasesCommand({ KeyId: b.KeyId }));
    expect(listed.Aliases).toEqual([
      { AliasName: 'alias/tap-logs', AliasArn: 'arn:aws:kms:us-east-1:000000000000:alias/tap-logs', TargetKeyId: b.KeyId },
    ]);
    await kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/tap-logs' }));
    expect(await fail(kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/tap-logs' })))).toBeInstanceOf(K.NotFoundException);
  });

  it('refuses names without alias/ or under alias/aws/', async () => {
    const key = await newKey();
    const plain = await fail(kms.send(new K.CreateAliasCommand({ AliasName: 'tap-logs', TargetKeyId: key.KeyId })));
    expect(plain).toBeInstanceOf(K.InvalidAliasNameException);
    expect(plain.message).toContain('Alias must start with the prefix "alias/"');
    expect(
      await fail(kms.send(new K.CreateAliasCommand({ AliasName: 'alias/aws/logs', TargetKeyId: key.KeyId }))),
    ).toBeInstanceOf(K.InvalidAliasNameException);
    const target = await fail(
      kms.send(new K.CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: '11111111-2222-3333-4444-555555555555' })),
    );
    expect(target).toBeInstanceOf(K.NotFoundException);
  });
});

describe('KMS tags', () => {
  const tag = (TagKey: string, TagValue: string) => ({ TagKey, TagValue });

  it('tags, retags, lists and untags', async () => {
    const key = await newKey({ Tags: [tag('Name', 'tap logs'), tag('Mode', 'dry-run')] });
    await kms.send(
      new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [tag('Mode', 'apply'), tag('Owner', 'platform@example.com')] }),
    );
    await kms.send(new K.UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['Name'] }));
    const { Tags, Truncated } = await kms.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId }));
    expect(Truncated).toBe(false);
    expect(Tags).toEqual([tag('Mode', 'apply'), tag('Owner', 'platform@example.com')]);
  });

  it("refuses the seed's JSON tag value with TagException (CreateKey and TagResource)", async () => {
    const json = '{"owner":"platform","mode":"dry-run"}';
    const created = await fail(kms.send(new K.CreateKeyCommand({ Tags: [tag('TapConfig', json)] })));
    expect(created).toBeInstanceOf(K.TagException);
    expect(created.message).toBe(`Tag value contains invalid characters: '${json}' for tag key 'TapConfig'`);
    const key = await newKey();
    expect(await fail(kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [tag('TapConfig', json)] })))).toBeInstanceOf(
      K.TagException,
    );
  });

  it('answers an over-long value with ValidationException naming the member', async () => {
    const value = 'v'.repeat(257);
    const error = await fail(kms.send(new K.CreateKeyCommand({ Tags: [tag('Name', value)] })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      `1 validation error detected: Value '${value}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    expect((await fail(kms.send(new K.CreateKeyCommand({ Tags: [tag('k'.repeat(129), 'x')] })))).message).toContain(
      "at 'tags.1.member.tagKey'",
    );
  });

  it('refuses duplicate keys, aws: keys and more than 50 tags with TagException', async () => {
    for (const Tags of [
      [tag('a', '1'), tag('a', '2')],
      [tag('aws:cloudformation', 'x')],
      Array.from({ length: 51 }, (_, i) => tag(`k${i}`, 'v')),
    ]) {
      expect(await fail(kms.send(new K.CreateKeyCommand({ Tags })))).toBeInstanceOf(K.TagException);
    }
    const key = await newKey({ Tags: Array.from({ length: 50 }, (_, i) => tag(`k${i}`, 'v')) });
    expect(await fail(kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [tag('one-more', 'v')] })))).toBeInstanceOf(
      K.TagException,
    );
  });
});

describe('KMS cryptography', () => {
  it('round-trips Encrypt/Decrypt with an encryption context, by alias too', async () => {
    const key = await newKey();
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/crypto', TargetKeyId: key.KeyId }));
    const context = { 'aws:logs:arn': 'arn:aws:logs:us-east-1:000000000000:log-group:g' };
    const sealed = await kms.send(
      new K.EncryptCommand({ KeyId: 'alias/crypto', Plaintext: Buffer.from('secret'), EncryptionContext: context }),
    );
    expect(sealed).toMatchObject({ KeyId: key.Arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(Buffer.from(sealed.CiphertextBlob!).toString()).not.toContain('secret');
    const opened = await kms.send(new K.DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(opened.Plaintext!).toString()).toBe('secret');
    expect(opened.KeyId).toBe(key.Arn);
    expect(await fail(kms.send(new K.DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).toBeInstanceOf(
      K.InvalidCiphertextException,
    );
    const other = await newKey();
    expect(
      await fail(
        kms.send(new K.DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: context, KeyId: other.KeyId })),
      ),
    ).toBeInstanceOf(K.IncorrectKeyException);
    expect(await fail(kms.send(new K.DecryptCommand({ CiphertextBlob: Buffer.from('garbage') })))).toBeInstanceOf(
      K.InvalidCiphertextException,
    );
  });

  it('generates data keys whose ciphertext decrypts to the plaintext', async () => {
    const key = await newKey();
    const dataKey = await kms.send(new K.GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
    expect(dataKey.Plaintext).toHaveLength(32);
    const opened = await kms.send(new K.DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(Buffer.from(opened.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
    expect((await kms.send(new K.GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 16 }))).Plaintext).toHaveLength(16);
    expect((await fail(kms.send(new K.GenerateDataKeyCommand({ KeyId: key.KeyId })))).name).toBe('ValidationException');
  });

  it('refuses cryptography with an asymmetric signing key', async () => {
    const key = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(await fail(kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })))).toBeInstanceOf(
      K.InvalidKeyUsageException,
    );
  });
});
