import { describe, expect, it } from 'vitest';
import { isQuotaError, isUserFacing, userMessage, UserFacingError } from './userFacing';

describe('userMessage', () => {
  it('shows a message written for the agent as it is', () => {
    expect(userMessage(new UserFacingError('El cliente no está.'), 'genérico')).toBe('El cliente no está.');
  });

  it('never shows a library error, a zod error or a string: the fallback instead', () => {
    expect(userMessage(new Error('Too big: expected string to have <=4 characters'), 'No se pudo.')).toBe(
      'No se pudo.',
    );
    expect(userMessage('[{"code":"too_big"}]', 'No se pudo.')).toBe('No se pudo.');
    expect(userMessage(undefined, 'No se pudo.')).toBe('No se pudo.');
  });

  it('recognises any error that says it is user-facing (e.g. one rebuilt after a worker boundary)', () => {
    expect(isUserFacing({ userFacing: true, message: 'Sin conexión.' })).toBe(true);
    expect(isUserFacing({ userFacing: true })).toBe(false);
  });

  it('recognises a full disk, also wrapped by Dexie', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
  });
});
