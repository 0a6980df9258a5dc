// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MainEvents, PopCard } from '../../shared/ipc/contract';
import { PopView, type PopBridge } from './PopView';
import { samplePopCard } from '../../test/fixtures/desktop';

afterEach(cleanup);

const card = samplePopCard;

function fakeBridge(initial: PopCard | null = null) {
  let listener: ((card: MainEvents['popCard']) => void) | null = null;
  const bridge = {
    popCurrent: vi.fn(async () => initial),
    popAct: vi.fn(async () => undefined),
    popOpenMain: vi.fn(async () => undefined),
    popDismiss: vi.fn(async () => undefined),
    log: vi.fn(async () => undefined),
    on: vi.fn((event: string, l: (card: MainEvents['popCard']) => void) => {
      expect(event).toBe('popCard');
      listener = l;
      return () => (listener = null);
    }),
  };
  const push = (next: PopCard | null) => act(() => listener!(next));
  return {
    bridge: bridge as unknown as PopBridge & typeof bridge,
    push,
    subscribed: () => listener !== null,
  };
}

describe('pop window view', () => {
  it('shows who calls and their blocks, with Contestar and Rechazar while it rings', async () => {
    const { bridge } = fakeBridge(card());
    render(<PopView bridge={bridge} />);
    expect(await screen.findByRole('heading', { name: 'Llamada entrante' })).toBeTruthy();
    expect(screen.getByText('María Soto')).toBeTruthy();
    expect(screen.getByText('+56 9 8765 4321')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Bloqueos' }).textContent).toContain('Z1 — Cobranza');
    expect(screen.getByRole('button', { name: 'Contestar' })).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Transferir a Telecobranzas' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it("its buttons act on this call, once (the main window's answer updates the card)", async () => {
    const user = userEvent.setup();
    const { bridge, push } = fakeBridge(card());
    render(<PopView bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Contestar' }));
    expect(bridge.popAct).toHaveBeenCalledWith({ callId: 'call-1', action: 'answer' });
    expect((screen.getByRole('button', { name: 'Rechazar' }) as HTMLButtonElement).disabled).toBe(true);

    push(card({ phase: 'active', canTransfer: true }));
    expect(screen.getByRole('heading', { name: 'En llamada' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Contestar' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Transferir a Telecobranzas' }));
    expect(bridge.popAct).toHaveBeenLastCalledWith({ callId: 'call-1', action: 'transfer' });

    push(card({ phase: 'active', canTransfer: true, notice: 'No se pudo transferir: ocupado' }));
    expect(screen.getByRole('status').textContent).toBe('No se pudo transferir: ocupado');
  });

  it('says when the transfer will save the collections form of the main window first', async () => {
    const { bridge } = fakeBridge(card({ phase: 'active', canTransfer: true, transferQueuesForm: true }));
    render(<PopView bridge={bridge} />);
    const button = await screen.findByRole('button', { name: 'Guardar datos y transferir a Telecobranzas' });
    expect(button.getAttribute('title')).toContain('ventana principal');
  });

  it('Rechazar, Abrir ficha, Ocultar and Escape', async () => {
    const user = userEvent.setup();
    const { bridge } = fakeBridge(card());
    render(<PopView bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Rechazar' }));
    expect(bridge.popAct).toHaveBeenCalledWith({ callId: 'call-1', action: 'reject' });
    await user.click(screen.getByRole('button', { name: 'Abrir ficha' }));
    expect(bridge.popOpenMain).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Ocultar' }));
    await user.keyboard('{Escape}');
    expect(bridge.popDismiss).toHaveBeenCalledTimes(2);
    expect(bridge.popDismiss).toHaveBeenCalledWith('call-1');
  });

  it('says it is looking the caller up until the directory answers', async () => {
    const { bridge, push } = fakeBridge(
      card({ identified: false, customerName: null, customerCode: null, blocks: [] }),
    );
    render(<PopView bridge={bridge} />);
    expect(await screen.findByText('Buscando en el directorio…')).toBeTruthy();
    push(card());
    expect(screen.getByText('María Soto')).toBeTruthy();
  });

  it('words an unknown caller and a number shared by several customers', async () => {
    const { bridge, push } = fakeBridge(card({ customerName: null, customerCode: null, blocks: [] }));
    render(<PopView bridge={bridge} />);
    expect(await screen.findByText('No está en el directorio')).toBeTruthy();
    expect(screen.getByText('Sin bloqueos')).toBeTruthy();
    push(card({ customerName: null, customerCode: null, candidates: 3 }));
    expect(screen.getByText('3 clientes con este número')).toBeTruthy();
  });

  it('is empty between calls, and a failed action gives the buttons back', async () => {
    const user = userEvent.setup();
    const { bridge, push } = fakeBridge(null);
    render(<PopView bridge={bridge} />);
    await act(async () => undefined);
    expect(screen.queryByRole('button')).toBeNull();
    push(card());
    bridge.popAct.mockRejectedValueOnce(new Error('Solicitud rechazada por la aplicación.'));
    await user.click(screen.getByRole('button', { name: 'Contestar' }));
    await vi.waitFor(() =>
      expect((screen.getByRole('button', { name: 'Contestar' }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(bridge.log).toHaveBeenCalledWith(
      'warn',
      'pop action failed',
      expect.objectContaining({ action: 'answer' }),
    );
  });
});
