// Sending the upload queues (forms, call log) to the back office (one sender across windows), and its banner.
export { OutboxSender } from './syncService';
export { drainQueue, FORM_MESSAGES, type SenderDeps } from './sender';
export type { UploadQueue } from './uploadQueue';
export { sendParkReports } from './parkReports';
export { formatIn } from './bannerText';
export { readTuning, type SyncTuning } from './tuning';
export { default as syncReducer } from './syncSlice';
export { SyncBanner } from './SyncBanner';
