/** A fixed number of requests at a fixed concurrency, after a warm-up: throughput and latency percentiles. */
export interface LoadResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU time per request in the client (this process) and in localaws: capacity on a busy machine */
  clientCpuMs?: number;
  serverCpuMs?: number;
}

/** `serverCpu` reads the server's CPU time in microseconds (GET /_localaws/memory), to split the cost. */
export async function runLoad(
  call: () => Promise<unknown>,
  requests = 5_000,
  concurrency = 16,
  warmup = 500,
  serverCpu?: () => Promise<number>,
): Promise<LoadResult> {
  const pass = async (count: number, latencies?: number[]) => {
    let next = 0;
    let errors = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const started = performance.now();
        try {
          await call();
        } catch {
          errors += 1;
        }
        latencies?.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return errors;
  };
  await pass(warmup);
  const latencies: number[] = [];
  const serverBefore = await serverCpu?.();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const errors = await pass(requests, latencies);
  const seconds = (performance.now() - started) / 1_000;
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await serverCpu?.();
  const perRequestMs = (micros: number) => Number((micros / 1_000 / requests).toFixed(3));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  return {
    requests,
    concurrency,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(requests / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
    clientCpuMs: perRequestMs(client.user + client.system),
    serverCpuMs: serverBefore === undefined || serverAfter === undefined ? undefined : perRequestMs(serverAfter - serverBefore),
  };
}
