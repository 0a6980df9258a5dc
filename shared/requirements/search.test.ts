import { describe, expect, it } from 'vitest';
import { searchLeaves } from './search';
import { leafPath } from './typology';

const found = (query: string) =>
  searchLeaves(query).map((m) => `${leafPath(m.leaf)} [${m.isTicket ? 'ticket' : 'no'}]`);

describe('searchLeaves', () => {
  it('"marcador" finds the ticket and the emergency notice, and tells them apart', () => {
    expect(found('marcador')).toEqual([
      'Servicio › Problemas con instalación › Marcador de % pegado [no]',
      'Servicio › Abastecen menos de lo solicitado › Problemas en marcador % [ticket]',
    ]);
  });

  it('ignores accents, case and punctuation', () => {
    expect(found('CAMION SIN')).toEqual([
      'Servicio › Abastecen menos de lo solicitado › Camión sin gas [ticket]',
    ]);
    expect(found('razon social')).toEqual(found('Razón  Social!'));
    expect(found('razón social')).toEqual([
      'Servicio › Problema de bloqueo › Cambio de razón social [no]',
      'Postventa › Cambio razón social [no]',
    ]);
  });

  it('takes word prefixes in any order, over asunto, item and sub-item', () => {
    expect(found('factura')).toEqual([
      'Pagos › Relativos al pago › Debe factura [ticket]',
      'Pagos › No recibe factura [no]',
    ]);
    expect(found('pago error')).toEqual(['Pagos › Relativos al pago › Error en cobro [ticket]']);
    expect(found('bloqueo pagos')).toEqual(['Servicio › Problema de bloqueo › Pagos pendientes [ticket]']);
  });

  it('puts leaves whose own words match before those matched by their item', () => {
    const results = found('fuga');
    expect(results[0]).toBe('Postventa › Atención comercial por fuga › Fuga redes exterior [ticket]');
    expect(results).toHaveLength(2);
    expect(found('tripulacion').length).toBe(2);
  });

  it('finds nothing for nothing, and caps the list', () => {
    expect(searchLeaves('   ')).toEqual([]);
    expect(searchLeaves('xyzzy')).toEqual([]);
    expect(searchLeaves('a', 5)).toHaveLength(5);
  });
});
