import { describe, expect, it } from 'vitest';
import { getAdjacencyMap } from 'xstate/graph';
import {
  ANULACION_PROCEDURE,
  CASE_ROLE_IDS,
  CONDITIONS,
  MAILBOX_KEYS,
  OPENING_STATE,
  PROCEDURES,
  ZB_PROCEDURE,
  availableActions,
  decide,
  decideOpening,
  procedureMachine,
  type Actor,
  type CaseSnapshot,
  type ProcedureDefinition,
} from '.';
import { sampleData } from './testing/sampleData';

const TODAY = '2026-03-10';
const ADMIN: Actor = { accountRole: 'admin', caseRoles: [] };
const RRSS: Actor = { accountRole: 'backoffice', caseRoles: ['supervisor_rrss'] };
const MESA: Actor = { accountRole: 'backoffice', caseRoles: ['mesa_clientes'] };

function at(step: string, data: Record<string, string> = {}, regional: boolean | null = false): CaseSnapshot {
  return { step, endState: null, data, facts: { regional } };
}

const targetOf = (target: { step: string } | { end: string } | { stay: true }) =>
  'step' in target
    ? { step: target.step, endState: null }
    : 'end' in target
      ? { step: null, endState: target.end }
      : null;

describe.each(Object.values(PROCEDURES))('definition $id', (definition: ProcedureDefinition) => {
  const stepIds = Object.keys(definition.steps);
  const endIds = Object.keys(definition.endStates);

  it('names only existing steps, end states, mail templates, mailboxes and roles', () => {
    expect(stepIds.filter((id) => endIds.includes(id))).toEqual([]);
    for (const [id, step] of Object.entries(definition.steps)) {
      expect(step.id).toBe(id);
      expect(step.actions.length).toBeGreaterThan(0);
      expect(step.roles.every((role) => CASE_ROLE_IDS.includes(role))).toBe(true);
      expect(new Set(step.actions.map((a) => a.id)).size).toBe(step.actions.length);
      for (const action of step.actions) {
        if ('step' in action.target) expect(stepIds).toContain(action.target.step);
        if ('end' in action.target) expect(endIds).toContain(action.target.end);
        for (const mail of action.mails ?? []) {
          expect(Object.keys(definition.mails)).toContain(mail.template);
          if (mail.when) expect(Object.keys(CONDITIONS)).toContain(mail.when);
        }
        for (const field of action.fields) {
          if (field.kind === 'select') expect(field.options?.length).toBeGreaterThan(0);
        }
      }
    }
    for (const template of Object.values(definition.mails)) {
      for (const recipient of [...template.to, ...template.cc]) {
        if ('mailbox' in recipient) expect(MAILBOX_KEYS).toContain(recipient.mailbox);
      }
    }
    for (const opening of definition.openings) expect(stepIds).toContain(opening.target.step);
  });

  it('reaches every step and end state from an opening, through the statechart', () => {
    const machine = procedureMachine(definition);
    const events = [
      ...definition.openings.map((o) => ({ type: o.id })),
      ...Object.values(definition.steps).flatMap((step) => step.actions.map((a) => ({ type: a.id }))),
    ];
    const adjacency = getAdjacencyMap(machine, { events });
    const reached = new Set(Object.values(adjacency).map((node) => String(node.state.value)));
    for (const id of [...stepIds, ...endIds]) expect(reached, id).toContain(id);
    // Every action is an edge of the graph from its own step to its target (unhandled events stay).
    const edges = new Set(
      Object.values(adjacency).flatMap((node) =>
        Object.values(
          node.transitions as Record<string, { event: { type: string }; state: { value: unknown } }>,
        ).map((t) => `${String(node.state.value)}:${t.event.type}->${String(t.state.value)}`),
      ),
    );
    for (const step of Object.values(definition.steps)) {
      for (const action of step.actions) {
        const target =
          'step' in action.target ? action.target.step : 'end' in action.target ? action.target.end : step.id;
        expect(edges).toContain(`${step.id}:${action.id}->${target}`);
      }
    }
    expect(String(machine.resolveState({ value: OPENING_STATE, context: {} }).value)).toBe(OPENING_STATE);
  });

  // One test per branch: every action of every step goes where the definition says.
  const branches = Object.values(definition.steps).flatMap((step) =>
    step.actions.map((action) => ({ step, action, name: `${step.id} → ${action.id}` })),
  );
  it.each(branches)('branch $name', ({ step, action }) => {
    const decision = decide(definition, at(step.id, { customerEmail: 'cliente@correo.cl' }), {
      action: action.id,
      data: sampleData(action, TODAY),
      actor: ADMIN,
      today: TODAY,
    });
    if (!decision.ok) throw new Error(`${decision.message} ${JSON.stringify(decision.fieldErrors)}`);
    const expected = targetOf(action.target);
    if (expected) {
      expect({ step: decision.step, endState: decision.endState }).toEqual(expected);
      expect(decision.stay).toBe(false);
      expect(decision.restartDeadline).toBe(true);
    } else {
      expect(decision.step).toBe(step.id);
      expect(decision.stay).toBe(true);
      expect(decision.restartDeadline).toBe(action.restartsDeadline !== false);
    }
    const unconditional = (action.mails ?? []).filter((m) => !m.when).map((m) => m.template);
    for (const template of unconditional) expect(decision.mails).toContain(template);
  });

  it.each(definition.openings.filter((o) => o.source === 'manual'))('opening $id', (opening) => {
    const decision = decideOpening(definition, {
      opening: opening.id,
      data: sampleData(opening, TODAY),
      actor: ADMIN,
      today: TODAY,
    });
    expect(decision).toMatchObject({ ok: true, step: opening.target.step });
  });
});

