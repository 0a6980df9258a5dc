import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { StoredSession } from './sessionStore';

export interface SessionState {
  status: 'signed-out' | 'active' | 'expired';
  serverUrl: string | null;
  username: string | null;
  displayName: string | null;
  /** The account's role on the back office (agent, supervisor, admin…): which screens it gets. */
  role: string | null;
  /** Why the session ended (the server's words), shown with the sign-in panel. */
  message: string | null;
  /** The agent opened the sign-in panel (or the app asks them to). */
  panelOpen: boolean;
}

const initialState: SessionState = {
  status: 'signed-out',
  serverUrl: null,
  username: null,
  displayName: null,
  role: null,
  message: null,
  panelOpen: false,
};

const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    sessionLoaded(state, action: PayloadAction<StoredSession | null>) {
      const session = action.payload;
      if (!session) {
        return { ...initialState, panelOpen: state.panelOpen };
      }
      return {
        status: session.state,
        serverUrl: session.serverUrl,
        username: session.username,
        displayName: session.displayName,
        role: session.role,
        message: session.message,
        panelOpen: session.state === 'active' ? false : state.panelOpen || session.state === 'expired',
      };
    },
    panelToggled(state, action: PayloadAction<boolean>) {
      state.panelOpen = action.payload;
    },
  },
});

export const { sessionLoaded, panelToggled } = sessionSlice.actions;
export default sessionSlice.reducer;
