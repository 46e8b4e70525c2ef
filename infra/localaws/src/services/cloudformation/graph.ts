/** Runs tasks in dependency order, independent ones concurrently, stopping new starts once aborted. */
export interface GraphRun {
  aborted: boolean;
}

/**
 * `waitsFor(id)` lists what id must wait for; ids outside `ids` are treated as already done.
 * A task resolving false counts as not done, so nothing waiting on it starts.
 */
export function runGraph(
  ids: string[],
  waitsFor: (id: string) => string[],
  task: (id: string) => Promise<boolean>,
  run: GraphRun,
): Promise<void> {
  const members = new Set(ids);
  const done = new Set<string>();
  const started = new Set<string>();
  let running = 0;
  return new Promise((resolve) => {
    const pump = () => {
      if (!run.aborted) {
        for (const id of ids) {
          if (started.has(id) || !waitsFor(id).every((dep) => done.has(dep) || !members.has(dep))) continue;
          started.add(id);
          running += 1;
          task(id)
            .catch(() => false)
            .then((ok) => {
              running -= 1;
              if (ok) done.add(id);
              pump();
            });
        }
      }
      if (running === 0) resolve();
    };
    pump();
  });
}

/** Reverse edges: for deletes, a resource waits for everything that depends on it. */
export function dependents(dependencies: Record<string, string[]>): (id: string) => string[] {
  return (id) => Object.keys(dependencies).filter((other) => dependencies[other]?.includes(id));
}
