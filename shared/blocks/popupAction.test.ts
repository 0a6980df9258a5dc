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
      const text = popupAction(tc, guard);
      expect(text).toBe(
        'Ya hay un caso por este bloqueo («Datos para Telecobranzas», hoy a las 14:05, en cola en este ' +
          'equipo): no se envía un formulario nuevo. «Ver» muestra ese caso; «Agregar nota» suma lo nuevo ' +
          'al mismo caso.',
      );
      expect(popupAction(tc, { ...guard, status: 'enviado' })).toContain(
        'hoy a las 14:05, enviado al área):',
      );
    });

    it('wins over the kind of step: a post-sale or supervisor step with a case says the same', () => {
      expect(popupAction(planOf({ bloqueos: ['Z7'] })[0]!, guard)).toMatch(
        /^Ya hay un caso por este bloqueo/,
      );
    });

    it('says what «Enviar nota» does once the agent chose «Agregar nota»', () => {
      expect(popupAction(tc, { ...guard, noting: true })).toBe(
        'Al presionar «Enviar nota» se envía una nota al caso «Datos para Telecobranzas» de hoy a las ' +
          '14:05; no se abre un caso nuevo.',
      );
    });
  });

  it('names the responsible area of each kind', () => {
    expect(popupAction(planOf({ bloqueos: ['Z4'] })[0]!)).toMatch(/^Ticket postventa/);
    expect(popupAction(planOf({ bloqueos: ['Z3'] })[0]!)).toMatch(/^Sin formulario/);
    expect(popupAction(planOf({ bloqueos: ['Z7'] })[0]!)).toMatch(/Supervisor del turno/);
    expect(popupAction(planOf({ codigoBloqueado: true })[0]!)).toMatch(/código nuevo/);
  });
});
