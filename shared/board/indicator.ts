/**
 * The indicator of seed 003 (COM-DSC-P10): work orders or requests not cancelled × 100 / those at
 * risk of cancellation. "Mayor a 95 %: aceptado; menor o igual a 95 %: observado".
 */
export const INDICATOR_THRESHOLD = 95;

export type IndicatorVerdict = 'aceptado' | 'observado';

export interface Indicator {
  /** Cases concluded "no anulada". */
  notCancelled: number;
  /** Cases at risk of cancellation that concluded (anulada or no anulada). */
  atRisk: number;
  /** Percentage, null when nothing concluded in the period. */
  percent: number | null;
  verdict: IndicatorVerdict | null;
}

export function anulacionIndicator(notCancelled: number, atRisk: number): Indicator {
  if (atRisk <= 0) return { notCancelled, atRisk, percent: null, verdict: null };
  const percent = (notCancelled * 100) / atRisk;
  // Compared exactly (integers), so 95 % is "observado" even where floating point would wobble.
  const verdict = notCancelled * 100 > INDICATOR_THRESHOLD * atRisk ? 'aceptado' : 'observado';
  return { notCancelled, atRisk, percent, verdict };
}

export const INDICATOR_LABEL: Record<IndicatorVerdict, string> = {
  aceptado: 'Aceptado (> 95 %)',
  observado: 'Observado (≤ 95 %)',
};
