/**
 * The transition rules of a procedure, executed by a statechart (XState v5).
 *
 * Each definition becomes a machine: one state per step, one final state per end state, one
 * event per action, guarded mails as enqueued actions. The server keeps a case's state in
 * PostgreSQL and asks `decide()` — a pure function over XState's `transition()` — what an action
 * does from there: the next step or end, the mails to queue, the notes to record. Before that, the
 * checks a user needs to read in Spanish (ended case, action not in this step, role, data).
 *
 * Why XState rather than a hand-written table walk: guarded transitions, final states and a pure,
 * serialisable `transition()` are exactly what a persisted case needs; `xstate/graph` walks every
 * path of a definition for the tests; and a procedure that later needs parallel or nested steps
 * (monitoring while waiting for a visit) gets them without rewriting the engine.
 */
import { enqueueActions, setup, transition, type AnyStateMachine } from 'xstate';
import { actsAs, roleLabels, type Actor } from './roles';
import { validateStepData } from './stepData';
import type {
  ActionDefinition,
  ConditionId,
  OpeningDefinition,
  ProcedureDefinition,
  StepDefinition,
} from './types';

/** Facts about a case that conditions read (taken from the directory when the case opens). */
export interface CaseFacts {
  /** Customer outside the Región Metropolitana; null when the directory does not say. */
  regional: boolean | null;
}

export interface CaseSnapshot {
  /** Current step; null once ended. */
  step: string | null;
  endState: string | null;
  data: Readonly<Record<string, string>>;
  facts: CaseFacts;
}

interface MachineContext {
  data: Record<string, string>;
  facts: CaseFacts;
}

interface MachineEvent {
  type: string;
  data?: Record<string, string>;
}

/** The pseudo-state a case is in before its opening event. */
export const OPENING_STATE = '__apertura';

export const CONDITIONS: Record<
  ConditionId,
  { label: string; holds: (data: Record<string, string>, facts: CaseFacts) => boolean }
> = {
  regionalCustomer: { label: 'Cliente de regiones', holds: (_data, facts) => facts.regional === true },
  customerHasEmail: {
    label: 'El cliente tiene correo',
    holds: (data) => Boolean(data.customerEmail?.trim()),
  },
  customerWithoutEmail: { label: 'El cliente no tiene correo', holds: (data) => !data.customerEmail?.trim() },
};

function merged(context: MachineContext, event: MachineEvent): Record<string, string> {
  return { ...context.data, ...(event.data ?? {}) };
}

function actionConfig(action: ActionDefinition) {
  const target =
    'step' in action.target ? action.target.step : 'end' in action.target ? action.target.end : undefined;
  const rules = action.mails ?? [];
  return {
    ...(target ? { target } : {}),
    actions: enqueueActions<
      MachineContext,
      MachineEvent,
      undefined,
      MachineEvent,
      never,
      never,
      never,
      never,
      never
    >(({ enqueue, check }) => {
      for (const rule of rules) {
        if (!rule.when || check({ type: rule.when } as never)) {
          enqueue({ type: 'queueMail', params: { template: rule.template } } as never);
        } else if (rule.otherwiseNote) {
          enqueue({ type: 'recordNote', params: { text: rule.otherwiseNote } } as never);
        }
      }
    }),
  };
}

const machines = new WeakMap<ProcedureDefinition, AnyStateMachine>();

/** The statechart of a procedure (built once per definition). */
export function procedureMachine(definition: ProcedureDefinition): AnyStateMachine {
  const cached = machines.get(definition);
  if (cached) return cached;
  const guards = Object.fromEntries(
    Object.entries(CONDITIONS).map(([id, condition]) => [
      id,
      ({ context, event }: { context: MachineContext; event: MachineEvent }) =>
        condition.holds(merged(context, event), context.facts),
    ]),
  );
  const states: Record<string, unknown> = {
    [OPENING_STATE]: {
      on: Object.fromEntries(
        definition.openings.map((opening) => [opening.id, { target: opening.target.step }]),
      ),
    },
  };
  for (const step of Object.values(definition.steps)) {
    states[step.id] = {
      on: Object.fromEntries(step.actions.map((action) => [action.id, actionConfig(action)])),
    };
  }
  for (const end of Object.values(definition.endStates)) states[end.id] = { type: 'final' };
  const machine = setup({
    types: {} as { context: MachineContext; events: MachineEvent },
    guards: guards as never,
  }).createMachine({
    id: definition.id,
    initial: OPENING_STATE,
    context: { data: {}, facts: { regional: null } },
    states: states as never,
  });
  machines.set(definition, machine as unknown as AnyStateMachine);
  return machine as unknown as AnyStateMachine;
}

export type RefusalCode = 'ended' | 'not_in_step' | 'forbidden' | 'invalid';

export type Decision =
  | {
      ok: true;
      /** Step the action was taken from (the opening's id for an opening). */
      from: string;
      /** Next step, or null when the case ends. */
      step: string | null;
      endState: string | null;
      /** Stayed in the same step (an update). */
      stay: boolean;
      /** Validated values this action records (merged into the case's data). */
      values: Record<string, string>;
      /** Mail templates to queue, in order. */
      mails: string[];
      /** Notes for the history (e.g. why a mail did not go). */
      notes: string[];
      /** The step's deadline starts again (entered a step, or an update that restarts it). */
      restartDeadline: boolean;
    }
  | { ok: false; code: RefusalCode; message: string; fieldErrors?: Record<string, string> };

export interface ActionRequest {
  action: string;
  data: unknown;
  actor: Actor;
  /** YYYY-MM-DD where the contact center is (dates not in the past). */
  today: string;
}

