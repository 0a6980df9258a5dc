import { SAMPLE_CUSTOMERS as C, type SampleCustomer } from '../../fixtures/sampleCustomers';

/** One customer per kind of pop-up the desk shows (the a11y and the fit-the-screen checks). */
export const POPUP_KINDS: Array<[string, SampleCustomer]> = [
  ['form (Z0)', C.z0],
  ['collections (Z1)', C.z1],
  ['collections with an open order', C.z1OpenOrder],
  ['search, no form (Z3)', C.z3AddressMatch],
  ['ticket (Z4, open ticket)', C.z4OpenTicket],
  ['ticket (Z4, none)', C.z4NoTicket],
  ['inactive (ZB)', C.zb],
  ['replaced code', C.replacedWithNewCode],
  ['unknown code', C.unknownZ7],
  ['several blocks', C.multiZ4ZBZ1],
];
