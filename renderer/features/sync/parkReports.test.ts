import { describe, expect, it } from 'vitest';
import type { ApiFailure, ApiResult } from '../../backoffice/client';
import { sendParkReports, type ParkReportDeps } from './parkReports';

const credentials = { serverUrl: 'http://central', token: 't' };

/** Pending reports kept in order, and a server scripted per request. */
function setup(ids: string[], answer: (ids: string[]) => ApiFailure | null) {
  const pending = [...ids];
  const requests: string[][] = [];
  const failedIds: string[] = [];
  const deps: ParkReportDeps<{ id: string }> = {
    pending: async (limit) => pending.slice(0, limit).map((id) => ({ id })),
    post: async (_c, reports): Promise<ApiResult<unknown>> => {
      const sent = reports.map((r) => r.id);
      requests.push(sent);
      const failure = answer(sent);
      return failure ? { ok: false, failure } : { ok: true, value: {}, serverDate: null };
    },
    acknowledged: async (done) => {
      for (const id of done) pending.splice(pending.indexOf(id), 1);
    },
    failed: async (notDone) => {
      failedIds.push(...notDone);
    },
    pageSize: 2,
  };
  return { deps, pending, requests, failedIds };
}

describe('reporting parked forms to the supervisor', () => {
  it('sends every pending report, a page per request', async () => {
    const { deps, pending, requests } = setup(['a', 'b', 'c'], () => null);
    expect(await sendParkReports(deps, credentials)).toEqual({ reported: 3, failed: 0, failure: null });
    expect(requests).toEqual([['a', 'b'], ['c']]);
    expect(pending).toEqual([]);
  });

  it('one report the server fails on does not hold the others; it stays pending, tried once', async () => {
    const boom: ApiFailure = { kind: 'server', status: 500, message: 'Error interno' };
    const { deps, pending, requests, failedIds } = setup(['a', 'b', 'c', 'd'], (ids) =>
      ids.includes('b') ? boom : null,
    );
    expect(await sendParkReports(deps, credentials)).toMatchObject({ reported: 3, failed: 1 });
    expect(requests).toEqual([['a', 'b'], ['a'], ['b'], ['c', 'd']]);
    expect(pending).toEqual(['b']);
    expect(failedIds).toEqual(['b']);
  });

  it('the server away: one request, everything stays pending for a later drain', async () => {
    const away: ApiFailure = { kind: 'network', message: 'sin conexión' };
    const { deps, pending, requests, failedIds } = setup(['a', 'b', 'c'], () => away);
    expect(await sendParkReports(deps, credentials)).toEqual({ reported: 0, failed: 2, failure: away });
    expect(requests).toEqual([['a', 'b']]);
    expect(pending).toEqual(['a', 'b', 'c']);
    expect(failedIds).toEqual(['a', 'b']);
  });

  it('the server going away while reports are sent one by one stops there', async () => {
    let calls = 0;
    const { deps, pending, failedIds } = setup(['a', 'b'], () => {
      calls += 1;
      return calls === 1
        ? { kind: 'refused', status: 400, message: 'Revise los datos' }
        : { kind: 'server', status: 503, message: 'En mantención' };
    });
    expect(await sendParkReports(deps, credentials)).toMatchObject({ reported: 0, failed: 2 });
    expect(pending).toEqual(['a', 'b']);
    expect(failedIds).toEqual(['a', 'b']);
    expect(calls).toBe(2);
  });
});
