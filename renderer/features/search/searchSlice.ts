import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { interpretQuery, queryProblem, type SearchKey } from '../../../shared/search/query';
import { explainFailure, type FailureLog } from '../../platform';
import type { CustomerSearch, SearchHit, SearchTotals } from './searchService';

export interface SearchState {
  query: string;
  keys: SearchKey[];
  hits: SearchHit[];
  status: 'idle' | 'searching' | 'done' | 'error';
  error: string | null;
  /** Something wrong with the query itself (a RUT's check digit), said before the results. */
  problem: string | null;
  totals: SearchTotals;
}

const initialState: SearchState = {
  query: '',
  keys: [],
  hits: [],
  status: 'idle',
  error: null,
  problem: null,
  totals: { nameTotal: null, nameTotalExact: true, indexed: true },
};

/** What the search's thunks need from the app's services (the store's extra argument). */
export interface SearchThunkExtra {
  search: Pick<CustomerSearch, 'searchWithTotals'>;
  log: FailureLog;
}

export const runSearch = createAsyncThunk.withTypes<{ extra: SearchThunkExtra; rejectValue: string }>()(
  'search/run',
  async (query: string, { extra, rejectWithValue }) => {
    const keys = interpretQuery(query);
    try {
      const { hits, ...totals } = await extra.search.searchWithTotals(keys);
      return { query, keys, hits, totals };
    } catch (error) {
      return rejectWithValue(
        explainFailure(
          extra.log,
          'search failed',
          error,
          'No se pudo buscar en el directorio de este equipo: intente de nuevo.',
        ),
      );
    }
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
        state.problem = queryProblem(action.meta.arg);
      })
      .addCase(runSearch.fulfilled, (state, action) => {
        // A slower, older search must not overwrite the answer to what the agent typed last.
        if (action.payload.query !== state.query) return;
        state.status = 'done';
        state.keys = action.payload.keys;
        state.hits = action.payload.hits;
        state.totals = action.payload.totals;
      })
      .addCase(runSearch.rejected, (state, action) => {
        state.status = 'error';
        state.error =
          action.payload ?? 'No se pudo buscar en el directorio de este equipo: intente de nuevo.';
      });
  },
});

export default searchSlice.reducer;
