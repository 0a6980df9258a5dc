/** How the board writes numbers, durations, percentages and days (es-CL). */
const integer = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('es-CL', { style: 'percent', maximumFractionDigits: 1 });

export const formatInt = (value: number): string => integer.format(value);
export const formatDecimal = (value: number | null): string => (value === null ? '—' : decimal.format(value));
export const formatPercent = (ratio: number | null): string => (ratio === null ? '—' : percent.format(ratio));

/** 4 min 05 s · 1 h 02 min · 2 d 3 h · — */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** '2026-03-02' → '02-03' (the board's days are already Chile's). */
export function formatDay(day: string): string {
  return `${day.slice(8, 10)}-${day.slice(5, 7)}`;
}

/** "hace 5 s", "hace 3 min", "hace 2 h". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `hace ${s} s`;
  if (s < 3600) return `hace ${Math.floor(s / 60)} min`;
  if (s < 172_800) return `hace ${Math.floor(s / 3600)} h`;
  return `hace ${Math.floor(s / 86_400)} días`;
}

const dateTime = new Intl.DateTimeFormat('es-CL', {
  timeZone: 'America/Santiago',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
export const formatInstant = (iso: string | null): string => (iso ? dateTime.format(new Date(iso)) : '—');
