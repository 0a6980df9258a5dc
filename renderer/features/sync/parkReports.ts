import type { ApiFailure, ApiResult } from '../../backoffice/client';
import { isItemSuspect } from './isolation';
import type { Credentials } from './sender';

/**
 * Reporting the forms this desk set aside (parked) to the agent's supervisor: each report stays on
 * its outbox entry until the back office acknowledges it (the server records it once per agent and
 * id, so a report sent again after a lost answer changes nothing there).
 */
export interface ParkReportDeps<Report extends { id: string }> {
  /** The reports not acknowledged yet, at most `limit`, always in the same order. */
  pending(limit: number): Promise<Report[]>;
  post(credentials: Credentials, reports: readonly Report[]): Promise<ApiResult<unknown>>;
  acknowledged(ids: readonly string[]): Promise<void>;
  /** Not acknowledged this time: they stay pending for a later drain. */
  failed(ids: readonly string[]): Promise<void>;
  pageSize: number;
}

export interface ParkReportOutcome {
  reported: number;
  failed: number;
  /** What stopped the reports (the server away, the session gone), if anything did. */
  failure: ApiFailure | null;
}

/** A failure that may be one report's (the server refuses or fails on it): try the others alone. */
const mayBeOneReport = (failure: ApiFailure): boolean =>
  (failure.kind === 'refused' && failure.status === 400) || isItemSuspect(failure);

/**
 * Sends every pending report, a page per request. A page the server refuses or fails on is sent
 * again one report at a time, so one report it cannot take never holds the others; when the server
 * is away (or the session gone) everything left waits for the next drain. Each report is tried at
 * most once per call.
 */
export async function sendParkReports<Report extends { id: string }>(
  deps: ParkReportDeps<Report>,
  credentials: Credentials,
): Promise<ParkReportOutcome> {
  const tried = new Set<string>();
  let reported = 0;
  let failed = 0;
  const fail = async (reports: readonly Report[], failure: ApiFailure) => {
    await deps.failed(reports.map((report) => report.id));
    failed += reports.length;
    return { reported, failed, failure };
  };
  for (;;) {
    const page = (await deps.pending(deps.pageSize + tried.size))
      .filter((report) => !tried.has(report.id))
      .slice(0, deps.pageSize);
    if (page.length === 0) return { reported, failed, failure: null };
    for (const report of page) tried.add(report.id);
    const answer = await deps.post(credentials, page);
    if (answer.ok) {
      await deps.acknowledged(page.map((report) => report.id));
      reported += page.length;
      continue;
    }
    if (page.length === 1 || !mayBeOneReport(answer.failure)) return fail(page, answer.failure);
    for (const [index, report] of page.entries()) {
      const alone = await deps.post(credentials, [report]);
      if (alone.ok) {
        await deps.acknowledged([report.id]);
        reported += 1;
      } else if (mayBeOneReport(alone.failure)) {
        await fail([report], alone.failure);
      } else {
        return fail(page.slice(index), alone.failure);
      }
    }
  }
}
