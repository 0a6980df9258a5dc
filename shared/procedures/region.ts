import { foldText } from '../text/normalize';

/**
 * "Cliente de regiones" (seed 002): outside the Región Metropolitana. The directory writes the
 * region by name ("Metropolitana de Santiago"), sometimes as "RM", "XIII" or "13". Null when empty.
 */
export function isRegionalRegion(region: string | null | undefined): boolean | null {
  const folded = foldText(region ?? '');
  if (folded === '') return null;
  const metropolitan =
    folded === 'rm' ||
    folded === 'xiii' ||
    folded === '13' ||
    folded.includes('metropolitana') ||
    folded === 'santiago';
  return !metropolitan;
}
