/**
 * The TapStack workflow in Amazon States Language (JSONPath), built as plain data so tests (and localaws) can
 * validate and run the same definition the stack deploys.
 *
 * What it does (the seed's "pre-checks of S3 versioning and DynamoDB PITR in the target account"):
 *   1. decide dry-run: forced when the stack's Mode is dry-run; in apply mode an execution may still ask for
 *      `{"dryRun": true}`;
 *   2. verify alignment: STS GetCallerIdentity (through the target role when one is set) must report
 *      TargetAccountId, else fail with `ParametersMisaligned`;
 *   3. per protected bucket read versioning, per protected table read PITR; a non-compliant one is reported as
 *      "would enable" (dry-run) or fixed (apply);
 *   4. output a plan: account, mode, dryRun, and per bucket/table its state and action.
 * Throttling is retried with exponential backoff; every other failure ends in a Fail state with error and cause.
 *
 * Stack parameters arrive through DefinitionSubstitutions (`${Mode}` etc., see WORKFLOW_SUBSTITUTIONS).
 */

/** A state: `Type` plus whatever fields that type takes (asl-validator checks the shape). */
export interface AslState {
  readonly Type: 'Task' | 'Pass' | 'Choice' | 'Parallel' | 'Map' | 'Fail' | 'Succeed';
  readonly [field: string]: unknown;
}

export interface AslStateMachine {
  readonly Comment: string;
  readonly StartAt: string;
  readonly TimeoutSeconds: number;
  readonly States: Record<string, AslState>;
}

export interface WorkflowDefinitionOptions {
  /** Add `Credentials: { RoleArn: "${TargetRoleArn}" }` to every SDK task (TargetRoleName is set). */
  readonly withTargetRole: boolean;
}

/** Names substituted by the stack into the definition. */
export const WORKFLOW_SUBSTITUTIONS = [
  'Mode',
  'TargetAccountId',
  'TargetRoleArn',
  'ProtectedBucketNames',
  'ProtectedTableNames',
] as const;
export type WorkflowSubstitution = (typeof WORKFLOW_SUBSTITUTIONS)[number];

/** The error the workflow fails with when it runs in an account other than TargetAccountId. */
export const MISALIGNED_ERROR = 'ParametersMisaligned';

/** The Task field added when a target role is set; the stack wraps exactly this text in Fn::If. */
export const CREDENTIALS_FIELD = { Credentials: { RoleArn: '${TargetRoleArn}' } } as const;

/** Throttling error names per SDK integration (`<Service>.<Exception>`), retried with backoff. */
export const THROTTLING_ERRORS: Record<'Sts' | 'S3' | 'DynamoDb', string[]> = {
  Sts: ['Sts.ThrottlingException', 'Sts.ThrottlingErrorException'],
  S3: ['S3.SlowDownException', 'S3.ThrottlingException'],
  DynamoDb: ['DynamoDb.ThrottlingException', 'DynamoDb.LimitExceededException'],
};

const CATCH_ALL = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'WorkflowFailed' }];

function sdkTask(
  opts: WorkflowDefinitionOptions,
  service: keyof typeof THROTTLING_ERRORS,
  action: string,
  fields: Record<string, unknown>,
): AslState {
  return {
    Type: 'Task',
    // Credentials must come right after Type: the stack cuts the serialized text at this field.
    ...(opts.withTargetRole ? CREDENTIALS_FIELD : {}),
    Resource: `arn:aws:states:::aws-sdk:${action}`,
    ...fields,
    Retry: [{ ErrorEquals: THROTTLING_ERRORS[service], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2 }],
  };
}

interface CheckKind {
  /** State-name prefix, unique per kind (state names are global in a definition). */
  readonly prefix: 'Bucket' | 'Table';
  /** Field of the workflow state holding the comma list. */
  readonly namesField: string;
  readonly service: 'S3' | 'DynamoDb';
  readonly read: { action: string; parameters: Record<string, unknown>; statusPath: string; enabled: string };
  readonly write: { action: string; parameters: Record<string, unknown> };
  /** State reported when the read returns no status at all (never enabled). */
  readonly absentState: string;
  readonly what: string;
}

