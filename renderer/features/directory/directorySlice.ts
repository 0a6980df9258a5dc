import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RowIssue } from '../../../shared/directory/row';
import { countCustomers } from './directoryRepo';
import { importDirectoryFile, type ImportResult } from './importDirectory';

export interface DirectoryState {
  customerCount: number | null;
  importing: boolean;
  progress: number;
  fileName: string | null;
  lastImport: (Omit<ImportResult, 'summary'> & { lines: number; errors: RowIssue[]; warnings: RowIssue[] }) | null;
  error: string | null;
}

const initialState: DirectoryState = {
  customerCount: null,
  importing: false,
  progress: 0,
  fileName: null,
  lastImport: null,
  error: null,
};

export const refreshCustomerCount = createAsyncThunk('directory/count', () => countCustomers());

export const importDirectory = createAsyncThunk(
  'directory/import',
  async (file: File, { dispatch }) => {
    const result = await importDirectoryFile(file, (fraction) => dispatch(importProgressed(fraction)));
    await dispatch(refreshCustomerCount());
    const { summary, ...counts } = result;
    return { ...counts, lines: summary.lines, errors: summary.errors, warnings: summary.warnings };
  },
);

const directorySlice = createSlice({
  name: 'directory',
  initialState,
  reducers: {
    importProgressed(state, action: PayloadAction<number>) {
      state.progress = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(refreshCustomerCount.fulfilled, (state, action) => {
        state.customerCount = action.payload;
      })
      .addCase(importDirectory.pending, (state, action) => {
        state.importing = true;
        state.progress = 0;
        state.error = null;
        state.lastImport = null;
        state.fileName = action.meta.arg.name;
      })
      .addCase(importDirectory.fulfilled, (state, action) => {
        state.importing = false;
        state.progress = 1;
        state.lastImport = action.payload;
      })
      .addCase(importDirectory.rejected, (state, action) => {
        state.importing = false;
        state.error = action.error.message ?? 'No se pudo importar el directorio.';
      });
  },
});

export const { importProgressed } = directorySlice.actions;
export default directorySlice.reducer;
