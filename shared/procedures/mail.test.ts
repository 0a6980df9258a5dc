import { describe, expect, it } from 'vitest';
import { cutText, renderMail, ZB_PROCEDURE } from '.';

const MAILBOXES = {
  mesa_clientes: ['mesa@abastible.cl'],
  contact_center: ['cc@contact.cl', 'MESA@abastible.cl'],
  supervisores_abastible: ['supervisores@abastible.cl'],
};

describe('prepared mails', () => {
  it('desbloqueo: to Mesa de Clientes, CC Contact Center and Supervisores, with the notice and its data', () => {
    const mail = renderMail(
      ZB_PROCEDURE.mails.desbloqueo!,
      {
        customerCode: '100234',
        customerName: 'María González',
        avisoNumber: 'EME-7781',
        closureData: 'Cierre 12/03: instalación revisada,\nsin fugas.',
        caseNumber: 'ZB-000012',
        actorName: 'Rosa RRSS',
      },
      MAILBOXES,
    );
    expect(mail.to).toEqual(['mesa@abastible.cl']);
    // An address already in To is not repeated in CC.
    expect(mail.cc).toEqual(['cc@contact.cl', 'supervisores@abastible.cl']);
    expect(mail.subject).toBe('Desbloqueo Cliente 100234 con bloqueo ZB');
    expect(mail.body).toContain('el cliente fue visitado y la instalación se encuentra OK');
    expect(mail.body).toContain('Aviso EME N° EME-7781\nCierre 12/03: instalación revisada,\nsin fugas.');
    expect(mail.body).toContain('Caso ZB-000012 — solicitado por Rosa RRSS.');
    // Unknown values read as a dash, not "undefined".
    expect(mail.body).toContain('RUT: —');
  });

  it('a value cannot add lines or headers: line breaks inside a line and in the subject become spaces', () => {
    const mail = renderMail(
      ZB_PROCEDURE.mails.desbloqueo!,
      { customerCode: '1\r\nBcc: x@evil.cl', customerName: 'A\nPara: otro@x.cl' },
      MAILBOXES,
    );
    expect(mail.subject).toBe('Desbloqueo Cliente 1 Bcc: x@evil.cl con bloqueo ZB');
    expect(mail.body.split('\n').some((line) => line.startsWith('Para:'))).toBe(false);
  });

  it('the customer backup goes to the e-mail on the case; an empty optional line disappears', () => {
    const mail = renderMail(
      ZB_PROCEDURE.mails.respaldo_cliente!,
      { customerEmail: ' Cliente@Correo.cl ', customerName: 'Ana', customerCode: '9', contactAttempts: '' },
      { contact_center: ['cc@contact.cl'] },
    );
    expect(mail.to).toEqual(['cliente@correo.cl']);
    expect(mail.body).not.toContain('{{');
    expect(mail.body).toContain('sin éxito:\n\nCuando pueda');
  });

  it('cuts long text by code point, never inside an emoji', () => {
    const text = `${'a'.repeat(248)}😀😀😀`;
    const cut = cutText(text, 250);
    expect(Array.from(cut)).toHaveLength(250);
    expect(cut.endsWith('😀…')).toBe(true);
  });
});
