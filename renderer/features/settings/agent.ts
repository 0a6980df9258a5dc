const AGENT_KEY = 'companion.agent';
export const DEFAULT_AGENT = 'agente';

/** The agent's id, shown on every form. Replaced by the signed-in account once the back office is configured. */
export function currentAgent(): string {
  return window.localStorage.getItem(AGENT_KEY)?.trim() || DEFAULT_AGENT;
}