describe('ZB protocol rules', () => {
  const visit = (overrides: Record<string, string> = {}) => ({
    visitDate: TODAY,
    placeReference: 'Casa azul',
    phone1: '912345678',
    phone2: '226939901',
    avisoNumber: 'EME-1',
    ...overrides,
  });

  it('a regional customer gets the backup mail when the visit is coordinated; a Santiago one does not', () => {
    const regional = decide(ZB_PROCEDURE, at('coordinar_visita', {}, true), {
      action: 'visita_coordinada',
      data: visit(),
      actor: RRSS,
      today: TODAY,
    });
    expect(regional).toMatchObject({ ok: true, step: 'monitorear_aviso', mails: ['respaldo_regional'] });
    const santiago = decide(ZB_PROCEDURE, at('coordinar_visita', {}, false), {
      action: 'visita_coordinada',
      data: visit(),
      actor: RRSS,
      today: TODAY,
    });
    expect(santiago).toMatchObject({ ok: true, mails: [] });
  });

  it('no contact: the customer with an e-mail gets the backup mail; without one the case says so', () => {
    const withEmail = decide(ZB_PROCEDURE, at('coordinar_visita', { customerEmail: 'a@b.cl' }), {
      action: 'sin_contacto',
      data: { contactAttempts: 'lunes 10:00 y 12:00', customerEmail: 'a@b.cl' },
      actor: RRSS,
      today: TODAY,
    });
    expect(withEmail).toMatchObject({
      ok: true,
      endState: 'sin_gestion',
      mails: ['respaldo_cliente'],
      notes: [],
    });
    const without = decide(ZB_PROCEDURE, at('coordinar_visita', { customerEmail: 'a@b.cl' }), {
      action: 'sin_contacto',
      data: { contactAttempts: 'lunes 10:00', customerEmail: '' },
      actor: RRSS,
      today: TODAY,
    });
    expect(without).toMatchObject({
      ok: true,
      endState: 'sin_gestion',
      mails: [],
      notes: ['El cliente no tiene correo: no se envió el respaldo.'],
    });
  });

  it('the two contact numbers must differ, however they are written, and the visit is not in the past', () => {
    const decision = decide(ZB_PROCEDURE, at('coordinar_visita'), {
      action: 'visita_coordinada',
      data: visit({ phone1: '+56 9 1234 5678', phone2: '912345678', visitDate: '2026-03-09' }),
      actor: RRSS,
      today: TODAY,
    });
    expect(decision).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: {
        phone2: 'Los dos teléfonos de contacto deben ser distintos.',
        visitDate: 'La fecha no puede ser anterior a hoy.',
      },
    });
  });

  it('refuses an action that is not in the current step and says which step it belongs to', () => {
    const decision = decide(ZB_PROCEDURE, at('verificar_aviso'), {
      action: 'cerrado_apto',
      data: {},
      actor: RRSS,
      today: TODAY,
    });
    expect(decision).toMatchObject({ ok: false, code: 'not_in_step' });
    expect(decision.ok ? '' : decision.message).toContain('corresponde al paso «Monitorear el aviso»');
    const unknown = decide(ZB_PROCEDURE, at('verificar_aviso'), {
      action: 'borrar',
      data: {},
      actor: RRSS,
      today: TODAY,
    });
    expect(unknown.ok ? '' : unknown.message).toMatch(
      /^La acción «borrar» no existe .* Acciones posibles ahora: «El aviso existe/,
    );
  });

  it('only the roles of the step act on it; an ended case takes nothing', () => {
    expect(
      decide(ZB_PROCEDURE, at('desbloqueo_mesa'), {
        action: 'desbloqueado',
        data: {},
        actor: RRSS,
        today: TODAY,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden', message: 'Esta acción la realiza: Mesa de Clientes.' });
    expect(
      decide(ZB_PROCEDURE, at('desbloqueo_mesa'), {
        action: 'desbloqueado',
        data: {},
        actor: MESA,
        today: TODAY,
      }),
    ).toMatchObject({ ok: true, endState: 'desbloqueado' });
    expect(availableActions(ZB_PROCEDURE, { step: 'desbloqueo_mesa' }, RRSS)).toEqual([]);
    expect(
      decide(
        ZB_PROCEDURE,
        { step: null, endState: 'no_apto', data: {}, facts: { regional: null } },
        {
          action: 'desbloqueado',
          data: {},
          actor: ADMIN,
          today: TODAY,
        },
      ),
    ).toEqual({
      ok: false,
      code: 'ended',
      message: 'El caso ya terminó («Instalación no apta»): no admite más acciones.',
    });
  });

  it('rejects data a step does not record', () => {
    const decision = decide(ZB_PROCEDURE, at('verificar_aviso'), {
      action: 'sin_aviso',
      data: { estado: 'x' },
      actor: RRSS,
      today: TODAY,
    });
    expect(decision).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { _form: 'Datos que este paso no registra: estado.' },
    });
  });
});

