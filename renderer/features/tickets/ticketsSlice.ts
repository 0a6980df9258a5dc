import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** Per customer: is a fetch running, and why the last one failed (the cached copy is then shown). */
export interface TicketsState {
  byCustomer: Record<string, { refreshing: boolean; problem: string | null }>;
}

const initialState: TicketsState = { byCustomer: {} };

const ticketsSlice = createSlice({
  name: 'tickets',
  initialState,
  reducers: {
    ticketsRefreshStarted(state, action: PayloadAction<string>) {
      state.byCustomer[action.payload] = { refreshing: true, problem: null };
    },
    ticketsRefreshFinished(state, action: PayloadAction<{ customerCode: string; problem: string | null }>) {
      state.byCustomer[action.payload.customerCode] = { refreshing: false, problem: action.payload.problem };
    },
  },
});

export const { ticketsRefreshStarted, ticketsRefreshFinished } = ticketsSlice.actions;
export default ticketsSlice.reducer;
