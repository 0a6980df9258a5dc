// A customer's pop-ups: the blocks' dialogs, their forms, the call that brought the customer up.
export { popForIncomingCall, type IncomingCallExtra } from './incomingCall';
export {
  default as popupReducer,
  callPopped,
  customerShown,
  openCustomer,
  requirementOpened,
  type PopupThunkExtra,
} from './popupSlice';
export { NewRequirementDialog, REQUIREMENT_SHORTCUT } from './requirement/NewRequirementDialog';
export { backOfficeCustomerCases, type CustomerCasesSource } from './customerCases';
export { CollectionsTransfer } from './collectionsTransfer';
export { CallBar } from './CallBar';
export { CandidatePicker } from './CandidatePicker';
export { CustomerCard } from './CustomerCard';
export { PopupDialog } from './PopupDialog';
export { warmUpPopPath } from './warmUp';
