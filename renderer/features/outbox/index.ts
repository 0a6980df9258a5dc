// The forms queue (IndexedDB): what the agent queued, drafts, and what the sender applies.
export { OutboxRepository, type Verdict } from './outboxRepo';
export { FormsList } from './FormsList';
export { createRecentCases, type RecentCasesOf } from './recentCases';
export { FormDetail } from './FormDetail';
export { fullTime, listTime } from './formTime';
export type { SyncedOutboxEntry } from './outboxRepo';
