import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { INITIAL_LINE_STATE, type LineState } from '../../../shared/telephony/lineState';

/** The agent's line as the UI shows it. Written only by the telephony adapter. */
export interface LineSliceState {
  state: LineState;
}

const initialState: LineSliceState = { state: INITIAL_LINE_STATE };

const lineSlice = createSlice({
  name: 'line',
  initialState,
  reducers: {
    lineStateChanged(slice, action: PayloadAction<LineState>) {
      slice.state = action.payload;
    },
  },
});

export const { lineStateChanged } = lineSlice.actions;
export default lineSlice.reducer;

export const selectLineState = (root: { line: LineSliceState }): LineState => root.line.state;
