import { describe, expect, it } from 'vitest';
import { popupAction } from './popupAction';
import { popupPlan, type PopupStep } from './popupPlan';

const planOf = (over: Partial<Parameters<typeof popupPlan>[0]>) =>
  popupPlan({
    codigo: '1',
    bloqueos: [],
    codigoBloqueado: false,
    codigoNuevo: null,
    pedidoAbierto: null,
    ...over,
  });

describe('popupAction', () => {
  const [tc] = planOf({ bloqueos: ['Z1'], pedidoAbierto: { id: 'PED-1', status: 'En ruta' } }) as [PopupStep];

  it('says that OK of the open-order alert sends nothing, and what Cancelar does', () => {
    const text = popupAction(tc, 'open-order-alert');
    expect(text).toMatch(
      /^OK: usted informó al cliente el estado del pedido PED-1; no se envía ningún formulario\./,
    );
    expect(text).toContain('Cancelar: tomar los datos para Telecobranzas');
    expect(text).not.toMatch(/Al presionar OK se envía/);
  });

  it('says that OK sends the form once the alert is answered with Cancelar', () => {
    expect(popupAction(tc)).toBe('Al presionar OK se envía el formulario a: Telecobranzas.');
  });

  describe('while the duplicate guard shows an earlier case', () => {
    const guard = {
      kind: 'recent-case',
      formTitle: 'Datos para Telecobranzas',
      when: 'hoy a las 14:05',
      status: 'pendiente',
      noting: false,
    } as const;

    it('says which case is there and what «Ver» and «Agregar nota» do, never that OK sends a form', () => {
      const text = popupAction(tc, 'default', guard);
      expect(text).toBe(
        'Ya hay un caso por este bloqueo («Datos para Telecobranzas», hoy a las 14:05, en cola en este ' +
          'equipo): no se envía un formulario nuevo. «Ver» muestra ese caso; «Agregar nota» suma lo nuevo ' +
          'al mismo caso.',
      );
      expect(popupAction(tc, 'default', { ...guard, status: 'enviado' })).toContain(
        'hoy a las 14:05, enviado al área):',
      );
    });

    it('wins over the kind of step: a post-sale or supervisor step with a case says the same', () => {
      expect(popupAction(planOf({ bloqueos: ['Z7'] })[0]!, 'default', guard)).toMatch(
        /^Ya hay un caso por este bloqueo/,
      );
    });

    it('says what «Enviar nota» does once the agent chose «Agregar nota»', () => {
      expect(popupAction(tc, 'default', { ...guard, noting: true })).toBe(
        'Al presionar «Enviar nota» se envía una nota al caso «Datos para Telecobranzas» de hoy a las ' +
          '14:05; no se abre un caso nuevo.',
      );
    });
  });

  describe('when the customer says the data was already taken (the supervisor form)', () => {
    it('names where «Informar al supervisor» really sends, and that Telecobranzas gets nothing', () => {
      const text = popupAction(tc, 'already-taken');
      expect(text).toBe(
        'Al presionar «Informar al supervisor» se envía el «Aviso al supervisor» a su supervisor (si no ' +
          'tiene uno asignado, al buzón de supervisores), no a Telecobranzas: él gestiona el desbloqueo con ' +
          'el encargado de cobranzas.',
      );
      expect(text).not.toMatch(/se envía el formulario a: Telecobranzas/);
    });

    it('goes back to the Telecobranzas wording when the agent goes back', () => {
      expect(popupAction(tc, 'default')).toBe('Al presionar OK se envía el formulario a: Telecobranzas.');
    });

    it("yields to the supervisor form's own duplicate guard", () => {
      const guard = {
        kind: 'recent-case',
        formTitle: 'Aviso al supervisor',
        when: 'hoy a las 09:10',
        status: 'enviado',
        noting: false,
      } as const;
      expect(popupAction(tc, 'already-taken', guard)).toMatch(
        /^Ya hay un caso por este bloqueo \(«Aviso al supervisor»/,
      );
    });
  });

  it('while the duplicate guard checks, says so and never that OK sends a form', () => {
    const checking = { kind: 'recent-check' } as const;
    for (const stage of ['default', 'already-taken', 'open-order-alert'] as const) {
      const text = popupAction(tc, stage, checking);
      expect(text).toBe(
        'Revisando si el cliente ya tiene un caso por este bloqueo en las últimas 12 horas: aún no se envía nada.',
      );
    }
  });

  it('names the responsible area of each kind', () => {
    expect(popupAction(planOf({ bloqueos: ['Z4'] })[0]!)).toMatch(/^Ticket postventa/);
    expect(popupAction(planOf({ bloqueos: ['Z3'] })[0]!)).toMatch(/^Sin formulario/);
    // An unknown code: the supervisor form, which goes to the agent's own supervisor.
    expect(popupAction(planOf({ bloqueos: ['Z7'] })[0]!)).toBe(
      'Al presionar «Informar al supervisor» se envía el «Aviso al supervisor» a su supervisor ' +
        '(si no tiene uno asignado, al buzón de supervisores).',
    );
    expect(popupAction(planOf({ codigoBloqueado: true })[0]!)).toMatch(/código nuevo/);
  });
});