const BUCKETS: CheckKind = {
  prefix: 'Bucket',
  namesField: 'bucketNames',
  service: 'S3',
  read: {
    action: 's3:getBucketVersioning',
    parameters: { 'Bucket.$': '$.name' },
    statusPath: '$.read.Status',
    enabled: 'Enabled',
  },
  write: {
    action: 's3:putBucketVersioning',
    parameters: { 'Bucket.$': '$.name', VersioningConfiguration: { Status: 'Enabled' } },
  },
  absentState: 'Disabled',
  what: 'versioning',
};

const TABLES: CheckKind = {
  prefix: 'Table',
  namesField: 'tableNames',
  service: 'DynamoDb',
  read: {
    action: 'dynamodb:describeContinuousBackups',
    parameters: { 'TableName.$': '$.name' },
    statusPath: '$.read.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus',
    enabled: 'ENABLED',
  },
  write: {
    action: 'dynamodb:updateContinuousBackups',
    parameters: { 'TableName.$': '$.name', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
  },
  absentState: 'DISABLED',
  what: 'pitr',
};

/** One Parallel branch: empty list → [], else a Map that reads, then reports or fixes, each resource. */
function checkBranch(opts: WorkflowDefinitionOptions, kind: CheckKind) {
  const p = kind.prefix;
  const planEntry = (state: string | null, action: string) => ({
    'name.$': '$.name',
    ...(state === null ? { 'state.$': '$.state' } : { state }),
    compliant: action === 'none',
    action,
  });
  const item: Record<string, AslState> = {
    [`Read${p}`]: sdkTask(opts, kind.service, kind.read.action, {
      Parameters: kind.read.parameters,
      ResultPath: '$.read',
      Next: `Is${p}Compliant`,
    }),
    [`Is${p}Compliant`]: {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: kind.read.statusPath, IsPresent: true },
            { Variable: kind.read.statusPath, StringEquals: kind.read.enabled },
          ],
          Next: `${p}Compliant`,
        },
        { Variable: kind.read.statusPath, IsPresent: true, Next: `Note${p}State` },
      ],
      Default: `Note${p}NeverEnabled`,
    },
    [`${p}Compliant`]: { Type: 'Pass', Parameters: planEntry(kind.read.enabled, 'none'), End: true },
    [`Note${p}State`]: {
      Type: 'Pass',
      Parameters: { 'name.$': '$.name', 'dryRun.$': '$.dryRun', 'state.$': kind.read.statusPath },
      Next: `${p}DryRun`,
    },
    [`Note${p}NeverEnabled`]: {
      Type: 'Pass',
      Parameters: { 'name.$': '$.name', 'dryRun.$': '$.dryRun', state: kind.absentState },
      Next: `${p}DryRun`,
    },
    [`${p}DryRun`]: {
      Type: 'Choice',
      Choices: [{ Variable: '$.dryRun', BooleanEquals: true, Next: `${p}WouldEnable` }],
      Default: `Enable${p}`,
    },
    [`${p}WouldEnable`]: { Type: 'Pass', Parameters: planEntry(null, `would-enable-${kind.what}`), End: true },
    [`Enable${p}`]: sdkTask(opts, kind.service, kind.write.action, {
      Parameters: kind.write.parameters,
      ResultPath: null,
      Next: `${p}Enabled`,
    }),
    [`${p}Enabled`]: { Type: 'Pass', Parameters: planEntry(null, `enabled-${kind.what}`), End: true },
  };
  return {
    StartAt: `Any${p}s`,
    States: {
      [`Any${p}s`]: {
        Type: 'Choice',
        Choices: [{ Variable: `$.${kind.namesField}`, StringEquals: '', Next: `No${p}s` }],
        Default: `List${p}s`,
      },
      [`No${p}s`]: { Type: 'Pass', Result: [], End: true },
      [`List${p}s`]: {
        Type: 'Pass',
        Parameters: { 'names.$': `States.StringSplit($.${kind.namesField}, ',')`, 'dryRun.$': '$.dryRun' },
        Next: `Each${p}`,
      },
      [`Each${p}`]: {
        Type: 'Map',
        ItemsPath: '$.names',
        ItemSelector: { 'name.$': '$$.Map.Item.Value', 'dryRun.$': '$.dryRun' },
        // A few at a time: these are control-plane calls with low rate limits.
        MaxConcurrency: 4,
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: `Read${p}`, States: item },
        End: true,
      },
    } satisfies Record<string, AslState>,
  };
}

