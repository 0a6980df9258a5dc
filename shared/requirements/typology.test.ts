import { describe, expect, it } from 'vitest';
import { FORMS } from '../forms/fields';
import { validateForm } from '../forms/schemas';
import { INVOICE_WIKI_URL, QUOTATION_FORM_URL, type GuidanceChannel } from './guidance';
import {
  BLOCK_PROBLEM_LEAF_ID,
  LEAVES,
  TICKET_LEAVES,
  TYPOLOGY,
  leafById,
  leafPath,
  type TypologyLeaf,
} from './typology';

/**
 * Seed 001, read by hand: every leaf and what it must lead to. A leaf added, dropped or changed in
 * typology.ts without changing this table fails here.
 */
type Expected =
  | { ticket: 'postventa' | 'motivo' | 'fuera-de-plazo' | 'inconformidad' | 'trasvasije'; days: number }
  | { guidance: GuidanceChannel; documents?: string[]; link?: string };

const T = (days = 5): Expected => ({ ticket: 'postventa', days });
const SV = (documents?: string[]): Expected => ({
  guidance: 'sucursal-virtual',
  ...(documents ? { documents } : {}),
});

const SEED: Array<[string, Expected]> = [
  ['Servicio › Problemas con instalación › Instalación fuera de norma, cliente informado', T()],
  ['Servicio › Problemas con instalación › Instalación fuera de norma, cliente no informado', T()],
  ['Servicio › Problemas con instalación › Marcador de % pegado', { guidance: 'aviso-emergencia' }],
  ['Servicio › Cotización de tanque', { guidance: 'formulario-web', link: QUOTATION_FORM_URL }],
  ['Servicio › Mala atención personal de terreno › Por trato', T()],
  ['Servicio › Mala atención personal de terreno › Por información', T()],
  [
    'Servicio › Retiro de tanque',
    SV(['Certificado de dominio vigente (vigencia 90 días)', 'Copia de carnet', 'Foto de placa']),
  ],
  ['Servicio › No respetan precio de fecha de entrega', T()],
  ['Servicio › Solicita entrega en tipo de camión X › No corresponde cambio', T()],
  ['Servicio › Solicita entrega en tipo de camión X › Camión modificado', T()],
  ['Servicio › Problema de bloqueo › Fuera de norma', T()],
  ['Servicio › Problema de bloqueo › Pagos pendientes', T()],
  ['Servicio › Problema de bloqueo › Duplicidad', T()],
  ['Servicio › Problema de bloqueo › Cambio de razón social', SV()],
  ['Servicio › Problema de bloqueo › En proceso de certificación', T()],
  ['Servicio › Problema de bloqueo › Error de creación', T()],
  ['Servicio › Problema de bloqueo › Sin consumo', T()],
  ['Servicio › Problema de bloqueo › Instalación requiere visita', T()],
  ['Servicio › Abastecen más de lo solicitado › Error tripulación', T()],
  ['Servicio › Abastecen más de lo solicitado › Solicitud cliente', T()],
  ['Servicio › Abastecen menos de lo solicitado › Capacidad tanque', T()],
  ['Servicio › Abastecen menos de lo solicitado › Responsabilidad cliente', T()],
  ['Servicio › Abastecen menos de lo solicitado › Error tripulación', T()],
  ['Servicio › Abastecen menos de lo solicitado › Problemas en marcador %', T()],
  ['Servicio › Abastecen menos de lo solicitado › Camión sin gas', T()],
  ['Servicio › Mala atención › Telefónica (mala atención telefónica/presencial)', T()],
  ['Servicio › Mala atención › Personal de req', T()],
  ['Servicio › Mala o no atención de emergencias › En visita', T()],
  ['Servicio › Mala o no atención de emergencias › Por inconformidad de solución', T()],
  ['Servicio › Pedido no registrado › Por error de ejecutivo / Call Center', T()],
  ['Servicio › Pedido no registrado › Por error de sistema / APP - Sitio web', T()],
  ['Servicio › Pedido no entregado', { guidance: 'atraso-entrega' }],
  ['Servicio › Pedido mal registrado › Por error de ejecutivo / Call Center - Sitio web', T()],
  ['Servicio › Pedido mal registrado › Por error de cliente / APP - Sitio web', T()],
  ['Servicio › Daños a la propiedad', SV(['Fotos del daño'])],
  ['Servicio › Proceso de reinspección de tanque (tanque vencido)', SV(['Foto de placa'])],
  ['Servicio › Problemas con entrega de antecedentes de Inscripción SEC Certificación Instalaciones', T()],
  [
    'Servicio › No conforme con atención de requerimiento › Respuesta fuera de plazo',
    { ticket: 'fuera-de-plazo', days: 5 },
  ],
  [
    'Servicio › No conforme con atención de requerimiento › Inconformidad en la respuesta',
    { ticket: 'inconformidad', days: 5 },
  ],
  ['Servicio › Otros (Servicio)', { ticket: 'motivo', days: 5 }],
  ['Pagos › Relativos al pago › Por formas de pago', T()],
  ['Pagos › Relativos al pago › Debe vuelto', T()],
  ['Pagos › Relativos al pago › Debe factura', T()],
  ['Pagos › Relativos al pago › Cobros irregulares con tarjetas', T()],
  ['Pagos › Relativos al pago › Error en cobro', T()],
  ['Pagos › Relativos al pago › Inconformidad en precios', T()],
  ['Pagos › Relativos al pago › No se puede realizar transacción', T()],
  ['Pagos › Relativos al pago › Campañas promocionales', T()],
  ['Pagos › Relativos al pago › NC pendiente por retiro de gas', T()],
  ['Pagos › Otros (Pagos)', { guidance: 'no-usar' }],
  ['Pagos › No recibe factura', { guidance: 'sucursal-virtual', link: INVOICE_WIKI_URL }],
  ['Pagos › Devolución por trasvasije de gas', { ticket: 'trasvasije', days: 5 }],
  ['Postventa › Cambio ubicación tanque › No factibilidad técnica', T(10)],
  ['Postventa › Cambio ubicación tanque › No aprueba presupuesto', T(10)],
  ['Postventa › Cambio ubicación tanque › Generación nuevo proyecto', T(10)],
  ['Postventa › Cambio razón social', SV()],
  ['Postventa › Atención comercial por fuga › Fuga redes exterior', T(2)],
  ['Postventa › Atención comercial por fuga › Fuga redes interiores', T(2)],
  ['Postventa › Normalización instalación › Normalización por parte de cliente', T(10)],
  ['Postventa › Normalización instalación › Normalización por parte de Abastible', T(10)],
  ['Postventa › Cambio de tanques aéreos a subterráneos › Cambio de tanques aéreos a subterráneos', T(10)],
  ['Postventa › Problema acceso camión › Problema acceso camión', T()],
  ['Postventa › Cambio formato tanque › No factibilidad técnica', T(10)],
  ['Postventa › Cambio formato tanque › No aprueba presupuesto', T(10)],
  ['Postventa › Cambio formato tanque › Generación nuevo proyecto', T(10)],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Solicitud de cambio', T(10)],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Cronogramas', T(10)],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Plazos de ejecución cambios', T(10)],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Trabajos efectuados', T(10)],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Retiro de instalaciones', T(10)],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Restitución señalética', T(10)],
  [
    'Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Habilitación del servicio/deuda',
    T(10),
  ],
  ['Cambio de Empresa Distribuidora › Cambio de Empresa Distribuidora › Otros', T(10)],
];

