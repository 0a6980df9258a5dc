import type { ChildProcess } from 'node:child_process';

/**
 * The port a back office started with PORT=0 bound, as it reports it over the IPC channel
 * (server/src/main.ts): spawn it with `stdio: [..., 'ipc']`. The port is never chosen first and
 * bound later, so no other process can take it in between (the `EADDRINUSE` of a busy machine).
 */
export function reportedPort(
  child: ChildProcess,
  describe: () => string,
  timeoutMs = 120_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      if (
        message &&
        typeof message === 'object' &&
        (message as { type?: unknown }).type === 'listening' &&
        typeof (message as { port?: unknown }).port === 'number'
      ) {
        done();
        resolve((message as { port: number }).port);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      reject(new Error(`server exited (${code ?? signal}) before listening: ${describe()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`server did not start in ${timeoutMs / 1000} s: ${describe()}`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
