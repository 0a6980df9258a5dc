/**
 * Seed 003's indicator: work orders or requests not cancelled × 100 / those at risk of
 * cancellation. "Mayor a 95 %: aceptado; menor o igual a 95 %: observado." Counted over the
 * cases that ended in the period (an open case is neither yet).
 */
export const INDICATOR_THRESHOLD_PERCENT = 95;

export type IndicatorVerdict = 'aceptado' | 'observado' | 'sin_datos';

export interface IndicatorCounts {
  noAnuladas: number;
  anuladas: number;
}

export interface Indicator extends IndicatorCounts {
  total: number;
  /** Rounded to one decimal for display; null without cases. */
  percent: number | null;
  verdict: IndicatorVerdict;
}

export const INDICATOR_LABELS: Record<IndicatorVerdict, string> = {
  aceptado: 'Aceptado (> 95 %)',
  observado: 'Observado (≤ 95 %)',
  sin_datos: 'Sin casos cerrados',
};

export function anulacionIndicator(counts: IndicatorCounts): Indicator {
  const total = counts.noAnuladas + counts.anuladas;
  if (total === 0) return { ...counts, total, percent: null, verdict: 'sin_datos' };
  // Compare the counts, not the rounded percentage: 95.04 % shows as 95.0 but is above 95 %.
  const accepted = counts.noAnuladas * 100 > INDICATOR_THRESHOLD_PERCENT * total;
  return {
    ...counts,
    total,
    percent: Math.round((counts.noAnuladas * 1000) / total) / 10,
    verdict: accepted ? 'aceptado' : 'observado',
  };
}
