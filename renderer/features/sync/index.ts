// Sending the upload queues (forms, call log) to the back office (one sender across windows), and its banner.
export { OutboxSender } from './syncService';
export { FORM_MESSAGES, type ItemResult, type QueuedItem, type SenderMessages } from './sender';
export type { SenderStatus } from './syncController';
export type { UploadQueue } from './uploadQueue';
export { formatIn } from './bannerText';
export { readTuning, type SyncTuning } from './tuning';
export { default as syncReducer } from './syncSlice';
export { SyncBanner } from './SyncBanner';
