import type { Customer } from '../../../shared/directory/customer';
import type { CallerId } from '../../../shared/telephony/callerId';
import type { AppDispatch } from '../../app/store';
import { setCallCustomer } from '../calllog/callLogRepo';
import { searchByKeys } from '../search/searchService';
import { runSearch } from '../search/searchSlice';
import { callPopped } from './popupSlice';

/**
 * INVITE → pop-up. The caller id's look-ups are tried in order (IVR code/RUT first, then the
 * number) and the first that finds anyone decides: one customer pops their blocks at once,
 * several open a picker, none opens the search with the number filled in.
 */
export async function popForIncomingCall(
  dispatch: AppDispatch,
  callerId: CallerId,
  callId: string,
): Promise<Customer[]> {
  let matches: Customer[] = [];
  for (const key of callerId.lookup) {
    const hits = await searchByKeys([key]);
    if (hits.length > 0) {
      matches = hits.map((hit) => hit.customer);
      break;
    }
  }
  dispatch(
    callPopped({ call: { callId, callerLabel: callerId.label, displayName: callerId.displayName }, matches }),
  );
  if (matches.length === 0 && callerId.number) void dispatch(runSearch(callerId.number));
  if (matches.length === 1) void setCallCustomer(callId, matches[0]!.codigo, matches[0]!.bloqueos);
  return matches;
}
