// Sending the outbox to the back office (one sender across windows), and its banner.
export { OutboxSender } from './syncService';
export { readTuning, type SyncTuning } from './tuning';
export { default as syncReducer } from './syncSlice';
export { SyncBanner } from './SyncBanner';
