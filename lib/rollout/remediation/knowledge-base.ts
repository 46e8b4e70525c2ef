import type { RemediationEntry } from './types';

const SEED = 'seed-failure-report.md';

/**
 * The remediation knowledge base: each mistake the TapStack is known to make (the seed's four failures, the
 * conditional DependsOn, and the key states that break a bound log group), how AWS words it, and the change that
 * fixes it. Order matters only for ties: the matcher ranks more specific entries first.
 */
export const REMEDIATIONS: readonly RemediationEntry[] = [
  {
    id: 'kms-tag-json',
    title: 'A JSON string as a tag value on the KMS key',
    match: {
      resourceTypes: ['AWS::KMS::Key'],
      handlerErrorCodes: ['InvalidRequest'],
      message: /Tag value contains invalid characters|\(TagException\)/,
    },
    cause: 'KMS accepts only letters, digits, spaces and _ . : / = + - @ in tag values; quotes, braces and commas are refused.',
    fix: 'Drop the JSON-like tag from the key. Tag KMS keys with plain values only (Name, EnvironmentSuffix, Mode) and keep structured configuration in parameters.',
    change: {
      label: 'infra/lib: tags on the key (TapParameters.safeTags)',
      language: 'typescript',
      snippet: `// before: Tags.of(cmk).add('TapConfig', '{"owner":"platform","mode":"dry-run"}');
new LogCmk(this, 'LogCmk', {
  // ...
  tags: params.safeTags(\`\${namePrefix}-cmk\`), // Name, EnvironmentSuffix, Mode: plain values only
});`,
    },
    source: SEED,
  },
  {
    id: 'alarm-tag-json',
    title: 'A JSON string as a tag value on the CloudWatch alarms',
    match: {
      resourceTypes: ['AWS::CloudWatch::Alarm'],
      handlerErrorCodes: ['InvalidRequest'],
      message: /at 'tags\.\d+\.member\.value' failed to satisfy constraint|Tag value contains invalid characters/,
    },
    cause:
      'CloudWatch checks tag values against [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*: quotes, braces and commas fail the whole PutMetricAlarm.',
    fix: 'Remove the JSON-like tag from the alarms (or from the scope it is applied to). Alarms get the safe tags only.',
    change: {
      label: 'infra/lib: tags on the alarms (TapAlarms props)',
      language: 'typescript',
      snippet: `// before: Tags.of(alarms).add('TapConfig', JSON.stringify(config));
new TapAlarms(this, 'Alarms', {
  // ...
  tags: (name) => params.safeTags(name), // plain values only; no JSON in tag values
});`,
    },
    source: SEED,
  },
  {
    id: 'logs-key-policy-use',
    title: 'The key policy does not let CloudWatch Logs use the key for this log group',
    match: {
      resourceTypes: ['AWS::Logs::LogGroup'],
      handlerErrorCodes: ['GeneralServiceException', 'AccessDenied', 'InvalidRequest'],
      message: /KMS key does not exist or is not allowed to be used with (Arn|LogGroup)/,
    },
    cause:
      'CreateLogGroup with a kmsKeyId asks KMS, as logs.<region>.amazonaws.com, to use the key with the encryption context aws:logs:arn = the group ARN. A policy that does not allow that principal, those actions and that context is refused before the group exists.',
    fix: 'Allow the regional Logs service principal to encrypt, decrypt, re-encrypt, generate data keys and describe the key, scoped with an ArnLike pattern on kms:EncryptionContext:aws:logs:arn that covers the real group name (/aws/vendedlogs/states/TapStack-…), and let account principals use the key only via Logs (kms:ViaService).',
    change: {
      label: 'Key policy statements (infra/lib/log-cmk.ts)',
      language: 'json',
      snippet: `{
  "Sid": "LogsUsesKeyForTapStackLogGroups",
  "Effect": "Allow",
  "Principal": { "Service": "logs.<region>.amazonaws.com" },
  "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
  "Resource": "*",
  "Condition": {
    "ArnLike": {
      "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:<region>:<account>:log-group:/aws/vendedlogs/states/TapStack-*"
    }
  }
},
{
  "Sid": "AccountUsesKeyOnlyThroughLogs",
  "Effect": "Allow",
  "Principal": { "AWS": "arn:aws:iam::<account>:root" },
  "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*", "kms:CreateGrant"],
  "Resource": "*",
  "Condition": { "StringEquals": { "kms:ViaService": "logs.<region>.amazonaws.com" } }
}`,
    },
    policyChecks: ['logs-principal', 'logs-actions', 'encryption-context', 'via-service'],
    source: SEED,
  },
  {
    id: 'logs-key-policy-grant',
    title: 'The key policy does not let CloudWatch Logs create grants for AWS resources',
    match: {
      resourceTypes: ['AWS::Logs::LogGroup'],
      handlerErrorCodes: ['GeneralServiceException', 'AccessDenied', 'InvalidRequest'],
      message: /KMS key does not exist or is not allowed to be used with (Arn|LogGroup)/,
    },
    cause:
      'CloudWatch Logs creates KMS grants to keep using the key for the group; without kms:CreateGrant (limited to kms:GrantIsForAWSResource = true) the binding breaks.',
    fix: 'Add a statement allowing the Logs principal kms:CreateGrant only when kms:GrantIsForAWSResource is true.',
    change: {
      label: 'Key policy statement (infra/lib/log-cmk.ts)',
      language: 'json',
      snippet: `{
  "Sid": "LogsCreatesGrantsForAwsResources",
  "Effect": "Allow",
  "Principal": { "Service": "logs.<region>.amazonaws.com" },
  "Action": "kms:CreateGrant",
  "Resource": "*",
  "Condition": { "Bool": { "kms:GrantIsForAWSResource": "true" } }
}`,
    },
    policyChecks: ['create-grant'],
    source: SEED,
  },
  {
    id: 'kms-key-not-enabled',
    title: 'The log group’s key is disabled or pending deletion',
    match: {
      resourceTypes: ['AWS::Logs::LogGroup', 'AWS::StepFunctions::StateMachine'],
      message: /(KMSInvalidStateException|is disabled|is pending deletion|DisabledException)/,
    },
    cause: 'A disabled key, or one scheduled for deletion, cannot encrypt: new log events (and a new group) are refused.',
    fix: 'Enable the key again (or cancel its deletion) before deploying; rotate instead of disabling.',
    change: {
      label: 'AWS CLI',
      language: 'shell',
      snippet: `aws kms cancel-key-deletion --key-id <key-id>   # when pending deletion
aws kms enable-key --key-id <key-id>`,
    },
  },
  {
    id: 'sfn-log-delivery',
    title: 'The state machine role lacks the CloudWatch Logs delivery actions',
    match: {
      resourceTypes: ['AWS::StepFunctions::StateMachine'],
      handlerErrorCodes: ['AccessDenied', 'InvalidRequest'],
      message: /not authorized to access the Log Destination|not authorized to create managed-rule|logs:CreateLogDelivery/,
    },
    cause:
      'Step Functions logs through vended log delivery, not PutLogEvents: the role it runs as must manage log deliveries and the log resource policy.',
    fix: 'Give the workflow role the log-delivery actions (on "*": these APIs have no resource type).',
    change: {
      label: 'Workflow role policy statement (infra/lib/tap-workflow.ts, LOG_DELIVERY_ACTIONS)',
      language: 'json',
      snippet: `{
  "Effect": "Allow",
  "Action": [
    "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"
  ],
  "Resource": "*"
}`,
    },
    source: SEED,
  },
  {
    id: 'conditional-depends-on',
    title: 'DependsOn names a resource whose Condition is false',
    match: {
      resourceTypes: ['*'],
      message: /Unresolved resource dependencies \[[^\]]*\] in the Resources block of the template/,
    },
    cause:
      'With EnableCmk=false the key does not exist, so a DependsOn on it cannot resolve and CloudFormation refuses the whole template (cfn-lint E3005).',
    fix: 'Remove the DependsOn: the Fn::If around kmsKeyId already orders the log group after the key when the key exists.',
    change: {
      label: 'infra/lib/tap-stack.ts',
      language: 'typescript',
      snippet: `// before: logGroup.addResourceDependency(cmk.key);
const logGroup = new CfnLogGroup(this, 'ExecutionLogs', {
  // ...
  kmsKeyId: Fn.conditionIf(params.useCmk.logicalId, cmk.keyArn, Aws.NO_VALUE).toString(),
});`,
    },
    source: SEED,
  },
];
