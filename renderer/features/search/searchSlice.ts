import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { interpretQuery, queryProblem, type SearchKey } from '../../../shared/search/query';
import { explainFailure } from '../../platform/failure';
import { searchWithTotals, type SearchHit, type SearchTotals } from './searchService';

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

export const runSearch = createAsyncThunk<
  { query: string; keys: SearchKey[]; hits: SearchHit[]; totals: SearchTotals },
  string,
  { rejectValue: string }
>('search/run', async (query, { rejectWithValue }) => {
  const keys = interpretQuery(query);
  try {
    const { hits, ...totals } = await searchWithTotals(keys);
    return { query, keys, hits, totals };
  } catch (error) {
    return rejectWithValue(
      explainFailure(
        'search failed',
        error,
        'No se pudo buscar en el directorio de este equipo: intente de nuevo.',
      ),
    );
  }
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
