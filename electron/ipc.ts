import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { z } from 'zod';
import {
  MAIN_API_CALLERS,
  MAIN_CHANNELS,
  type MainApi,
  type WindowRole,
  type MainApiArgs,
  type MainApiMethod,
  type MainApiResult,
} from '../shared/ipc/contract';
import { MAIN_ARG_SCHEMAS } from '../shared/ipc/schemas';
import { errorFields, type Logger } from './logger';

// Compile-time guard: each zod schema must produce exactly the contract's argument tuple.
type SchemaMismatch = {
  [M in MainApiMethod]: z.output<(typeof MAIN_ARG_SCHEMAS)[M]> extends MainApiArgs<M>
    ? MainApiArgs<M> extends z.output<(typeof MAIN_ARG_SCHEMAS)[M]>
      ? never
      : M
    : M;
}[MainApiMethod];
const schemasMatchContract: [SchemaMismatch] extends [never] ? true : SchemaMismatch = true;
void schemasMatchContract;

/** What the renderer sees when a call is refused; the reason goes to the operator log only. */
export const IPC_REJECTED_MESSAGE = 'Solicitud rechazada por la aplicación.';

export type SenderVerdict = { trusted: true; role: WindowRole } | { trusted: false; reason: string };
export type SenderCheck = (event: IpcMainInvokeEvent) => SenderVerdict;

/**
 * Trusts only the main frame of one of our windows while it shows our own renderer: not a
 * subframe, not another window, not a page that navigated elsewhere. Says which window it is, so
 * each method can be limited to the windows that need it (MAIN_API_CALLERS).
 */
export function createSenderCheck(options: {
  getAppWebContents: () => Partial<Record<WindowRole, WebContents | null>>;
  isAppUrl: (url: string) => boolean;
}): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return { trusted: false, reason: 'sender frame is gone' };
    const windows = options.getAppWebContents();
    const role = (Object.keys(windows) as WindowRole[]).find((candidate) => {
      const contents = windows[candidate];
      return contents && !contents.isDestroyed() && contents.id === event.sender.id;
    });
    if (!role) return { trusted: false, reason: 'sender is not a Companion window' };
    if (frame.parent !== null) return { trusted: false, reason: `subframe ${frame.url}` };
    if (!options.isAppUrl(frame.url)) return { trusted: false, reason: `untrusted origin ${frame.url}` };
    return { trusted: true, role };
  };
}

function describeIssues(error: z.ZodError): string {
  // Paths and codes only: values may be secrets.
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(args)'}: ${issue.code}`)
    .join('; ');
}

/**
 * Registers one ipcMain handler per contract method. Each call must come from a trusted sender
 * and carry arguments that pass the method's zod schema before `impl` ever sees it.
 */
export function registerMainApi(
  ipcMain: IpcMain,
  impl: MainApi,
  isTrustedSender: SenderCheck,
  logger: Logger,
): void {
  for (const method of Object.keys(MAIN_CHANNELS) as MainApiMethod[]) {
    registerMethod(ipcMain, impl, isTrustedSender, logger, method);
  }
}

function registerMethod<M extends MainApiMethod>(
  ipcMain: IpcMain,
  impl: MainApi,
  isTrustedSender: SenderCheck,
  logger: Logger,
  method: M,
): void {
  const channel = MAIN_CHANNELS[method];
  const schema: z.ZodType<MainApiArgs<M>> = MAIN_ARG_SCHEMAS[method] as unknown as z.ZodType<MainApiArgs<M>>;
  const call = impl[method] as (...args: MainApiArgs<M>) => Promise<MainApiResult<M>>;

  const reject = (reason: string, senderUrl: string): never => {
    logger.warn('ipc call rejected', { channel, reason, senderUrl });
    throw new Error(IPC_REJECTED_MESSAGE);
  };

  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<MainApiResult<M>> => {
    const senderUrl = event.senderFrame?.url ?? '(none)';
    const verdict = isTrustedSender(event);
    if (!verdict.trusted) return reject(verdict.reason, senderUrl);
    if (!(MAIN_API_CALLERS[method] as readonly WindowRole[]).includes(verdict.role)) {
      return reject(`the ${verdict.role} window may not call ${method}`, senderUrl);
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) return reject(`invalid arguments: ${describeIssues(parsed.error)}`, senderUrl);
    try {
      return await call.apply(impl, parsed.data);
    } catch (error) {
      logger.error('ipc handler failed', { channel, ...errorFields(error) });
      throw error;
    }
  });
}
