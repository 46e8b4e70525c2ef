/**
 * Runs `poll` again and again, each time after the delay it returns, until stopped. The delay comes from the
 * poll itself so each poller can speed up, slow down or back off from what it just saw.
 */
export function createPollingLoop(poll: () => Promise<number>): { start(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  async function loop() {
    const waitMs = await poll();
    if (running) timer = setTimeout(loop, waitMs);
  }

  return {
    start() {
      running = true;
      void loop();
    },
    stop() {
      running = false;
      clearTimeout(timer);
    },
  };
}
