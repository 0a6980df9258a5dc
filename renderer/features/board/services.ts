import { createBoardApi, type BoardApi, type Credentials } from './boardApi';
import { indexedDbBoardCache } from './boardCache';
import { listenBoardEvents } from './boardEvents';
import { BoardService } from './boardService';

export interface BoardServices {
  api: BoardApi;
  service: BoardService;
  /** The board is shown: load it and listen for changes. */
  open(): void;
  /** The board is left: stop listening (its figures stay for next time). */
  close(): void;
}

/** The board's services, created by the app's root; nothing runs until `open()`. */
export function createBoardServices(deps: {
  credentials: () => Promise<Credentials | null>;
  timeoutMs: number;
}): BoardServices {
  const api = createBoardApi({ credentials: deps.credentials, options: { timeoutMs: deps.timeoutMs } });
  const service = new BoardService({
    api,
    cache: indexedDbBoardCache,
    listen: (handlers) => listenBoardEvents(deps.credentials, handlers),
  });
  return {
    api,
    service,
    open: () => void service.start(),
    close: () => service.stop(),
  };
}
