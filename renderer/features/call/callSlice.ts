import { SHOULD_AUTOBATCH, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CallSnapshot } from '../../../shared/telephony/callState';

/**
 * Calls as plain snapshots (the sip.js objects stay in callRegistry). Written only by the
 * telephony adapter; components read them and act through callCommands.
 */
export interface CallSliceState {
  byId: Record<string, CallSnapshot>;
  /** Newest first. */
  order: string[];
}

const initialState: CallSliceState = { byId: {}, order: [] };

const callSlice = createSlice({
  name: 'call',
  initialState,
  reducers: {
    callUpdated(slice, action: PayloadAction<CallSnapshot>) {
      const call = action.payload;
      if (!slice.byId[call.id]) slice.order.unshift(call.id);
      slice.byId[call.id] = call;
    },
    /** The agent closed an ended call's card. */
    callDismissed(slice, action: PayloadAction<string>) {
      const call = slice.byId[action.payload];
      if (!call || call.phase !== 'ended') return;
      delete slice.byId[action.payload];
      slice.order = slice.order.filter((id) => id !== action.payload);
    },
  },
});

export const { callUpdated, callDismissed } = callSlice.actions;
export default callSlice.reducer;

/**
 * A new incoming call's first snapshot. The store takes it at once, but the screen is told at the
 * next frame at the latest (Redux Toolkit's auto-batching): the customer's look-up is already
 * under way and its pop-up, a millisecond or two later, draws the call with it in one render
 * instead of drawing the call bar first.
 */
export const callRang = (snapshot: CallSnapshot) => ({
  ...callUpdated(snapshot),
  meta: { [SHOULD_AUTOBATCH]: true },
});

type Root = { call: CallSliceState };

export const selectCalls = (root: Root): CallSnapshot[] =>
  root.call.order.map((id) => root.call.byId[id]).filter((c): c is CallSnapshot => c !== undefined);

export const selectCall = (root: Root, id: string): CallSnapshot | undefined => root.call.byId[id];