/** The roles that may take `action` at `step`. */
export function actionRoles(step: StepDefinition, action: ActionDefinition) {
  return action.roles ?? step.roles;
}

function stepOf(definition: ProcedureDefinition, stepId: string): StepDefinition {
  const step = definition.steps[stepId];
  if (!step) throw new Error(`procedure ${definition.id} has no step ${stepId}`);
  return step;
}

/** Where else an action id exists, to tell the user which step it belongs to. */
function stepsWithAction(definition: ProcedureDefinition, actionId: string): StepDefinition[] {
  return Object.values(definition.steps).filter((step) => step.actions.some((a) => a.id === actionId));
}

function runMachine(
  definition: ProcedureDefinition,
  state: string,
  context: MachineContext,
  event: MachineEvent,
): { value: string; mails: string[]; notes: string[] } {
  const machine = procedureMachine(definition);
  const snapshot = machine.resolveState({ value: state, context });
  const [next, actions] = transition(machine, snapshot, event as never);
  const mails: string[] = [];
  const notes: string[] = [];
  for (const action of actions as Array<{ type: string; params?: { template?: string; text?: string } }>) {
    if (action.type === 'queueMail' && action.params?.template) mails.push(action.params.template);
    if (action.type === 'recordNote' && action.params?.text) notes.push(action.params.text);
  }
  return { value: String(next.value), mails, notes };
}

/** What `request` does to a case in `snapshot`, or why it is refused (Spanish). */
export function decide(
  definition: ProcedureDefinition,
  snapshot: CaseSnapshot,
  request: ActionRequest,
): Decision {
  if (snapshot.step === null) {
    const end = snapshot.endState ? definition.endStates[snapshot.endState] : undefined;
    return {
      ok: false,
      code: 'ended',
      message: `El caso ya terminó${end ? ` («${end.label}»)` : ''}: no admite más acciones.`,
    };
  }
  const step = stepOf(definition, snapshot.step);
  const action = step.actions.find((candidate) => candidate.id === request.action);
  if (!action) {
    const elsewhere = stepsWithAction(definition, request.action);
    const message = elsewhere.length
      ? `«${elsewhere[0]!.actions.find((a) => a.id === request.action)!.label}» corresponde al paso «${elsewhere[0]!.title}», y el caso está en «${step.title}».`
      : `La acción «${request.action}» no existe en el procedimiento «${definition.title}».`;
    return {
      ok: false,
      code: 'not_in_step',
      message: `${message} Acciones posibles ahora: ${step.actions.map((a) => `«${a.label}»`).join(', ')}.`,
    };
  }
  const roles = actionRoles(step, action);
  if (!actsAs(request.actor, roles)) {
    return { ok: false, code: 'forbidden', message: `Esta acción la realiza: ${roleLabels(roles)}.` };
  }
  const validation = validateStepData(action.fields, action.checks, request.data, request.today);
  if (!validation.ok) {
    return {
      ok: false,
      code: 'invalid',
      message: 'Revise los datos del paso: hay campos con errores.',
      fieldErrors: validation.fieldErrors,
    };
  }
  const result = runMachine(
    definition,
    step.id,
    { data: { ...snapshot.data }, facts: snapshot.facts },
    { type: action.id, data: validation.values },
  );
  const stay = 'stay' in action.target;
  const ended = result.value in definition.endStates;
  if (!stay && result.value === step.id)
    throw new Error(`statechart did not take ${action.id} from ${step.id}`);
  return {
    ok: true,
    from: step.id,
    step: ended ? null : result.value,
    endState: ended ? result.value : null,
    stay,
    values: validation.values,
    mails: result.mails,
    notes: result.notes,
    restartDeadline: !stay || action.restartsDeadline !== false,
  };
}

export type OpeningDecision =
  | { ok: true; opening: OpeningDefinition; step: string; values: Record<string, string> }
  | {
      ok: false;
      code: 'not_in_step' | 'forbidden' | 'invalid';
      message: string;
      fieldErrors?: Record<string, string>;
    };

/** How a back-office user opens a case by hand (`manual` openings). */
export function decideOpening(
  definition: ProcedureDefinition,
  request: { opening: string; data: unknown; actor: Actor; today: string },
): OpeningDecision {
  const opening = definition.openings.find((candidate) => candidate.id === request.opening);
  if (!opening || opening.source !== 'manual') {
    return {
      ok: false,
      code: 'not_in_step',
      message: `«${request.opening}» no es una forma de abrir un caso de «${definition.title}».`,
    };
  }
  if (!actsAs(request.actor, opening.roles ?? [])) {
    return { ok: false, code: 'forbidden', message: `Abre este caso: ${roleLabels(opening.roles ?? [])}.` };
  }
  const validation = validateStepData(opening.fields, undefined, request.data, request.today);
  if (!validation.ok) {
    return {
      ok: false,
      code: 'invalid',
      message: 'Revise los datos del caso: hay campos con errores.',
      fieldErrors: validation.fieldErrors,
    };
  }
  const result = runMachine(
    definition,
    OPENING_STATE,
    { data: {}, facts: { regional: null } },
    { type: opening.id },
  );
  return { ok: true, opening, step: result.value, values: validation.values };
}

/** The actions `actor` may take now, with their step (for the screens). */
export function availableActions(
  definition: ProcedureDefinition,
  snapshot: Pick<CaseSnapshot, 'step'>,
  actor: Actor,
): ActionDefinition[] {
  if (snapshot.step === null) return [];
  const step = stepOf(definition, snapshot.step);
  return step.actions.filter((action) => actsAs(actor, actionRoles(step, action)));
}
