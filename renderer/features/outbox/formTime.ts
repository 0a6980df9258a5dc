const pad = (n: number) => String(n).padStart(2, '0');

/**
 * How the forms list dates a form: "14:05" when it was written today (this workstation's day),
 * "28-11 14:05" on another day of this year, "28-11-2025 14:05" before it.
 */
export function listTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  if (sameDay) return time;
  const day = `${pad(at.getDate())}-${pad(at.getMonth() + 1)}`;
  return at.getFullYear() === now.getFullYear() ? `${day} ${time}` : `${day}-${at.getFullYear()} ${time}`;
}

/** The full moment, for the detail view: "28-11-2026 14:05". */
export function fullTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return `${pad(at.getDate())}-${pad(at.getMonth() + 1)}-${at.getFullYear()} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
