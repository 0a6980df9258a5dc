// Customer search on the local directory copy.
export { createCustomerSearch, type CustomerSearch, type SearchHit } from './searchService';
export { default as searchReducer, runSearch, type SearchThunkExtra } from './searchSlice';
export { CustomerTable } from './CustomerTable';
export { SearchPanel } from './SearchPanel';
export { isSearchShortcut } from './shortcut';
