/** AWS::Logs::MetricFilter — Ref is the filter name. */
import {
  generateName,
  ResourceHandlerError,
  stringProp,
  type Props,
  type ProvisionContext,
  type Provisioner,
} from '../cloudformation/provisioner';
import type { LogsModel } from './model';

export function createMetricFilterProvisioner(logs: LogsModel): Provisioner {
  const save = (name: string, props: Props, ctx: ProvisionContext) => {
    const logGroupName = stringProp(props, 'LogGroupName') ?? '';
    if (!logs.groups.get(ctx.account, ctx.region).has(logGroupName)) {
      throw new ResourceHandlerError(`The specified log group does not exist.`, 'NotFound', 'CloudWatchLogs');
    }
    logs.metricFilters.get(ctx.account, ctx.region).set(name, {
      name,
      logGroupName,
      filterPattern: stringProp(props, 'FilterPattern') ?? '',
      metricTransformations: props.MetricTransformations,
    });
    return { physicalId: name, attributes: {} };
  };
  return {
    type: 'AWS::Logs::MetricFilter',
    createMs: 2_000,
    create: (props, ctx) => save(stringProp(props, 'FilterName') ?? generateName(ctx, 512), props, ctx),
    update: (name, props, _previous, ctx) => save(name, props, ctx),
    delete(name, ctx) {
      logs.metricFilters.get(ctx.account, ctx.region).delete(name);
    },
  };
}
