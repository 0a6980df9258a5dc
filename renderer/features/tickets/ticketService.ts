import { db } from '../../db/db';
import { activeCredentials } from '../session/sessionService';
import { getCustomerTickets } from '../sync/backOfficeApi';
import { tuning } from '../sync/tuning';
import { TicketCache, type TicketFetcher } from './ticketCache';

const fetchFromBackOffice: TicketFetcher = async (customerCode) => {
  const credentials = await activeCredentials();
  if (!credentials) return { ok: false, message: 'Sin sesión en la central.' };
  const answer = await getCustomerTickets(credentials.serverUrl, credentials.token, customerCode, {
    timeoutMs: Math.min(tuning.timeoutMs, 8_000),
  });
  return answer.ok
    ? { ok: true, tickets: answer.value.tickets, today: answer.value.today }
    : { ok: false, message: answer.failure.message };
};

/** This workstation's ticket cache (until the renderer's composition root creates it). */
export const ticketCache = new TicketCache(db, fetchFromBackOffice);
