import { describe, expect, it } from 'vitest';
import type { Customer } from '../directory/customer';
import { BLOCK_CATALOG, TELECOBRANZAS_BLOCK } from './catalog';
import { popupPlan, popupTitle, stepBlockCodes, stepLabel, type PopupStep } from './popupPlan';

type PlanInput = Parameters<typeof popupPlan>[0];
const customer = (
  over: Partial<Pick<Customer, 'bloqueos' | 'codigoBloqueado' | 'codigoNuevo' | 'pedidoAbierto'>> = {},
): PlanInput => ({
  codigo: '10000001',
  bloqueos: [],
  codigoBloqueado: false,
  codigoNuevo: null,
  pedidoAbierto: null,
  ...over,
});
const codesOf = (steps: PopupStep[]) =>
  steps.map((s) => (s.type === 'replaced' ? s.customerCode : s.codes.join('+')));

describe('popupPlan', () => {
  it('shows nothing for a customer without blocks', () => {
    expect(popupPlan(customer())).toEqual([]);
  });

  it.each(['Z0', 'ZA', 'Z3', 'Z4', 'Z5', 'Z9', 'ZB'] as const)(
    'leads %s to its own catalog entry',
    (code) => {
      const [step, ...rest] = popupPlan(customer({ bloqueos: [code] }));
      expect(rest).toEqual([]);
      expect(step).toMatchObject({
        type: 'block',
        codes: [code],
        definition: BLOCK_CATALOG[code],
        openOrder: null,
      });
    },
  );

  it.each(['Z1', '2M', '2C', 'CÑ', '4A', 'CL', ' cl '])('leads %j to the collections pop-up', (code) => {
    const [step] = popupPlan(customer({ bloqueos: [code] }));
    expect(step).toMatchObject({
      type: 'block',
      codes: [code.trim().toUpperCase()],
      definition: TELECOBRANZAS_BLOCK,
    });
  });

  it('leads an unknown code to the generic pop-up that routes to the supervisor', () => {
    const [step] = popupPlan(customer({ bloqueos: ['Z7'] }));
    expect(step?.type).toBe('unknown');
    expect(step?.type === 'unknown' && step.codes).toEqual(['Z7']);
    expect(step?.type === 'unknown' && step.script.join(' ')).toMatch(/supervisor/);
  });

  it('shows a replaced code first, with its new code (or none)', () => {
    const withNew = popupPlan(customer({ codigoBloqueado: true, codigoNuevo: '10000002', bloqueos: ['Z1'] }));
    expect(withNew[0]).toMatchObject({ type: 'replaced', customerCode: '10000001', newCode: '10000002' });
    expect(codesOf(withNew)).toEqual(['10000001', 'Z1']);
    const withoutNew = popupPlan(customer({ codigoBloqueado: true }));
    expect(withoutNew).toEqual([expect.objectContaining({ type: 'replaced', newCode: null })]);
  });

  it('orders several blocks: replaced, Z3, safety (Z5 Z4 ZB ZA Z0), Z9, collections, unknown', () => {
    const plan = popupPlan(
      customer({ codigoBloqueado: true, bloqueos: ['Z7', 'Z1', 'Z9', 'Z0', 'ZA', 'ZB', 'Z4', 'Z5', 'Z3'] }),
    );
    expect(codesOf(plan)).toEqual(['10000001', 'Z3', 'Z5', 'Z4', 'ZB', 'ZA', 'Z0', 'Z9', 'Z1', 'Z7']);
  });

  it('shows every block of the fixtures with several: Z4;ZB;Z1 and Z3;2M', () => {
    expect(codesOf(popupPlan(customer({ bloqueos: ['Z4', 'ZB', 'Z1'] })))).toEqual(['Z4', 'ZB', 'Z1']);
    expect(codesOf(popupPlan(customer({ bloqueos: ['2M', 'Z3'] })))).toEqual(['Z3', '2M']);
  });

  it('merges all collections codes into one step (one form) that names them all', () => {
    const plan = popupPlan(customer({ bloqueos: ['2M', 'Z1', ' cl '] }));
    expect(plan).toHaveLength(1);
    expect(plan[0] && stepBlockCodes(plan[0])).toEqual(['2M', 'Z1', 'CL']);
  });

  it('keeps one step per unknown code, after everything known', () => {
    expect(codesOf(popupPlan(customer({ bloqueos: ['Z7', 'Z4', 'Q12'] })))).toEqual(['Z4', 'Z7', 'Q12']);
  });

  it('attaches the open order to the collections step only', () => {
    const pedidoAbierto = { id: 'PED-1029', status: 'En ruta' };
    const plan = popupPlan(customer({ bloqueos: ['Z4', 'Z1', 'ZB'], pedidoAbierto }));
    const withOrder = plan.filter((s) => s.type === 'block' && s.openOrder !== null);
    expect(withOrder.map(stepBlockCodes)).toEqual([['Z1']]);
    expect(withOrder[0]?.type === 'block' && withOrder[0].openOrder).toMatchObject({
      id: 'PED-1029',
      status: 'En ruta',
    });
    expect(withOrder[0]?.type === 'block' && withOrder[0].openOrder?.script[0]).toMatch(/PED-1029.*En ruta/);
    // Without a collections block an open order raises no alert.
    const noTc = popupPlan(customer({ bloqueos: ['Z4'], pedidoAbierto }));
    expect(noTc.every((s) => s.type !== 'block' || s.openOrder === null)).toBe(true);
  });

  it('ignores empty codes', () => {
    expect(popupPlan(customer({ bloqueos: ['', '  '] }))).toEqual([]);
  });
});

describe('popupTitle', () => {
  it('starts with "Bloqueo <CODE>" for every block step', () => {
    const cases: Array<[PlanInput, string]> = [
      [customer({ bloqueos: ['Z4'] }), 'Bloqueo Z4 — Bloqueo instalación fuera de norma'],
      [customer({ bloqueos: [' cl '] }), 'Bloqueo CL — Bloqueo de Telecobranzas'],
      [customer({ bloqueos: ['Z7'] }), 'Bloqueo Z7 — código desconocido'],
    ];
    for (const [input, title] of cases) expect(popupTitle(popupPlan(input)[0] as PopupStep)).toBe(title);
  });

  it('never calls a replaced customer code a block: its own title, label and no block code', () => {
    const [step] = popupPlan(customer({ codigoBloqueado: true })) as [PopupStep];
    expect(popupTitle(step)).toBe('Código de cliente 10000001 bloqueado — reemplazado por un código nuevo');
    expect(popupTitle(step)).not.toMatch(/^Bloqueo/);
    expect(stepLabel(step)).toBe('Código 10000001');
    expect(stepBlockCodes(step)).toEqual([]);
  });

  it('names every merged collections code', () => {
    const [step] = popupPlan(customer({ bloqueos: ['Z1', '2M'] }));
    expect(popupTitle(step as PopupStep)).toMatch(/^Bloqueo Z1 · 2M /);
  });
});

describe('popupPlan with a code written twice', () => {
  it('shows it once, as one pop-up', () => {
    expect(codesOf(popupPlan(customer({ bloqueos: ['Z1', ' z1 ', 'Z7', 'z7', 'Z4', 'z4'] })))).toEqual([
      'Z4',
      'Z1',
      'Z7',
    ]);
  });
});
