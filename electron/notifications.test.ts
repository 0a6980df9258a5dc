import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { callNotificationText, createCallNotifier, type NotificationOptions } from './notifications';
import { samplePopCard } from '../test/fixtures/desktop';

vi.mock('electron', () => ({}));

const card = samplePopCard;

function setup(hidden: boolean, supported = true) {
  type Handle = EventEmitter & { show: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> };
  const shown: (NotificationOptions & { handle: Handle })[] = [];
  let appHidden = hidden;
  const onClick = vi.fn();
  const notifier = createCallNotifier({
    notifications: {
      isSupported: () => supported,
      create: (options) => {
        const handle = Object.assign(new EventEmitter(), { show: vi.fn(), close: vi.fn() });
        shown.push({ ...options, handle });
        return handle;
      },
    },
    isAppHidden: () => appHidden,
    onClick,
    logger: createLogger({ filePath: null, stderr: { write: () => true } }),
  });
  return { notifier, shown, onClick, setHidden: (h: boolean) => (appHidden = h) };
}

describe('call notifications', () => {
  it('notify a ringing call with customer and blocks when the app is hidden', () => {
    const { notifier, shown } = setup(true);
    notifier.update(card({ blocks: ['Z1 — Cobranza', 'ZB — Visita'] }));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: 'Llamada entrante: +56 9 8765 4321',
      body: 'María Soto (C-100234) — Z1 — Cobranza · ZB — Visita',
      silent: true,
    });
    expect(shown[0]!.handle.show).toHaveBeenCalled();
  });

  it('wait for the directory look-up, so they name the customer', () => {
    const { notifier, shown } = setup(true);
    notifier.update(card({ identified: false, customerName: null, customerCode: null, blocks: [] }));
    expect(shown).toHaveLength(0);
    notifier.update(card());
    expect(shown[0]!.body).toMatch(/^María Soto/);
  });

  it('stay quiet while the agent can see the app', () => {
    const { notifier, shown } = setup(false);
    notifier.update(card());
    expect(shown).toHaveLength(0);
  });

  it('notify once per call, and close when it is answered or hung up', () => {
    const { notifier, shown } = setup(true);
    notifier.update(card());
    notifier.update(card({ notice: 'x' }));
    expect(shown).toHaveLength(1);
    notifier.update(card({ phase: 'active' }));
    expect(shown[0]!.handle.close).toHaveBeenCalled();
    notifier.update(card({ callId: 'call-2' }));
    notifier.close('call-2');
    expect(shown[1]!.handle.close).toHaveBeenCalled();
  });

  it('a click brings the call up', () => {
    const { notifier, shown, onClick } = setup(true);
    notifier.update(card());
    shown[0]!.handle.emit('click');
    expect(onClick).toHaveBeenCalledWith('call-1');
  });

  it('does nothing where the system has no notifications', () => {
    const { notifier, shown } = setup(true, false);
    notifier.update(card());
    expect(shown).toHaveLength(0);
  });

  it('words an unknown caller and a shared number', () => {
    expect(callNotificationText(card({ customerName: null, customerCode: null, blocks: [] })).body).toBe(
      'No está en el directorio — sin bloqueos',
    );
    expect(
      callNotificationText(card({ customerName: null, customerCode: null, blocks: [], candidates: 3 })).body,
    ).toBe('3 clientes con este número: elija en Companion — sin bloqueos');
  });
});
