import { describe, expect, it } from 'vitest';
import { duplicatesOf, type RecentCase } from './duplicates';

const now = Date.parse('2026-11-26T15:00:00.000Z');
const base: RecentCase = {
  id: 'a',
  formId: 'telecobranzas',
  customerCode: '90000004',
  blockCodes: ['Z1'],
  supervisorReason: null,
  createdAt: '2026-11-26T14:59:00.000Z',
  status: 'pendiente',
  source: 'este-equipo',
  agentName: null,
  ticket: null,
};

describe('duplicatesOf', () => {
  it('finds the same form for the same block within the window, newest first', () => {
    const older = { ...base, id: 'b', createdAt: '2026-11-26T10:00:00.000Z', status: 'enviado' as const };
    expect(
      duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, [older, base], now).map((c) => c.id),
    ).toEqual(['a', 'b']);
  });

  it('counts any shared collections code as the same case', () => {
    const tc = { ...base, blockCodes: ['2M', 'Z1'] };
    expect(duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, [tc], now)).toHaveLength(1);
  });

  it('ignores other blocks, other forms, other supervisor reasons, old, rejected forms and notes', () => {
    const cases: RecentCase[] = [
      { ...base, id: '1', blockCodes: ['Z4'] },
      { ...base, id: '2', formId: 'certificacion' },
      { ...base, id: '3', createdAt: '2026-11-26T02:00:00.000Z' },
      { ...base, id: '4', status: 'rechazado' },
      { ...base, id: '5', formId: 'nota' },
      { ...base, id: '6', formId: 'supervisor', supervisorReason: 'datos-ya-tomados' },
    ];
    expect(duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, cases, now)).toEqual([]);
    expect(
      duplicatesOf(
        { formId: 'supervisor', blockCodes: ['Z1'], supervisorReason: 'datos-ya-tomados' },
        cases,
        now,
      ),
    ).toHaveLength(1);
  });

  it('matches a replaced code’s notice (no block code) only with another one', () => {
    const replaced = {
      ...base,
      formId: 'supervisor' as const,
      blockCodes: [],
      supervisorReason: 'codigo-reemplazado-sin-nuevo' as const,
    };
    const key = {
      formId: 'supervisor' as const,
      blockCodes: [],
      supervisorReason: 'codigo-reemplazado-sin-nuevo' as const,
    };
    expect(duplicatesOf(key, [replaced], now)).toHaveLength(1);
    expect(duplicatesOf({ ...key, blockCodes: ['Z7'] }, [replaced], now)).toEqual([]);
  });

  it('takes the back office’s word over this workstation’s copy of the same form', () => {
    const central = {
      ...base,
      source: 'central' as const,
      status: 'enviado' as const,
      agentName: 'Ana Pérez',
    };
    expect(duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, [base, central], now)).toEqual([
      central,
    ]);
    expect(duplicatesOf({ formId: 'telecobranzas', blockCodes: ['Z1'] }, [central, base], now)).toEqual([
      central,
    ]);
  });
});
