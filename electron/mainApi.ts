import type { AppInfo, MainApi } from '../shared/ipc/contract';
import type { Logger } from './logger';
import type { SecretStore } from './secrets';

/** The main-process side of the contract, composed from its single-purpose modules. */
export function createMainApi(deps: {
  appInfo: () => AppInfo;
  secrets: SecretStore;
  logger: Logger;
}): MainApi {
  const { secrets, logger } = deps;
  return {
    getAppInfo: async () => deps.appInfo(),
    secretSet: (key, value) => secrets.secretSet(key, value),
    secretGet: (key) => secrets.secretGet(key),
    secretDelete: (key) => secrets.secretDelete(key),
    log: async (level, message, fields) => logger.write(level, message, fields, 'renderer'),
  };
}
