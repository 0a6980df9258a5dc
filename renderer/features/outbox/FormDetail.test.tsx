// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FormDetail } from './FormDetail';
import type { SyncedOutboxEntry } from './outboxRepo';

const written = '2026-12-02T14:05:00.000Z';

function entry(overrides: Partial<SyncedOutboxEntry> = {}): SyncedOutboxEntry {
  return {
    id: '5f0c2a4e-1111-4222-8333-944455556666',
    status: 'enviado',
    attempts: 1,
    lastError: null,
    createdAt: written,
    ticket: null,
    submission: {
      id: '5f0c2a4e-1111-4222-8333-944455556666',
      formId: 'ticketBloqueo',
      customerCode: '90000020',
      customerName: 'Carolina Soto',
      blockCodes: ['Z4'],
      agent: 'agente',
      createdAt: written,
      values: { contactName: 'Carolina Soto', contactEmail: 'c@correo.cl', contactPhone: '912345678' },
    },
    ...overrides,
  };
}

const noop = () => undefined;
afterEach(cleanup);

describe('a form opened from «Formularios»', () => {
  it('gives the ticket the back office opened and its due date', () => {
    render(
      <FormDetail
        entry={entry({
          ticket: {
            id: 'PV-0000123',
            typology: { area: 'Postventa', item: 'Problema de bloqueo' } as never,
            dueDate: '2026-12-09',
            status: 'abierto',
            created: true,
          },
        })}
        related={undefined}
        onClose={noop}
        onCorrect={noop}
        onResend={noop}
        resendError={null}
      />,
    );
    const answer = screen.getByRole('region', { name: 'Respuesta de la central' });
    expect(answer.textContent).toContain('Ticket PV-0000123, vence 09-12-2026');
    expect(answer.textContent).toContain('La central lo abrió con este formulario.');
    const sent = screen.getByRole('region', { name: 'Lo enviado' });
    expect(within(sent).getByText('Correo electrónico').nextSibling?.textContent).toBe('c@correo.cl');
    expect(document.body.textContent).not.toContain('5f0c2a4e');
  });

  it('gives the refusal reason and offers to correct or resend it', async () => {
    const onCorrect = vi.fn();
    const onResend = vi.fn();
    render(
      <FormDetail
        entry={entry({ status: 'rechazado', lastError: 'RUT del titular: RUT inválido.' })}
        related={undefined}
        onClose={noop}
        onCorrect={onCorrect}
        onResend={onResend}
        resendError={null}
      />,
    );
    const answer = screen.getByRole('region', { name: 'Respuesta de la central' });
    expect(answer.textContent).toContain('Rechazado: RUT del titular: RUT inválido.');
    await userEvent.click(within(answer).getByRole('button', { name: 'Corregir' }));
    await userEvent.click(within(answer).getByRole('button', { name: 'Reenviar' }));
    expect(onCorrect).toHaveBeenCalledOnce();
    expect(onResend).toHaveBeenCalledOnce();
  });
  it('a form this desk set aside says whether its supervisor has the notice yet', () => {
    const parked = (state: 'pendiente' | 'enviado') =>
      entry({
        status: 'rechazado',
        lastError: 'La central falla cada vez que recibe este formulario…',
        parkReport: {
          state,
          detail: 'La central tuvo un error (500).',
          parkedAt: written,
          reportedAt: state === 'enviado' ? written : null,
          failures: 0,
        },
      });
    const detail = (shown: SyncedOutboxEntry) => (
      <FormDetail
        entry={shown}
        related={undefined}
        onClose={noop}
        onCorrect={noop}
        onResend={noop}
        resendError={null}
      />
    );
    const { rerender } = render(detail(parked('pendiente')));
    const answer = () => screen.getByRole('region', { name: 'Respuesta de la central' }).textContent;
    expect(answer()).toContain('El aviso a su supervisor sale solo en cuanto la central lo reciba.');
    rerender(detail(parked('enviado')));
    expect(answer()).toContain('Su supervisor tiene el aviso en su bandeja de escalamientos');
  });
});
