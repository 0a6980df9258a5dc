import { describe, expect, it } from 'vitest';
import { isStorableText } from '../../../shared/text/storable';
import { form } from '../../test/harness';
import { composeFormMail } from './compose';

const agent = { username: 'ana', displayName: 'Ana Pérez' };
const compose = (submission: ReturnType<typeof form>) =>
  composeFormMail({
    submission,
    areaId: 'telecobranzas',
    agent,
    customer: null,
    timeZone: 'America/Santiago',
  });

describe('form mail', () => {
  it('cuts a long subject by code point: an emoji at the limit never leaves half of itself', () => {
    // Whatever the prefix length, one of these two names puts an emoji across the 250th unit.
    for (const name of ['😀'.repeat(100), `a${'😀'.repeat(99)}`]) {
      const { subject } = compose(form('telecobranzas', { customerName: name, customerCode: '100234' }));
      expect(isStorableText(subject), name.slice(0, 4)).toBe(true);
      expect([...subject].length).toBeLessThanOrEqual(250);
    }
  });

  it('strips CR/LF from values on label lines: no forged "Label: value" line in the body', () => {
    const f = form('telecobranzas', {
      customerName: 'María\r\nRUT: 11.111.111-1',
      values: {
        ...form().values,
        contactName: 'Ana\nAgente: Jefe (admin)',
        contactSchedule: 'tarde\r\nBcc: todos@empresa.cl',
        observations: 'Primera línea\r\nAgente: otro\nTercera',
      },
      context: { orderId: 'PED-1\nTicket: PV-9999999' },
    });
    const { subject, body } = compose(f);
    expect(subject).not.toMatch(/[\r\n]/);
    const lines = body.split('\n');
    expect(lines.filter((l) => /^\s*RUT: /.test(l))).toEqual(['  RUT: 12.345.678-5']);
    expect(lines.filter((l) => /^\s{0,2}Agente: /.test(l))).toEqual(['Agente: Ana Pérez (ana)']);
    expect(lines.some((l) => /^\s*Bcc:/.test(l))).toBe(false);
    expect(lines.filter((l) => /^\s*Ticket: /.test(l))).toEqual([]);
    expect(body).toContain('  Nombre de quien llama: Ana Agente: Jefe (admin)');
    expect(body).toContain('  Pedido: PED-1 Ticket: PV-9999999');
    // Observations keep their lines, indented under the label, never at a label's column.
    expect(body).toContain('  Observaciones:\n    Primera línea\n    Agente: otro\n    Tercera');
  });
});