const byPath = new Map<string, TypologyLeaf>(LEAVES.map((leaf) => [leafPath(leaf), leaf]));

describe('post-sale typology (seed 001)', () => {
  it('has exactly the seed’s leaves, in its order', () => {
    expect(LEAVES.map(leafPath)).toEqual(SEED.map(([path]) => path));
    expect(LEAVES).toHaveLength(73);
    expect(TICKET_LEAVES).toHaveLength(63);
  });

  it('gives every leaf a unique, stable-looking id', () => {
    const ids = LEAVES.map((leaf) => leaf.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(\.[a-z0-9-]+){1,2}$/);
    expect(TYPOLOGY.map((a) => a.label)).toEqual([
      'Servicio',
      'Pagos',
      'Postventa',
      'Cambio de Empresa Distribuidora',
    ]);
  });

  it('has the two leaves the old server list lacked', () => {
    expect(byPath.get('Servicio › No respetan precio de fecha de entrega')?.outcome.kind).toBe('ticket');
    expect(byPath.get('Servicio › Problema de bloqueo › Cambio de razón social')).toBeDefined();
  });

  it('the Z4 pop-up’s ticket is «Problema de bloqueo › Fuera de norma»', () => {
    expect(leafPath(leafById(BLOCK_PROBLEM_LEAF_ID)!)).toBe(
      'Servicio › Problema de bloqueo › Fuera de norma',
    );
  });
});

