import { describe, expect, it } from 'vitest';
import { bannerView, formatAgo, type BannerInput } from './bannerText';

const NOW = Date.parse('2026-11-26T15:00:00Z');
const base: BannerInput = {
  configured: true,
  session: 'active',
  reachability: 'online',
  reachabilityDetail: null,
  pending: 0,
  rejected: 0,
  oldestPendingAt: null,
  headError: null,
  headNextAttemptAt: null,
  sender: null,
  now: NOW,
};

describe('queue banner', () => {
  it('offline: how many forms wait and how old the oldest is', () => {
    const view = bannerView({
      ...base,
      reachability: 'offline',
      pending: 3,
      oldestPendingAt: '2026-11-26T14:48:00Z',
    });
    expect(view.text).toBe('Sin conexión con la central — 3 formularios en cola, el más antiguo hace 12 min');
    expect(view.tone).toBe('error');
  });

  it('one form, hours old, with thousands separators for big queues', () => {
    expect(
      bannerView({ ...base, reachability: 'offline', pending: 1, oldestPendingAt: '2026-11-26T12:00:00Z' })
        .text,
    ).toBe('Sin conexión con la central — 1 formulario en cola, el más antiguo hace 3 h');
    expect(
      bannerView({ ...base, reachability: 'offline', pending: 10_000, oldestPendingAt: null }).text,
    ).toContain('10.000 formularios en cola');
  });

  it('a form stamped in the future (clock moved back) is "hace menos de 1 min", never negative', () => {
    expect(
      bannerView({ ...base, reachability: 'offline', pending: 1, oldestPendingAt: '2026-11-26T18:00:00Z' })
        .text,
    ).toContain('hace menos de 1 min');
    expect(formatAgo(3 * 24 * 3_600_000)).toBe('hace 3 días');
  });

  it('while the server fails: the error and the next automatic try', () => {
    const view = bannerView({
      ...base,
      pending: 2,
      oldestPendingAt: '2026-11-26T14:59:30Z',
      sender: {
        phase: 'waiting',
        error: 'La central respondió 503.',
        failure: 'server',
        retryAt: NOW + 20_000,
        failures: 3,
      },
    });
    expect(view.text).toContain('próximo intento en 20 s');
    expect(view.detail).toContain('La central respondió 503.');
  });

  it('another window (not the sender) reads the wait from the queue itself', () => {
    const view = bannerView({
      ...base,
      pending: 2,
      headError: 'Sin conexión',
      headNextAttemptAt: new Date(NOW + 90_000).toISOString(),
    });
    expect(view.text).toContain('próximo intento en 2 min');
  });

  it('expired session, standalone workstation, rejected forms', () => {
    expect(bannerView({ ...base, session: 'expired', pending: 4 }).text).toMatch(
      /^Sesión vencida en la central: inicie sesión nuevamente — 4 formularios en cola/,
    );
    expect(bannerView({ ...base, configured: false, session: 'signed-out', pending: 2 }).text).toMatch(
      /^Sin central configurada — 2 formularios en cola/,
    );
    expect(bannerView({ ...base, rejected: 2 }).detail).toBe(
      '2 formularios rechazados: corríjalos en «Formularios».',
    );
    expect(bannerView(base).text).toBe('Conectado con la central — todos los formularios enviados.');
  });
});
