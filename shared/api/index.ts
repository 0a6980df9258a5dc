/**
 * The back office's HTTP contract (see ./README.md). `ENDPOINTS` lists every endpoint: the server
 * registers exactly these, and a test fails on any route without a definition here.
 */
import {
  getMe,
  getUsers,
  postLogin,
  postLogout,
  postOwnPassword,
  postRefresh,
  postUser,
  postUserDisable,
  postUserEnable,
  postUserPassword,
} from './auth';
import { BOARD_WIDGET_ENDPOINTS, getBoardEvents, getBoardOptions, getBoardRows } from './board';
import { getCalls, postCallsBatch } from './calls';
import {
  getBackOfficeMe,
  getBackOfficeUsers,
  getCase,
  getCaseIndicator,
  getCases,
  getCustomerCases,
  getMailboxes,
  getZoningWorkbook,
  postCase,
  postCaseEvent,
  putCaseRoles,
  putMailbox,
} from './cases';
import { getDirectory, postDirectoryImport } from './directory';
import type { Endpoint } from './endpoint';
import { getEscalation, getEscalations, postEscalationEvent } from './escalations';
import {
  getForm,
  getForms,
  getRecentForms,
  postFormResolution,
  postFormsBatch,
  postParkedForms,
} from './forms';
import { getHealth, getOpenApi } from './ops';
import { getRoutes, putRoute } from './routing';
import {
  getCustomerTickets,
  getOpenTicket,
  getTicket,
  getTicketTypes,
  getTickets,
  postTicket,
  postTicketClose,
  putTicketType,
} from './tickets';

export * from './auth';
export * from './board';
export * from './calls';
export * from './cases';
export * from './directory';
export * from './endpoint';
export * from './errors';
export * from './escalations';
export * from './forms';
export * from './ops';
export * from './roles';
export * from './routing';
export * from './tickets';

export const ENDPOINTS: readonly Endpoint[] = [
  getHealth,
  getOpenApi,
  postLogin,
  postRefresh,
  postLogout,
  getMe,
  postOwnPassword,
  getUsers,
  postUser,
  postUserPassword,
  postUserDisable,
  postUserEnable,
  postFormsBatch,
  postParkedForms,
  getForms,
  getRecentForms,
  getForm,
  postFormResolution,
  getDirectory,
  postDirectoryImport,
  getOpenTicket,
  getTickets,
  postTicket,
  postTicketClose,
  getTicket,
  getCustomerTickets,
  getTicketTypes,
  putTicketType,
  postCallsBatch,
  getCalls,
  getRoutes,
  putRoute,
  getBoardOptions,
  ...Object.values(BOARD_WIDGET_ENDPOINTS),
  getBoardRows,
  getBoardEvents,
  getCases,
  getCaseIndicator,
  getZoningWorkbook,
  postCase,
  getCase,
  postCaseEvent,
  getCustomerCases,
  getBackOfficeMe,
  getBackOfficeUsers,
  getMailboxes,
  putMailbox,
  putCaseRoles,
  getEscalations,
  getEscalation,
  postEscalationEvent,
];
