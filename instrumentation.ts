/**
 * Runs once when the server starts, before it answers anything. The Node.js half stops the server on a bad
 * environment (instrumentation-node.ts); it is imported only under that runtime so the Edge build of this file
 * never sees process.exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigOrExit } = await import('./instrumentation-node');
    checkConfigOrExit();
  }
}