describe.each(SEED)('%s', (path, expected) => {
  const leaf = () => {
    const found = byPath.get(path);
    if (!found) throw new Error(`no leaf ${path}`);
    return found;
  };

  if ('ticket' in expected) {
    it(`opens a ticket (${expected.ticket}) due in ${expected.days} business days`, () => {
      const { outcome } = leaf();
      if (outcome.kind !== 'ticket') throw new Error('not a ticket');
      expect(outcome.defaultDueBusinessDays).toBe(expected.days);
      expect(outcome.form).toBe(expected.ticket === 'motivo' ? 'postventaMotivo' : 'postventa');
      expect(outcome.insistence ?? null).toBe(
        expected.ticket === 'fuera-de-plazo' || expected.ticket === 'inconformidad' ? expected.ticket : null,
      );
      expect(outcome.walkthrough ?? null).toBe(expected.ticket === 'trasvasije' ? 'trasvasije' : null);
      // Name, e-mail and phone at least (seed 000 and the issue).
      const required = FORMS[outcome.form].fields.filter((f) => f.required).map((f) => f.name);
      expect(required).toEqual(expect.arrayContaining(['contactName', 'contactEmail', 'contactPhone']));
    });
  } else {
    it(`is not a ticket: ${expected.guidance}`, () => {
      const { outcome } = leaf();
      if (outcome.kind !== 'guidance') throw new Error('a ticket');
      const g = outcome.guidance;
      expect(g.channel).toBe(expected.guidance);
      expect(g.headline.length).toBeGreaterThan(10);
      expect(g.doThis.length).toBeGreaterThan(0);
      if (expected.guidance !== 'no-usar') expect(g.tellCustomer.length).toBeGreaterThan(0);
      expect(g.documents ?? []).toEqual(expected.documents ?? []);
      if (expected.link) expect(g.links?.map((l) => l.url)).toContain(expected.link);
    });
  }
});

describe('leaf texts the seed states', () => {
  const guidanceOf = (path: string) => {
    const outcome = byPath.get(path)!.outcome;
    if (outcome.kind !== 'guidance') throw new Error('a ticket');
    return outcome.guidance;
  };

  it('marcador de % pegado: emergency notice', () => {
    expect(guidanceOf('Servicio › Problemas con instalación › Marcador de % pegado').headline).toMatch(
      /aviso de emergencia/,
    );
  });

  it('cotización: an insisting customer gets no post-sale ticket either', () => {
    expect(guidanceOf('Servicio › Cotización de tanque').doThis.join(' ')).toMatch(
      /insistencias del cliente tampoco se ingresa postventa/,
    );
  });

  it('Otros (Pagos) is shown as not to be used', () => {
    expect(guidanceOf('Pagos › Otros (Pagos)').headline).toBe('NO UTILIZAR ESTA TIPIFICACIÓN.');
  });

  it('cambio de razón social: for habitacional, comercial and industrial customers', () => {
    const text = JSON.stringify(guidanceOf('Postventa › Cambio razón social'));
    for (const segment of ['habitacionales', 'comerciales', 'industriales']) expect(text).toContain(segment);
  });

  it('the seed’s contradiction: Problema de bloqueo › Cambio de razón social is guidance, with the Z3 search', () => {
    const g = guidanceOf('Servicio › Problema de bloqueo › Cambio de razón social');
    expect(g.doThis.join(' ')).toMatch(/No ingrese ticket/);
    expect(g.doThis.join(' ')).toMatch(/comuna y número/);
    expect(TICKET_LEAVES.some((leaf) => /raz[oó]n social/i.test(leaf.label))).toBe(false);
  });

  it('Otros (Servicio) refuses a form without the reason', () => {
    const base = {
      contactName: 'Ana Rojas',
      contactEmail: 'ana@correo.cl',
      contactPhone: '+56 9 8765 4321',
      rut: '12.345.678-5',
    };
    expect(validateForm('postventaMotivo', base)).toEqual({
      ok: false,
      fieldErrors: { observations: 'Este dato es obligatorio.' },
    });
    expect(validateForm('postventaMotivo', { ...base, observations: 'otro' })).toEqual({
      ok: false,
      fieldErrors: { observations: 'Escriba al menos 15 caracteres.' },
    });
    expect(
      validateForm('postventaMotivo', { ...base, observations: 'Cliente pide cambio de medidor' }).ok,
    ).toBe(true);
    expect(validateForm('postventa', base).ok).toBe(true);
  });
});
