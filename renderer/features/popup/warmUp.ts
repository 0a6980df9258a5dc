import { extractCallerId } from '../../../shared/telephony/callerId';
import type { CustomerSearch } from '../search';

/**
 * A number no customer has (Chile's 2 area code, all zeros after it): the warm-up's look-up finds
 * nobody whatever the directory holds.
 */
const WARM_UP_NUMBER = '+56220000000';

/**
 * Runs the INVITE → pop-up path once without a call, so the first real call does not pay for
 * what runs the first time only: the phone parser's metadata (caller id), the directory copy's
 * database and its phone index (the look-up). Read-only: nothing is written or shown. Called by
 * the composition root once the desk has started.
 */
export async function warmUpPopPath(search: Pick<CustomerSearch, 'searchByKeys'>): Promise<void> {
  const callerId = extractCallerId({ 'P-Asserted-Identity': `<sip:${WARM_UP_NUMBER}@warm.up>` });
  for (const key of callerId.lookup) await search.searchByKeys([key]);
}
