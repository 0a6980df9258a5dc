import { describe, expect, it } from 'vitest';
import { INVALID_TEXT_MESSAGE } from '../text/storable';
import { SUPERVISOR_REASONS, formSubmissionSchema } from './submission';

const valid = {
  id: '3f1c2a8e-5b7d-4c3a-9e2f-1a2b3c4d5e6f',
  formId: 'telecobranzas',
  customerCode: '90000003',
  customerName: 'María José Contreras Silva',
  blockCodes: ['Z1'],
  agent: 'ejecutiva01',
  createdAt: '2026-11-26T14:05:00-03:00',
  context: { orderId: 'PED-1029' },
  values: { contactName: 'María José Contreras', rut: '17.654.320-5', contactPhone: '0056944556677' },
};

describe('formSubmissionSchema', () => {
  it('accepts a queued form', () => {
    // The envelope is checked, not rewritten: values travel as the form produced them.
    expect(formSubmissionSchema.parse(valid)).toEqual(valid);
  });

  it('accepts UTC and offset timestamps and a supervisor reason', () => {
    expect(formSubmissionSchema.safeParse({ ...valid, createdAt: '2026-11-26T17:05:00.000Z' }).success).toBe(
      true,
    );
    for (const reason of Object.keys(SUPERVISOR_REASONS)) {
      expect(
        formSubmissionSchema.safeParse({
          ...valid,
          formId: 'supervisor',
          values: {},
          supervisorReason: reason,
        }).success,
        reason,
      ).toBe(true);
    }
  });

  it('checks the form values against the schema of its formId, with the field path', () => {
    const result = formSubmissionSchema.safeParse({
      ...valid,
      values: { ...valid.values, rut: '12.345.678-4' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['values', 'rut'],
        message: 'RUT inválido: revise los números y el dígito verificador.',
      }),
    ]);
    const missing = formSubmissionSchema.safeParse({ ...valid, formId: 'ticketBloqueo' });
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['values.contactEmail', 'values.observations']),
    );
  });

  it('rejects unknown form ids, unknown fields and unknown reasons', () => {
    expect(formSubmissionSchema.safeParse({ ...valid, formId: 'hack' }).success).toBe(false);
    expect(formSubmissionSchema.safeParse({ ...valid, status: 'enviado' }).success).toBe(false);
    expect(formSubmissionSchema.safeParse({ ...valid, context: { other: 'x' } }).success).toBe(false);
    expect(formSubmissionSchema.safeParse({ ...valid, supervisorReason: 'porque sí' }).success).toBe(false);
    expect(
      formSubmissionSchema.safeParse({ ...valid, values: { ...valid.values, extra: 'x' } }).success,
    ).toBe(false);
  });

  it('requires a UUID id, a customer code, an agent and an ISO timestamp', () => {
    for (const [key, value] of [
      ['id', 'not-a-uuid'],
      ['customerCode', '  '],
      ['agent', ''],
      ['createdAt', '26-11-2026 14:05'],
      ['createdAt', '2026-11-26'],
      ['blockCodes', ['TOOLONG']],
      ['createdAt', '2026-02-30T10:00:00Z'],
      ['createdAt', '0001-01-01T00:00:00Z'],
      ['createdAt', '9999-12-31T23:59:59Z'],
    ] as const) {
      expect(formSubmissionSchema.safeParse({ ...valid, [key]: value }).success, key).toBe(false);
    }
  });

  it('refuses NUL and lone surrogates in every text of the envelope, naming the field', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['customerCode', { customerCode: '9000\u0000' }],
      ['customerName', { customerName: 'María \uD83D' }],
      ['blockCodes.0', { blockCodes: ['Z\u0000'] }],
      ['agent', { agent: '\uDE00ana' }],
      ['context.orderId', { context: { orderId: 'PED\u0000' } }],
      ['values.contactName', { values: { ...valid.values, contactName: 'Ana\u0000' } }],
    ];
    for (const [path, change] of cases) {
      const result = formSubmissionSchema.safeParse({ ...valid, ...change });
      expect(result.success, path).toBe(false);
      expect(
        result.error!.issues.some(
          (issue) => issue.path.join('.') === path && issue.message === INVALID_TEXT_MESSAGE,
        ),
        path,
      ).toBe(true);
    }
    // A whole emoji is fine, up to the limit in UTF-16 units.
    expect(formSubmissionSchema.safeParse({ ...valid, customerName: `${'a'.repeat(198)}😀` }).success).toBe(
      true,
    );
  });
});

describe('formSubmissionSchema: dates against the day the form was written', () => {
  const visit = {
    ...valid,
    formId: 'visitaInstalacion',
    blockCodes: ['ZA'],
    createdAt: '2026-11-26T23:30:00-03:00',
    values: {
      contactName: 'Ana',
      rut: '12.345.678-5',
      contactPhone: '+56 9 8765 4321',
      addressReference: 'Casa verde',
    },
  };

  it('accepts the agent’s today even when UTC is already tomorrow, and a form that arrives days later', () => {
    expect(
      formSubmissionSchema.safeParse({ ...visit, values: { ...visit.values, preferredDate: '2026-11-26' } })
        .success,
    ).toBe(true);
  });

  it('rejects a date before the day it was written, with the field path', () => {
    const result = formSubmissionSchema.safeParse({
      ...visit,
      values: { ...visit.values, preferredDate: '2026-11-20' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['values', 'preferredDate'],
      message: 'La fecha no puede ser anterior a hoy.',
    });
  });

  it('rejects the same number twice', () => {
    const result = formSubmissionSchema.safeParse({
      ...visit,
      values: { ...visit.values, altPhone: '987654321' },
    });
    expect(result.error?.issues[0]?.path).toEqual(['values', 'altPhone']);
  });
});
