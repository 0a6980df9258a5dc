// The demo sample itself, loaded (and bundled) only where demo mode may be on: see demoMode.ts.
// Bundled as text: file:// pages (Electron) cannot fetch() a file.
import sampleDirectoryCsv from '../../assets/sample-directory.csv?raw';
import sampleTickets from '../../assets/sample-tickets.json';
import type { TicketSummary } from '../../shared/tickets/ticketHistory';

export const directoryCsv: string = sampleDirectoryCsv;
export const tickets = sampleTickets as TicketSummary[];
