import { describe, expect, it } from 'vitest';
import { classifyDbError } from './errors';

describe('database errors', () => {
  it('tells bad input from an unavailable database from a bug', () => {
    expect(
      classifyDbError({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }),
    ).toBe('input');
    expect(classifyDbError({ code: '22P05' })).toBe('input');
    expect(classifyDbError({ code: '54000' })).toBe('input');
    expect(classifyDbError({ code: '57P01' })).toBe('unavailable');
    expect(classifyDbError({ code: '08006' })).toBe('unavailable');
    expect(classifyDbError({ code: 'ECONNREFUSED' })).toBe('unavailable');
    expect(classifyDbError(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(classifyDbError({ code: '42P01', message: 'relation does not exist' })).toBeNull();
    expect(classifyDbError(new TypeError('x is undefined'))).toBeNull();
  });
});
