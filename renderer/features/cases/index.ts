/**
 * Back-office screens: cases of the procedures (shared/procedures) and the escalations inbox.
 * Load this module lazily, and only for back-office roles (BACK_OFFICE_ACCOUNT_ROLES): the agent
 * desk never downloads it.
 */
export { CasesScreen } from './CasesScreen';
export { EscalationsScreen } from './EscalationsScreen';
export { createCasesApi, type BackOfficeHttp } from './api';
