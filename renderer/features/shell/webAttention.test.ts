// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PopCard } from '../../../shared/ipc/contract';
import { samplePopCard } from '../../../test/fixtures/desktop';
import { createWebAttention } from './webAttention';

const card = (over: Partial<PopCard> = {}) =>
  samplePopCard({ callerLabel: '+56987654321', blocks: ['Z1 — Bloqueo de Telecobranzas'], ...over });

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { get: () => visibility });
const setVisibility = (v: DocumentVisibilityState) => {
  visibility = v;
  document.dispatchEvent(new Event('visibilitychange'));
};

function fakeNotification(permission: NotificationPermission) {
  const made: { title: string; options?: NotificationOptions; close: ReturnType<typeof vi.fn> }[] = [];
  class N {
    static permission = permission;
    static requestPermission = vi.fn(async () => permission);
    close = vi.fn();
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      made.push({ title, options, close: this.close });
    }
  }
  return { N: N as unknown as typeof Notification, made };
}

/** As the composition root does: made, then started. */
function started(N: typeof Notification) {
  const attention = createWebAttention({ document, window, Notification: N });
  attention.start();
  return attention;
}

afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible');
  document.title = 'Companion';
});

describe('web mode attention', () => {
  it('a ringing call in a hidden tab raises a notification and changes the title at once', () => {
    vi.useFakeTimers();
    document.title = 'Companion';
    setVisibility('hidden');
    const { N, made } = fakeNotification('granted');
    const attention = started(N);
    attention.update(card());
    expect(made).toHaveLength(1);
    expect(made[0]!.title).toBe('Llamada entrante: María Soto');
    expect(made[0]!.options?.body).toBe('+56987654321 — Z1 — Bloqueo de Telecobranzas');
    expect(document.title).toBe('Llamada: María Soto'); // no timer before the first change
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('Companion');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('Llamada: María Soto');
    attention.update(card({ phase: 'active' }));
    expect(document.title).toBe('Companion');
    expect(made[0]!.close).toHaveBeenCalled();
    attention.dispose();
  });

  it('flashes the number at once and notifies once the customer is known', () => {
    setVisibility('hidden');
    const { N, made } = fakeNotification('granted');
    const attention = started(N);
    attention.update(card({ identified: false, customerName: null, customerCode: null, blocks: [] }));
    expect(document.title).toBe('Llamada: +56987654321');
    expect(made).toHaveLength(0);
    attention.update(card());
    expect(made).toHaveLength(1);
    expect(made[0]!.title).toBe('Llamada entrante: María Soto');
    expect(document.title).toBe('Llamada: María Soto');
    attention.dispose();
    expect(document.title).toBe('Companion');
  });

  it('stays quiet while the tab is in front, and stops when the agent comes back', () => {
    const { N, made } = fakeNotification('granted');
    const attention = started(N);
    attention.update(card());
    expect(made).toHaveLength(0);
    expect(document.title).toBe('Companion');
    setVisibility('hidden');
    expect(made).toHaveLength(1);
    setVisibility('visible');
    expect(document.title).toBe('Companion');
    attention.dispose();
  });

  it('flashes the title even without notification permission, and asks for it on the first click', () => {
    setVisibility('hidden');
    const { N, made } = fakeNotification('default');
    const attention = started(N);
    attention.update(card({ customerName: null, candidates: 0 }));
    expect(made).toHaveLength(0);
    expect(document.title).toBe('Llamada: +56987654321');
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('pointerdown'));
    expect(
      (N as unknown as { requestPermission: ReturnType<typeof vi.fn> }).requestPermission,
    ).toHaveBeenCalledTimes(1);
    attention.dispose();
  });

  it('listens to nothing before start()', () => {
    const { N } = fakeNotification('default');
    createWebAttention({ document, window, Notification: N });
    window.dispatchEvent(new Event('pointerdown'));
    expect(
      (N as unknown as { requestPermission: ReturnType<typeof vi.fn> }).requestPermission,
    ).not.toHaveBeenCalled();
  });
});
