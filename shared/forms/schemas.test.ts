import { describe, expect, it } from 'vitest';
import { FORM_IDS, FORMS } from './fields';
import { INVALID_TEXT_MESSAGE } from '../text/storable';
import { FIELD_MESSAGES, FORM_SCHEMAS, validateForm } from './schemas';

const telecobranzas = {
  contactName: 'Juana Pérez',
  rut: '12.345.678-5',
  contactPhone: '+56 9 8765 4321',
};

describe('validateForm', () => {
  it('accepts a complete form, trimming values and filling optional ones with ""', () => {
    const result = validateForm('telecobranzas', { ...telecobranzas, contactName: '  Juana Pérez  ' });
    expect(result).toEqual({
      ok: true,
      values: {
        ...telecobranzas,
        contactName: 'Juana Pérez',
        contactEmail: '',
        contactSchedule: '',
        observations: '',
      },
    });
  });

  it('marks every missing required field as obligatorio, in Spanish', () => {
    const result = validateForm('telecobranzas', {});
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        contactName: FIELD_MESSAGES.required,
        rut: FIELD_MESSAGES.required,
        contactPhone: FIELD_MESSAGES.required,
      },
    });
    expect(FIELD_MESSAGES.required).toBe('Este dato es obligatorio.');
  });

  it('takes blanks in a required field as missing', () => {
    const result = validateForm('telecobranzas', { ...telecobranzas, contactName: '   ' });
    expect(result).toEqual({ ok: false, fieldErrors: { contactName: 'Este dato es obligatorio.' } });
  });

  it('checks the RUT check digit', () => {
    expect(validateForm('telecobranzas', { ...telecobranzas, rut: '12.345.678-4' })).toEqual({
      ok: false,
      fieldErrors: { rut: 'RUT inválido: revise los números y el dígito verificador.' },
    });
    expect(validateForm('telecobranzas', { ...telecobranzas, rut: '10.000.013-k' }).ok).toBe(true);
  });

  it('checks the e-mail when given, and requires it on the Z4 ticket', () => {
    expect(validateForm('telecobranzas', { ...telecobranzas, contactEmail: 'juana@' })).toEqual({
      ok: false,
      fieldErrors: { contactEmail: 'Correo inválido: debe ser como nombre@dominio.cl.' },
    });
    const ticket = validateForm('ticketBloqueo', {
      contactName: 'Ana',
      contactPhone: '987654321',
      rut: '12345678-5',
      observations: 'Fuera de norma',
    });
    expect(ticket).toEqual({ ok: false, fieldErrors: { contactEmail: 'Este dato es obligatorio.' } });
  });

  it('checks the phones', () => {
    for (const bad of ['26939901', 'hola', '1234']) {
      expect(validateForm('telecobranzas', { ...telecobranzas, contactPhone: bad }), bad).toEqual({
        ok: false,
        fieldErrors: { contactPhone: 'Teléfono inválido: use un número chileno, p. ej. +56 9 1234 5678.' },
      });
    }
    for (const good of ['(2) 2693 9901', '0056987654321', '987654321']) {
      expect(validateForm('telecobranzas', { ...telecobranzas, contactPhone: good }).ok, good).toBe(true);
    }
  });

  it('requires the second phone on the ZB form only', () => {
    const base = { ...telecobranzas, addressReference: 'Casa azul frente a la plaza' };
    expect(validateForm('inactivo', base)).toEqual({
      ok: false,
      fieldErrors: { altPhone: 'Este dato es obligatorio.' },
    });
    expect(validateForm('inactivo', { ...base, altPhone: '(2) 2693 9901' }).ok).toBe(true);
    expect(validateForm('visitaInstalacion', base).ok).toBe(true);
  });

  it('checks dates and maximum lengths', () => {
    const base = { ...telecobranzas, addressReference: 'Portón verde' };
    expect(validateForm('sinConsumo', { ...base, preferredDate: '30/11/2026' })).toEqual({
      ok: false,
      fieldErrors: { preferredDate: 'Fecha inválida.' },
    });
    expect(validateForm('sinConsumo', { ...base, preferredDate: '2026-11-30' }).ok).toBe(true);
    for (const [date, message] of [
      ['2026-02-30', 'Fecha inválida.'],
      ['0001-01-01', 'Fecha fuera de rango: debe estar entre 2000 y 2099.'],
      ['9999-12-31', 'Fecha fuera de rango: debe estar entre 2000 y 2099.'],
    ]) {
      expect(validateForm('sinConsumo', { ...base, preferredDate: date }), date).toEqual({
        ok: false,
        fieldErrors: { preferredDate: message },
      });
    }
    expect(validateForm('telecobranzas', { ...telecobranzas, observations: 'x'.repeat(1001) })).toEqual({
      ok: false,
      fieldErrors: { observations: 'Máximo 1000 caracteres.' },
    });
  });

  it('refuses a NUL or half an emoji in any field, with the reason next to the field', () => {
    for (const bad of ['Juana\u0000', 'Juana \uD83D', '\uDE00Juana']) {
      expect(validateForm('telecobranzas', { ...telecobranzas, contactName: bad }), bad).toEqual({
        ok: false,
        fieldErrors: { contactName: INVALID_TEXT_MESSAGE },
      });
    }
    expect(validateForm('telecobranzas', { ...telecobranzas, observations: 'Todo bien 😀' }).ok).toBe(true);
  });

  it('rejects fields the form does not have', () => {
    const result = validateForm('telecobranzas', { ...telecobranzas, isAdmin: 'true' });
    expect(result).toEqual({ ok: false, fieldErrors: { _form: 'Campos desconocidos: isAdmin' } });
  });

  it('rejects values that are not text', () => {
    const result = validateForm('telecobranzas', { ...telecobranzas, contactName: 42 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors.contactName).toBe('Este dato es obligatorio.');
  });

  it('accepts markup in a name as plain text (the UI escapes it)', () => {
    const result = validateForm('telecobranzas', {
      ...telecobranzas,
      contactName: '<img src=x onerror=alert(1)>',
    });
    expect(result.ok && result.values.contactName).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('FORM_SCHEMAS', () => {
  it('has a schema for every form, built from its fields', () => {
    for (const id of FORM_IDS) {
      expect(Object.keys(FORM_SCHEMAS[id].shape).sort(), id).toEqual(
        FORMS[id].fields.map((f) => f.name).sort(),
      );
    }
  });

  it('lets the supervisor note go with no comment', () => {
    expect(validateForm('supervisor', {})).toEqual({ ok: true, values: { observations: '' } });
  });
});

describe('rules between fields and against the date', () => {
  const visit = {
    contactName: 'Ana',
    rut: '12.345.678-5',
    contactPhone: '+56 9 8765 4321',
    altPhone: '+56 9 1111 2222',
    addressReference: 'Casa verde',
  };

  it('rejects a visit date before today, accepts today and later', () => {
    const context = { earliestDate: '2026-03-10' };
    expect(validateForm('inactivo', { ...visit, preferredDate: '2026-03-09' }, context)).toEqual({
      ok: false,
      fieldErrors: { preferredDate: 'La fecha no puede ser anterior a hoy.' },
    });
    expect(validateForm('inactivo', { ...visit, preferredDate: '2026-03-10' }, context).ok).toBe(true);
    expect(validateForm('visitaInstalacion', { ...visit, preferredDate: '2027-01-01' }, context).ok).toBe(
      true,
    );
  });

  it('rejects a second contact number that is the first one, however it is written', () => {
    expect(validateForm('inactivo', { ...visit, altPhone: '987654321' })).toEqual({
      ok: false,
      fieldErrors: { altPhone: 'Debe ser distinto del teléfono de contacto.' },
    });
    expect(validateForm('visitaInstalacion', { ...visit, altPhone: '0056987654321' }).ok).toBe(false);
  });

  it('reports these together with the field errors', () => {
    const result = validateForm('inactivo', { ...visit, contactName: '', altPhone: visit.contactPhone });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        contactName: 'Este dato es obligatorio.',
        altPhone: 'Debe ser distinto del teléfono de contacto.',
      },
    });
  });
});
