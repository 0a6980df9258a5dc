import type { BackOfficeClient } from '../../backoffice/client';
import type { CompanionDb } from '../../db/db';
import { createBoardApi, type BoardApi, type Credentials } from './boardApi';
import { indexedDbBoardCache } from './boardCache';
import { listenBoardEvents, type BoardEventHandlers } from './boardEvents';
import { BoardService } from './boardService';

export interface BoardServices {
  api: BoardApi;
  service: BoardService;
  /** The board is shown: load it and listen for changes. */
  open(): void;
  /** The board is left: stop listening (its figures stay for next time). */
  close(): void;
  /** The board's live channel on its own (the escalations count); returns the function that stops it. */
  listen(handlers: BoardEventHandlers): () => void;
}

/** The board's services, created by the composition root; nothing runs until `open()`. */
export function createBoardServices(deps: {
  backOffice: BackOfficeClient;
  credentials: () => Promise<Credentials | null>;
  db: CompanionDb;
}): BoardServices {
  const api = createBoardApi({ backOffice: deps.backOffice, credentials: deps.credentials });
  const service = new BoardService({
    api,
    cache: indexedDbBoardCache(deps.db),
    listen: (handlers) => listenBoardEvents(deps.credentials, handlers),
  });
  return {
    api,
    service,
    open: () => void service.start(),
    close: () => service.stop(),
    listen: (handlers) => listenBoardEvents(deps.credentials, handlers),
  };
}
