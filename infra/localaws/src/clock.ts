/**
 * The one clock every delay in localaws goes through, so a test or a demo can run
 * AWS-realistic durations faster (speed 100 turns a 30 s KMS key into 0.3 s).
 */
export interface Clock {
  readonly speed: number;
  now(): Date;
  /** Waits `ms` of simulated time, i.e. ms / speed of real time. */
  sleep(ms: number): Promise<void>;
}

export function createClock(speed = 1): Clock {
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`speed must be a positive number, got ${speed}`);
  return {
    speed,
    now: () => new Date(),
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, ms / speed));
        // Pending provisioning must not keep a closing process alive.
        timer.unref?.();
      }),
  };
}
