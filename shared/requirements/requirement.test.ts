import { describe, expect, it } from 'vitest';
import { formSubmissionSchema } from '../forms/submission';
import { requirementIssues } from './requirement';

const values = {
  contactName: 'Ana Rojas',
  contactEmail: 'ana@correo.cl',
  contactPhone: '+56 9 8765 4321',
  rut: '12.345.678-5',
};

const submission = (over: Record<string, unknown>) => ({
  id: '3f1c2a8e-5b7d-4c3a-9e2f-1a2b3c4d5e6f',
  formId: 'postventa',
  customerCode: '90000003',
  customerName: 'María José Contreras Silva',
  blockCodes: [],
  agent: 'ejecutiva01',
  createdAt: '2026-11-26T14:05:00-03:00',
  values,
  ...over,
});

const messages = (raw: unknown) => {
  const result = formSubmissionSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('post-sale forms in the submission envelope', () => {
  it('accepts a ticket leaf with its form', () => {
    expect(
      messages(submission({ requirement: { typeId: 'servicio.abastecen-menos.camion-sin-gas' } })),
    ).toEqual([]);
  });

  it('refuses a leaf that must not be a ticket, saying what to do instead', () => {
    expect(messages(submission({ requirement: { typeId: 'servicio.retiro-tanque' } }))).toEqual([
      'requirement.typeId: «Servicio › Retiro de tanque» no se ingresa como ticket: Retiro de tanque: se gestiona en la Sucursal Virtual.',
    ]);
    expect(messages(submission({ requirement: { typeId: 'pagos.otros' } }))[0]).toMatch(/NO UTILIZAR/);
    expect(
      messages(submission({ requirement: { typeId: 'servicio.problema-bloqueo.cambio-razon-social' } }))[0],
    ).toMatch(/no se ingresa como ticket/);
  });

  it('refuses an unknown leaf, a missing one, and a requirement on a block form', () => {
    expect(messages(submission({ requirement: { typeId: 'servicio.inventado' } }))).toEqual([
      'requirement.typeId: Tipificación desconocida «servicio.inventado».',
    ]);
    expect(messages(submission({}))).toEqual(['requirement: Falta la tipificación del requerimiento.']);
    expect(
      messages(
        submission({
          formId: 'supervisor',
          values: {},
          requirement: { typeId: 'servicio.abastecen-menos.camion-sin-gas' },
        }),
      ),
    ).toEqual(['requirement: Este formulario no lleva tipificación postventa.']);
  });

  it('Otros (Servicio) goes with the form whose reason is required, and the reason is enforced', () => {
    expect(messages(submission({ requirement: { typeId: 'servicio.otros' } }))).toEqual([
      'requirement.typeId: «Servicio › Otros (Servicio)» se ingresa con otro formulario («postventaMotivo»).',
    ]);
    expect(
      messages(submission({ formId: 'postventaMotivo', requirement: { typeId: 'servicio.otros' } })),
    ).toEqual(['values.observations: Este dato es obligatorio.']);
    expect(
      messages(
        submission({
          formId: 'postventaMotivo',
          values: { ...values, observations: 'Solicita cambio de regulador por ruido' },
          requirement: { typeId: 'servicio.otros' },
        }),
      ),
    ).toEqual([]);
  });

  it('an insistence names the earlier ticket; other leaves do not', () => {
    const typeId = 'servicio.no-conforme.fuera-de-plazo';
    expect(messages(submission({ requirement: { typeId } }))).toEqual([
      'requirement.relatedTicketId: «Respuesta fuera de plazo» exige elegir el ticket anterior del cliente.',
    ]);
    expect(messages(submission({ requirement: { typeId, relatedTicketId: 'PV-0000012' } }))).toEqual([]);
    expect(
      messages(
        submission({ requirement: { typeId: 'pagos.relativos-pago.debe-vuelto', relatedTicketId: 'PV-1' } }),
      ),
    ).toEqual(['requirement.relatedTicketId: «Debe vuelto» no se vincula a un ticket anterior.']);
  });

  it('a trasvasije record has its backing ticket and every step', () => {
    const base = {
      formId: 'trasvasije',
      values: { contactName: 'Ana', contactPhone: '+56 9 8765 4321', orderNumber: '4500012' },
    };
    expect(
      messages(
        submission({
          ...base,
          requirement: {
            typeId: 'pagos.trasvasije',
            relatedTicketId: 'PV-0000007',
            walkthrough: { steps: ['a', 'b', 'c', 'd'], mailboxGiven: 'devoluciones@empresa.cl' },
          },
        }),
      ),
    ).toEqual([]);
    expect(
      messages(
        submission({
          ...base,
          requirement: {
            typeId: 'pagos.trasvasije',
            walkthrough: { steps: ['a', 'c'], mailboxGiven: 'devoluciones@empresa.cl' },
          },
        }),
      ),
    ).toEqual([
      'requirement.relatedTicketId: Falta el ticket con saldo a favor que respalda la devolución.',
      'requirement.walkthrough: Faltan pasos de la devolución: b, d.',
    ]);
    expect(
      requirementIssues('trasvasije', { typeId: 'pagos.relativos-pago.debe-vuelto' })[0]?.message,
    ).toMatch(/no es una devolución por trasvasije/);
    // Without a backing ticket, the trasvasije leaf is an ordinary post-sale ticket.
    expect(messages(submission({ requirement: { typeId: 'pagos.trasvasije' } }))).toEqual([]);
  });
});
