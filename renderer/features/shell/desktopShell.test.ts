import { describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../shared/directory/customer';
import type { MainEvents, PopAction } from '../../../shared/ipc/contract';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import type { LineState } from '../../../shared/telephony/lineState';
import { createDesktopShell } from './desktopShell';
import { popCardFor, type PopSource } from './popCard';

const customer = {
  codigo: 'C-100234',
  nombre: 'María Soto',
  bloqueos: ['Z1'],
  codigoBloqueado: false,
  codigoNuevo: null,
} as unknown as Customer;

const call = (over: Partial<CallSnapshot> = {}): CallSnapshot =>
  ({
    id: 'call-1',
    direction: 'incoming',
    callerId: { label: '+56987654321' },
    phase: 'ringing',
    companion: false,
    consultFor: null,
    transfer: null,
    note: null,
    ...over,
  }) as unknown as CallSnapshot;

const online: LineState = { status: 'online', since: 0 };

function setup(initial: PopSource, { started = true } = {}) {
  let source = initial;
  const listeners = new Set<() => void>();
  let queueListener: (n: number) => void = () => undefined;
  let popActionListener: ((a: PopAction) => void) | null = null;
  const desktop = {
    popShow: vi.fn(async () => undefined),
    popHide: vi.fn(async () => undefined),
    reportShellState: vi.fn(async () => undefined),
    on: vi.fn((event: string, l: (a: MainEvents['popAction']) => void) => {
      expect(event).toBe('popAction');
      popActionListener = l;
      return () => (popActionListener = null);
    }),
  };
  const commands = {
    answer: vi.fn(async () => undefined),
    reject: vi.fn(async () => undefined),
    transfer: vi.fn(async () => ({ ok: true })),
  };
  const attention = { start: vi.fn(), update: vi.fn(), dispose: vi.fn() };
  const shell = createDesktopShell({
    source: { get: () => source, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
    queuedForms: { subscribe: (l) => ((queueListener = l), () => undefined) },
    commands,
    desktop: desktop as never,
    attention,
    log: () => undefined,
  });
  if (started) shell.start();
  const change = (next: Partial<PopSource>) => {
    source = { ...source, ...next };
    for (const l of listeners) l();
  };
  const press = async (action: PopAction) => {
    popActionListener!(action);
    await vi.waitFor(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { shell, desktop, commands, attention, change, press, queue: (n: number) => queueListener(n) };
}

const ringingWithCustomer: PopSource = {
  calls: [call()],
  popup: { call: { callId: 'call-1' }, customer, candidates: [] },
  line: online,
  collectionsFormCalls: [],
};

describe('desktop shell service', () => {
  it('does nothing until start(): no card, no tray state, no listener on the pop window', () => {
    const { shell, desktop, attention } = setup(ringingWithCustomer, { started: false });
    expect(desktop.popShow).not.toHaveBeenCalled();
    expect(desktop.reportShellState).not.toHaveBeenCalled();
    expect(desktop.on).not.toHaveBeenCalled();
    expect(attention.start).not.toHaveBeenCalled();
    shell.start();
    expect(desktop.popShow).toHaveBeenCalledTimes(1);
    expect(attention.start).toHaveBeenCalledTimes(1);
  });

  it('shows the pop card for a ringing call with the customer and blocks', () => {
    const { desktop, attention } = setup(ringingWithCustomer);
    expect(desktop.popShow).toHaveBeenCalledWith(
      expect.objectContaining({
        callId: 'call-1',
        phase: 'ringing',
        customerName: 'María Soto',
        customerCode: 'C-100234',
        blocks: ['Z1 — Bloqueo de Telecobranzas'],
        identified: true,
        canAnswer: true,
        canTransfer: false,
      }),
    );
    expect(attention.update).toHaveBeenCalledWith(expect.objectContaining({ callId: 'call-1' }));
  });

  it('sends a card only when it changes, and hides it when the call ends', () => {
    const { desktop, change } = setup(ringingWithCustomer);
    change({});
    expect(desktop.popShow).toHaveBeenCalledTimes(1);
    change({ calls: [call({ phase: 'active' })] });
    expect(desktop.popShow).toHaveBeenLastCalledWith(
      expect.objectContaining({ phase: 'active', canTransfer: true }),
    );
    change({ calls: [call({ phase: 'ended' })] });
    expect(desktop.popHide).toHaveBeenCalledWith('call-1');
  });

  it("carries out the pop window's buttons on the call", async () => {
    const { commands, press, change } = setup(ringingWithCustomer);
    await press({ callId: 'call-1', action: 'answer' });
    expect(commands.answer).toHaveBeenCalledWith('call-1');
    change({ calls: [call({ phase: 'active' })] });
    await press({ callId: 'call-1', action: 'transfer' });
    expect(commands.transfer).toHaveBeenCalledWith('call-1');
    await press({ callId: 'another', action: 'reject' });
    expect(commands.reject).not.toHaveBeenCalled();
  });

  it('says on the pop card when a transfer fails, and sends the card again after each try', async () => {
    const { commands, press, change, desktop } = setup(ringingWithCustomer);
    change({ calls: [call({ phase: 'active' })] });
    commands.transfer.mockResolvedValue({ ok: false, reason: 'Telecobranzas no contesta' } as never);
    await press({ callId: 'call-1', action: 'transfer' });
    expect(desktop.popShow).toHaveBeenLastCalledWith(
      expect.objectContaining({ notice: 'No se pudo transferir: Telecobranzas no contesta' }),
    );
    // The same refusal again: the card is unchanged, but the pop window's buttons wait for it.
    const sent = desktop.popShow.mock.calls.length;
    await press({ callId: 'call-1', action: 'transfer' });
    expect(desktop.popShow).toHaveBeenCalledTimes(sent + 1);
  });

  it('tells the pop window when a transfer will queue the collections form on screen first', () => {
    const { desktop, change } = setup({ ...ringingWithCustomer, calls: [call({ phase: 'active' })] });
    expect(desktop.popShow).toHaveBeenLastCalledWith(expect.objectContaining({ transferQueuesForm: false }));
    change({ collectionsFormCalls: ['call-1'] });
    expect(desktop.popShow).toHaveBeenLastCalledWith(
      expect.objectContaining({ canTransfer: true, transferQueuesForm: true }),
    );
  });

  it('reports line, queue and call to the tray', () => {
    const { desktop, queue, change } = setup({ ...ringingWithCustomer, calls: [] });
    expect(desktop.reportShellState).toHaveBeenLastCalledWith({
      line: 'online',
      lineLabel: 'En línea',
      queuedForms: 0,
      inCall: false,
    });
    queue(3);
    change({ calls: [call()], line: { status: 'offline', attempt: 1, retryAt: 5, reason: 'x' } });
    expect(desktop.reportShellState).toHaveBeenLastCalledWith({
      line: 'offline',
      lineLabel: 'Sin conexión (reintentando)',
      queuedForms: 3,
      inCall: true,
    });
  });

  it('stops listening when disposed', () => {
    const { shell, desktop, change, attention } = setup(ringingWithCustomer);
    shell.dispose();
    change({ calls: [] });
    expect(desktop.popHide).not.toHaveBeenCalled();
    expect(attention.dispose).toHaveBeenCalled();
  });
});

describe('popCardFor', () => {
  it('does not offer answering in companion mode, nor transfer while the line is down', () => {
    const card = popCardFor({ ...ringingWithCustomer, calls: [call({ companion: true })] });
    expect(card?.canAnswer).toBe(false);
    const down = popCardFor({
      ...ringingWithCustomer,
      calls: [call({ phase: 'active' })],
      line: { status: 'offline', attempt: 0, retryAt: 1, reason: 'x' },
    });
    expect(down?.canTransfer).toBe(false);
  });

  it('follows a new ringing call before the one in progress, and ignores consult calls', () => {
    const card = popCardFor({
      calls: [call({ id: 'new', phase: 'ringing' }), call({ id: 'talking', phase: 'active' })],
      popup: { call: null, customer: null, candidates: [] },
      line: online,
      collectionsFormCalls: [],
    });
    expect(card?.callId).toBe('new');
    expect(
      popCardFor({
        calls: [call({ consultFor: 'x', phase: 'active' })],
        popup: ringingWithCustomer.popup,
        line: online,
        collectionsFormCalls: [],
      }),
    ).toBeNull();
  });

  it('counts the candidates of a shared number', () => {
    const card = popCardFor({
      calls: [call()],
      popup: { call: { callId: 'call-1' }, customer: null, candidates: [customer, customer] },
      line: online,
      collectionsFormCalls: [],
    });
    expect(card).toMatchObject({ customerName: null, candidates: 2, blocks: [] });
  });
});