/** Builds the definition; the stack serializes it and substitutes `${…}` placeholders. */
export function buildWorkflowDefinition(opts: WorkflowDefinitionOptions): AslStateMachine {
  return {
    Comment: 'TapStack pre-checks: S3 versioning and DynamoDB PITR in the target account',
    StartAt: 'Init',
    // Bounded so a stuck SDK call cannot keep an execution (and its alarms) open for a year.
    TimeoutSeconds: 900,
    States: {
      Init: {
        Type: 'Pass',
        Parameters: {
          configuredMode: '${Mode}',
          targetAccountId: '${TargetAccountId}',
          bucketNames: '${ProtectedBucketNames}',
          tableNames: '${ProtectedTableNames}',
          'request.$': '$',
        },
        Next: 'DecideDryRun',
      },
      DecideDryRun: {
        Type: 'Choice',
        Choices: [
          {
            // Mode = dry-run forces dry-run whatever the input says; apply mode honours {"dryRun": true}.
            Or: [
              { Variable: '$.configuredMode', StringEquals: 'dry-run' },
              {
                And: [
                  { Variable: '$.request.dryRun', IsPresent: true },
                  { Variable: '$.request.dryRun', BooleanEquals: true },
                ],
              },
            ],
            Next: 'UseDryRun',
          },
        ],
        Default: 'UseApply',
      },
      UseDryRun: { Type: 'Pass', Result: true, ResultPath: '$.dryRun', Next: 'VerifyAlignment' },
      UseApply: { Type: 'Pass', Result: false, ResultPath: '$.dryRun', Next: 'VerifyAlignment' },
      VerifyAlignment: sdkTask(opts, 'Sts', 'sts:getCallerIdentity', {
        Parameters: {},
        ResultSelector: { 'account.$': '$.Account', 'arn.$': '$.Arn' },
        ResultPath: '$.caller',
        Catch: CATCH_ALL,
        Next: 'CheckAlignment',
      }),
      CheckAlignment: {
        Type: 'Choice',
        Choices: [{ Variable: '$.caller.account', StringEqualsPath: '$.targetAccountId', Next: 'RunChecks' }],
        Default: MISALIGNED_ERROR,
      },
      [MISALIGNED_ERROR]: {
        Type: 'Fail',
        Error: MISALIGNED_ERROR,
        CausePath:
          "States.Format('Running as account {} but TargetAccountId is {}: check TargetAccountId and TargetRoleName', $.caller.account, $.targetAccountId)",
      },
      RunChecks: {
        Type: 'Parallel',
        Branches: [checkBranch(opts, BUCKETS), checkBranch(opts, TABLES)],
        ResultSelector: { 'buckets.$': '$[0]', 'tables.$': '$[1]' },
        ResultPath: '$.checks',
        Catch: CATCH_ALL,
        Next: 'Plan',
      },
      Plan: {
        Type: 'Pass',
        Parameters: {
          'account.$': '$.caller.account',
          'mode.$': '$.configuredMode',
          'dryRun.$': '$.dryRun',
          'buckets.$': '$.checks.buckets',
          'tables.$': '$.checks.tables',
        },
        End: true,
      },
      WorkflowFailed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
    },
  };
}
