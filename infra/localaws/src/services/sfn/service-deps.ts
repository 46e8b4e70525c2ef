/** What every Step Functions handler needs: the shared models, the clock, the metrics and the runner's deps. */
import type { RunnerDeps } from './runner';

export type SfnDeps = RunnerDeps;
