import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/directory/customer';
import { SAMPLE_CUSTOMERS as C } from '../../../test/fixtures/sampleCustomers';
import reducer, {
  customerShown,
  recentCaseStageChanged,
  recentCaseStageLeft,
  stepStageChanged,
} from './popupSlice';

/** Héctor Muñoz (Z1, no open order): one collections step. */
const z1: Customer = { ...C.z1, addressKey: 'maipu|3120' };

describe("popup stages: the step's own and the duplicate guard's", () => {
  const shown = reducer(undefined, customerShown(z1));

  it('the guard leaving «ya le tomaron los datos» (its supervisor form) keeps that stage', () => {
    let state = reducer(shown, stepStageChanged({ index: 0, stage: 'already-taken' }));
    state = reducer(state, recentCaseStageChanged({ index: 0, stage: { kind: 'recent-check' } }));
    expect(state.stages[0]).toBe('already-taken');
    expect(state.guards[0]).toEqual({ kind: 'recent-check' });
    state = reducer(state, recentCaseStageLeft(0));
    expect(state.stages[0]).toBe('already-taken');
    expect(state.guards[0]).toBeUndefined();
  });

  it('going back to the options does not undo an earlier case the guard shows', () => {
    const guard = {
      kind: 'recent-case',
      formTitle: 'Toma de datos para Telecobranzas',
      when: 'hoy a las 14:05',
      status: 'pendiente',
      noting: false,
    } as const;
    let state = reducer(shown, recentCaseStageChanged({ index: 0, stage: guard }));
    state = reducer(state, stepStageChanged({ index: 0, stage: 'default' }));
    expect(state.guards[0]).toEqual(guard);
  });

  it('another customer starts afresh: no stage, and its collections step on the duplicate check', () => {
    let state = reducer(shown, stepStageChanged({ index: 0, stage: 'already-taken' }));
    state = reducer(
      state,
      recentCaseStageChanged({
        index: 0,
        stage: {
          kind: 'recent-case',
          formTitle: 'x',
          when: 'hoy a las 14:05',
          status: 'enviado',
          noting: true,
        },
      }),
    );
    state = reducer(state, customerShown(z1));
    expect(state.stages).toEqual({});
    expect(state.guards).toEqual({ 0: { kind: 'recent-check' } });
  });

  it('a pop-up opens with its «Acción» line on the duplicate check, unless an open-order alert comes first', () => {
    expect(shown.guards).toEqual({ 0: { kind: 'recent-check' } });
    const withOrder = reducer(undefined, customerShown({ ...C.z1OpenOrder, addressKey: 'x|1' }));
    expect(withOrder.stages).toEqual({ 0: 'open-order-alert' });
    expect(withOrder.guards).toEqual({});
  });
});
