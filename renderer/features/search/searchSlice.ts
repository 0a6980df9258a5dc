import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { interpretQuery, type SearchKey } from '../../../shared/search/query';
import type { CustomerSearch, SearchHit } from './searchService';

export interface SearchState {
  query: string;
  keys: SearchKey[];
  hits: SearchHit[];
  status: 'idle' | 'searching' | 'done' | 'error';
  error: string | null;
}

const initialState: SearchState = { query: '', keys: [], hits: [], status: 'idle', error: null };

/** What the search's thunks need from the app's services (the store's extra argument). */
export interface SearchThunkExtra {
  search: Pick<CustomerSearch, 'searchByKeys'>;
}

export const runSearch = createAsyncThunk.withTypes<{ extra: SearchThunkExtra }>()(
  'search/run',
  async (query: string, { extra }) => {
    const keys = interpretQuery(query);
    const hits = await extra.search.searchByKeys(keys);
    return { query, keys, hits };
  },
);

const searchSlice = createSlice({
  name: 'search',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(runSearch.pending, (state, action) => {
        state.status = 'searching';
        state.query = action.meta.arg;
        state.error = null;
      })
      .addCase(runSearch.fulfilled, (state, action) => {
        // A slower, older search must not overwrite the answer to what the agent typed last.
        if (action.payload.query !== state.query) return;
        state.status = 'done';
        state.keys = action.payload.keys;
        state.hits = action.payload.hits;
      })
      .addCase(runSearch.rejected, (state, action) => {
        state.status = 'error';
        state.error = action.error.message ?? 'Error al buscar en el directorio.';
      });
  },
});

export default searchSlice.reducer;
