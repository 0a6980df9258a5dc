import { configureStore } from '@reduxjs/toolkit';
import directory from '../features/directory/directorySlice';
import popup from '../features/popup/popupSlice';
import search from '../features/search/searchSlice';

export function createStore() {
  return configureStore({ reducer: { directory, search, popup } });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
