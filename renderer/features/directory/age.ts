/** "hace 3 h", "hace 12 min", "hace 2 días": how old the local directory copy is, for the agent. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'hace menos de 1 min';
  if (minutes < 60) return `hace ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `hace ${hours} h`;
  return `hace ${Math.floor(hours / 24)} días`;
}

export const DEFAULT_MAX_AGE_HOURS = 24;

/** The configured limit as the warning says it: "24 h", "90 min". */
export function formatLimit(hours: number): string {
  return hours >= 1
    ? `${Math.round(hours * 10) / 10} h`.replace('.', ',')
    : `${Math.max(1, Math.round(hours * 60))} min`;
}

/** True when the copy is older than the limit (a copy never downloaded has no age to judge). */
export function isStale(syncedAt: string | null, now: number, maxAgeHours: number): boolean {
  if (!syncedAt) return false;
  return now - Date.parse(syncedAt) > maxAgeHours * 3_600_000;
}
