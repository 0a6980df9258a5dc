import { SHOULD_AUTOBATCH, createAsyncThunk } from '@reduxjs/toolkit';
import type { Customer } from '../../../shared/directory/customer';
import type { CallerId } from '../../../shared/telephony/callerId';
import type { CallLog } from '../calllog';
import { runSearch, type CustomerSearch, type SearchThunkExtra } from '../search';
import { callPopped } from './popupSlice';

/** What the incoming-call pop needs from the app's services (the store's extra argument). */
export interface IncomingCallExtra extends SearchThunkExtra {
  search: Pick<CustomerSearch, 'searchByKeys' | 'searchWithTotals'>;
  callLog: Pick<CallLog, 'setCallCustomer'>;
}

/**
 * INVITE → pop-up. The caller id's look-ups are tried in order (IVR code/RUT first, then the
 * number) and the first that finds anyone decides: one customer pops their blocks at once,
 * several open a picker, none opens the search with the number filled in.
 */
export const popForIncomingCall = createAsyncThunk.withTypes<{ extra: IncomingCallExtra }>()(
  'popup/incomingCall',
  async ({ callerId, callId }: { callerId: CallerId; callId: string }, { dispatch, extra }) => {
    let matches: Customer[] = [];
    for (const key of callerId.lookup) {
      const hits = await extra.search.searchByKeys([key]);
      if (hits.length > 0) {
        matches = hits.map((hit) => hit.customer);
        break;
      }
    }
    dispatch(
      callPopped({
        call: { callId, callerLabel: callerId.label, displayName: callerId.displayName },
        matches,
      }),
    );
    if (matches.length === 0 && callerId.number) void dispatch(runSearch(callerId.number));
    if (matches.length === 1)
      void extra.callLog.setCallCustomer(
        callId,
        matches[0]!.codigo,
        matches[0]!.bloqueos,
        matches[0]!.nombre,
      );
    return matches;
  },
  // Its start changes nothing on screen: the ringing call (see callRang) waits for the pop.
  { getPendingMeta: () => ({ [SHOULD_AUTOBATCH]: true }) },
);
