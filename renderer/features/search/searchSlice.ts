import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { interpretQuery, type SearchKey } from '../../../shared/search/query';
import { searchByKeys, type SearchHit } from './searchService';

export interface SearchState {
  query: string;
  keys: SearchKey[];
  hits: SearchHit[];
  status: 'idle' | 'searching' | 'done' | 'error';
  error: string | null;
}

const initialState: SearchState = { query: '', keys: [], hits: [], status: 'idle', error: null };

export const runSearch = createAsyncThunk('search/run', async (query: string) => {
  const keys = interpretQuery(query);
  const hits = await searchByKeys(keys);
  return { query, keys, hits };
});

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
