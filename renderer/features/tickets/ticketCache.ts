import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import type { CompanionDb, TicketFetch } from '../../db/db';

/** One customer's tickets as the back office answered them. */
export type TicketFetchResult =
  | { ok: true; tickets: TicketSummary[]; today: string }
  /** No session, no network, an error: the cached copy stays, with its age. */
  | { ok: false; message: string };

export type TicketFetcher = (customerCode: string) => Promise<TicketFetchResult>;

export type RefreshOutcome = { fresh: true; fetch: TicketFetch } | { fresh: false; message: string };

const SUMMARY_KEYS = [
  'id',
  'customerCode',
  'typeId',
  'typology',
  'status',
  'dueDate',
  'createdAt',
  'closedAt',
  'relatedTicketId',
  'resolution',
] as const satisfies ReadonlyArray<keyof TicketSummary>;

/** Only what the desk keeps: no descriptions (personal data stays on the server). */
function summaryOf(ticket: TicketSummary): TicketSummary {
  return Object.fromEntries(SUMMARY_KEYS.map((key) => [key, ticket[key]])) as unknown as TicketSummary;
}

/**
 * A customer's tickets on this workstation: fetched from the back office when a card or pop-up
 * opens, kept in IndexedDB so the Z4 rule and every "already has an open ticket of this type" check
 * keep working offline. A fetch replaces that customer's rows in one transaction (a ticket closed
 * meanwhile does not linger as open); a ticket the intake answered with is remembered at once.
 */
export class TicketCache {
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();

  constructor(
    private readonly db: CompanionDb,
    private readonly fetcher: TicketFetcher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Fetches the customer's tickets (one request at a time per customer). */
  refresh(customerCode: string): Promise<RefreshOutcome> {
    const running = this.inFlight.get(customerCode);
    if (running) return running;
    const work = this.fetchAndStore(customerCode).finally(() => this.inFlight.delete(customerCode));
    this.inFlight.set(customerCode, work);
    return work;
  }

  private async fetchAndStore(customerCode: string): Promise<RefreshOutcome> {
    const result = await this.fetcher(customerCode);
    if (!result.ok) return { fresh: false, message: result.message };
    const fetch: TicketFetch = { customerCode, fetchedAt: this.now().toISOString(), today: result.today };
    await this.db.transaction('rw', this.db.tickets, this.db.ticketFetches, async () => {
      await this.db.tickets.where('customerCode').equals(customerCode).delete();
      await this.db.tickets.bulkPut(
        result.tickets.filter((t) => t.customerCode === customerCode).map(summaryOf),
      );
      await this.db.ticketFetches.put(fetch);
    });
    return { fresh: true, fetch };
  }

  /** The cached tickets, newest first. */
  async forCustomer(customerCode: string): Promise<TicketSummary[]> {
    const tickets = await this.db.tickets.where('customerCode').equals(customerCode).toArray();
    return tickets.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  lastFetch(customerCode: string): Promise<TicketFetch | undefined> {
    return this.db.ticketFetches.get(customerCode);
  }

  /** A ticket the back office answered with (a form it opened one for): known before the next fetch. */
  async remember(tickets: readonly TicketSummary[]): Promise<void> {
    if (tickets.length > 0) await this.db.tickets.bulkPut(tickets.map(summaryOf));
  }
}
