import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Reachability } from './reachability';
import type { SenderStatus } from './syncController';

export interface SyncState {
  reachability: Reachability;
  reachabilityDetail: string | null;
  /** This window runs the sender (the others only show the shared queue). */
  leader: boolean;
  sender: SenderStatus | null;
}

const initialState: SyncState = { reachability: 'unknown', reachabilityDetail: null, leader: false, sender: null };

const syncSlice = createSlice({
  name: 'sync',
  initialState,
  reducers: {
    reachabilityChanged(state, action: PayloadAction<{ state: Reachability; detail: string | null }>) {
      state.reachability = action.payload.state;
      state.reachabilityDetail = action.payload.detail;
    },
    becameLeader(state) {
      state.leader = true;
    },
    senderStatusChanged(state, action: PayloadAction<SenderStatus>) {
      state.sender = action.payload;
    },
  },
});

export const { reachabilityChanged, becameLeader, senderStatusChanged } = syncSlice.actions;
export default syncSlice.reducer;