describe('anulación rules', () => {
  it('Gestión de Red pulls a correction not attended in the day; the asesora cannot verify the board', () => {
    const gr: Actor = { accountRole: 'backoffice', caseRoles: ['gestion_red'] };
    const asesora: Actor = { accountRole: 'backoffice', caseRoles: ['atencion_cliente'] };
    expect(
      availableActions(ANULACION_PROCEDURE, { step: 'corregir_solicitud' }, gr).map((a) => a.id),
    ).toEqual(['no_atendido_en_el_dia']);
    expect(
      availableActions(ANULACION_PROCEDURE, { step: 'corregir_solicitud' }, asesora).map((a) => a.id),
    ).toEqual(['modificacion_digitada']);
    expect(availableActions(ANULACION_PROCEDURE, { step: 'verificar_tablero' }, asesora)).toEqual([]);
  });

  it('only the detecting area opens its kind of case', () => {
    const coc: Actor = { accountRole: 'backoffice', caseRoles: ['operaciones_comercial'] };
    const opening = ANULACION_PROCEDURE.openings.find((o) => o.id === 'detectada_gestion_red')!;
    expect(
      decideOpening(ANULACION_PROCEDURE, {
        opening: opening.id,
        data: sampleData(opening, TODAY),
        actor: coc,
        today: TODAY,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(
      decideOpening(ANULACION_PROCEDURE, { opening: 'formulario_zb', data: {}, actor: ADMIN, today: TODAY }),
    ).toMatchObject({ ok: false, code: 'not_in_step' });
  });

  it('a zonificación impediment keeps the month-end deadline running', () => {
    const decision = decide(ANULACION_PROCEDURE, at('zonificacion'), {
      action: 'impedimento',
      data: { impediment: 'OT sin cierre', siNumber: 'SI-9' },
      actor: ADMIN,
      today: TODAY,
    });
    expect(decision).toMatchObject({ ok: true, stay: true, restartDeadline: false });
  });
});
