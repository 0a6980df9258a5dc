import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` while not null: countdowns, call timers, the age
 * of the queue and of the directory. The one clock hook of the UI.
 */
export function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
