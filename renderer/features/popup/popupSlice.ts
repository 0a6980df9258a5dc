import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Customer } from '../../../shared/directory/customer';
import { popupPlan, type PopupStep } from '../../../shared/blocks/popupPlan';
import { opensOnRecentCheck, type GuardStage, type StepStage } from '../../../shared/blocks/popupAction';
import { UserFacingError } from '../../../shared/errors/userFacing';
import { explainFailure, type FailureLog } from '../../platform';
import type { CustomerSearch } from '../search';

/** What the agent did with one dialog of the sequence. */
export type StepOutcome =
  | { kind: 'form-queued'; entryId: string; label: string }
  | { kind: 'order-status-given' }
  | { kind: 'existing-ticket'; ticketId: string };

/** The call that brought this customer up, and what the caller id found. */
export interface LinkedCall {
  callId: string;
  callerLabel: string;
  displayName: string | null;
}

export interface PopupState {
  call: LinkedCall | null;
  /** Several directory records matched the caller: the agent picks one. */
  candidates: Customer[];
  customer: Customer | null;
  steps: PopupStep[];
  index: number;
  open: boolean;
  outcomes: Record<number, StepOutcome>;
  /** Where each step's dialog stands when it changes what the buttons do (the open-order alert, «ya le tomaron los datos»). */
  stages: Record<number, StepStage>;
  /** Where each step's duplicate guard stands (checking, an earlier case): apart, so it never undoes `stages`. */
  guards: Record<number, GuardStage>;
  error: string | null;
  /** "Nuevo requerimiento" is open (for `customer`; a new customer closes it). */
  requirementOpen: boolean;
}

const initialState: PopupState = {
  call: null,
  candidates: [],
  customer: null,
  steps: [],
  index: 0,
  open: false,
  outcomes: {},
  stages: {},
  guards: {},
  error: null,
  requirementOpen: false,
};

/** What the pop-up's thunks need from the app's services (the store's extra argument). */
export interface PopupThunkExtra {
  search: Pick<CustomerSearch, 'getCustomer'>;
  log: FailureLog;
}

/** Looks the customer up and opens the pop-up sequence its blocks call for (none for an enabled customer). */
export const openCustomer = createAsyncThunk.withTypes<{ extra: PopupThunkExtra; rejectValue: string }>()(
  'popup/openCustomer',
  async (codigo: string, { extra, rejectWithValue }) => {
    try {
      const customer = await extra.search.getCustomer(codigo);
      if (!customer)
        throw new UserFacingError(`El cliente ${codigo} no está en el directorio de este equipo.`);
      return customer;
    } catch (error) {
      return rejectWithValue(
        explainFailure(
          extra.log,
          'customer not opened',
          error,
          `No se pudo abrir el cliente ${codigo}: intente de nuevo.`,
        ),
      );
    }
  },
);

const popupSlice = createSlice({
  name: 'popup',
  initialState,
  reducers: {
    customerShown(state, action: PayloadAction<Customer>) {
      return showCustomer(action.payload, state.call);
    },
    /** An incoming call: the customer it identifies (or none, or several), shown while it rings. */
    callPopped(state, action: PayloadAction<{ call: LinkedCall; matches: Customer[] }>) {
      const { call, matches } = action.payload;
      if (matches.length === 1) return showCustomer(matches[0]!, call);
      return { ...initialState, call, candidates: matches };
    },
    /** None of the records is the caller: back to the page, the call stays linked. */
    candidatesDismissed(state) {
      state.candidates = [];
    },
    callUnlinked(state, action: PayloadAction<string>) {
      if (state.call?.callId === action.payload) state.call = null;
    },
    stepSelected(state, action: PayloadAction<number>) {
      if (action.payload >= 0 && action.payload < state.steps.length) state.index = action.payload;
    },
    stepStageChanged(state, action: PayloadAction<{ index: number; stage: StepStage }>) {
      state.stages[action.payload.index] = action.payload.stage;
    },
    recentCaseStageChanged(state, action: PayloadAction<{ index: number; stage: GuardStage }>) {
      state.guards[action.payload.index] = action.payload.stage;
    },
    /** The duplicate guard left its step (a form, another step, the pop-up closed): its wording goes too. */
    recentCaseStageLeft(state, action: PayloadAction<number>) {
      delete state.guards[action.payload];
    },
    stepCompleted(state, action: PayloadAction<{ index: number; outcome: StepOutcome }>) {
      state.outcomes[action.payload.index] = action.payload.outcome;
    },
    popupClosed(state) {
      state.open = false;
    },
    popupReopened(state) {
      if (state.steps.length > 0) state.open = true;
    },
    customerCleared() {
      return initialState;
    },
    requirementOpened(state) {
      state.requirementOpen = true;
    },
    requirementClosed(state) {
      state.requirementOpen = false;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(openCustomer.fulfilled, (state, action) => showCustomer(action.payload, state.call))
      .addCase(openCustomer.rejected, (state, action) => {
        state.error = action.payload ?? 'No se pudo abrir el cliente: intente de nuevo.';
      });
  },
});

function showCustomer(customer: Customer, call: LinkedCall | null): PopupState {
  const steps = popupPlan(customer);
  return {
    call,
    candidates: [],
    customer,
    steps,
    index: 0,
    open: steps.length > 0,
    outcomes: {},
    stages: Object.fromEntries(
      steps.flatMap((step, i) =>
        step.type === 'block' && step.openOrder ? [[i, 'open-order-alert' as const]] : [],
      ),
    ),
    guards: Object.fromEntries(
      steps.flatMap((step, i) => (opensOnRecentCheck(step) ? [[i, { kind: 'recent-check' as const }]] : [])),
    ),
    error: null,
    requirementOpen: false,
  };
}

export const {
  customerShown,
  callPopped,
  candidatesDismissed,
  callUnlinked,
  stepSelected,
  stepStageChanged,
  recentCaseStageChanged,
  recentCaseStageLeft,
  stepCompleted,
  popupClosed,
  popupReopened,
  customerCleared,
  requirementOpened,
  requirementClosed,
} = popupSlice.actions;
export default popupSlice.reducer;
