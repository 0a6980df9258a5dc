// The agent's sign-in to the back office.
export { SessionService } from './sessionService';
export { SessionStore } from './sessionStore';
export { default as sessionReducer, panelToggled, sessionLoaded } from './sessionSlice';
export { SignInPanel } from './SignInPanel';
