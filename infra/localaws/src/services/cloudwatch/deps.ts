/** What CloudWatch's handlers share: its model, the SNS model (alarm actions) and the alarm scheduler. */
import type { SnsModel } from '../sns/model';
import type { AlarmScheduler } from './alarm-scheduler';
import type { CloudWatchModel } from './model';

export interface CwDeps {
  model: CloudWatchModel;
  sns?: SnsModel;
  scheduler: AlarmScheduler;
}

/** An SDK input with the members the service model requires: the codecs refuse requests without them. */
export type WithRequired<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };
