import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RowIssue } from '../../../shared/directory/row';
import { explainFailure, type FailureLog } from '../../platform/failure';
import { DEFAULT_MAX_AGE_HOURS } from './age';
import type { ImportResult, LocalDirectory } from './directoryService';
import type { DirectoryProgress } from './engine/progress';
import type { DirectorySource } from './storage/layout';

/** What the UI shows about the local copy. */
export interface DirectoryInfo {
  count: number;
  syncedAt: string | null;
  updatedAt: string | null;
  source: DirectorySource | null;
}

/** `held`: the back office's snapshot was not applied and the local copy kept (the message says why). */
export type DirectorySyncStatus =
  'idle' | 'syncing' | 'ok' | 'offline' | 'unauthorized' | 'error' | 'signed-out' | 'held';

export interface DirectoryState {
  customerCount: number | null;
  info: DirectoryInfo | null;
  importing: boolean;
  progress: number;
  fileName: string | null;
  lastImport:
    (Omit<ImportResult, 'summary'> & { lines: number; errors: RowIssue[]; warnings: RowIssue[] }) | null;
  error: string | null;
  sync: {
    status: DirectorySyncStatus;
    progress: DirectoryProgress | null;
    message: string | null;
  };
  /** navigator.storage.persist(): true granted, false refused, null unknown. */
  persisted: boolean | null;
  maxAgeHours: number;
}

const initialState: DirectoryState = {
  customerCount: null,
  info: null,
  importing: false,
  progress: 0,
  fileName: null,
  lastImport: null,
  error: null,
  sync: { status: 'idle', progress: null, message: null },
  persisted: null,
  maxAgeHours: DEFAULT_MAX_AGE_HOURS,
};

/** What the directory's thunks need from the app's services (the store's extra argument). */
export interface DirectoryThunkExtra {
  directory: Pick<LocalDirectory, 'info' | 'importFile'>;
  /** The operator's log: where a failure's raw details go (the agent reads a Spanish sentence). */
  log: FailureLog;
}

const createDirectoryThunk = createAsyncThunk.withTypes<{
  extra: DirectoryThunkExtra;
  rejectValue: string;
}>();

export const refreshCustomerCount = createDirectoryThunk(
  'directory/count',
  async (_: void, { extra }): Promise<DirectoryInfo> => {
    const meta = await extra.directory.info();
    return { count: meta.count, syncedAt: meta.syncedAt, updatedAt: meta.updatedAt, source: meta.source };
  },
);

export const importDirectory = createDirectoryThunk(
  'directory/import',
  async (file: File, { dispatch, extra, rejectWithValue }) => {
    try {
      const result = await extra.directory.importFile(file, (fraction) =>
        dispatch(importProgressed(fraction)),
      );
      await dispatch(refreshCustomerCount());
      const { summary, ...counts } = result;
      return { ...counts, lines: summary.lines, errors: summary.errors, warnings: summary.warnings };
    } catch (error) {
      return rejectWithValue(
        explainFailure(
          extra.log,
          'directory import failed',
          error,
          'No se pudo importar el directorio en este equipo: el directorio anterior sigue disponible. Intente de nuevo o avise al supervisor.',
        ),
      );
    }
  },
);

const directorySlice = createSlice({
  name: 'directory',
  initialState,
  reducers: {
    importProgressed(state, action: PayloadAction<number>) {
      state.progress = action.payload;
    },
    syncStarted(state) {
      state.sync.status = 'syncing';
      state.sync.progress = null;
    },
    syncProgressed(state, action: PayloadAction<DirectoryProgress>) {
      state.sync.progress = action.payload;
    },
    syncFinished(
      state,
      action: PayloadAction<{ status: Exclude<DirectorySyncStatus, 'syncing'>; message: string | null }>,
    ) {
      state.sync = { status: action.payload.status, progress: null, message: action.payload.message };
    },
    persistenceChecked(state, action: PayloadAction<boolean | null>) {
      state.persisted = action.payload;
    },
    maxAgeSet(state, action: PayloadAction<number>) {
      state.maxAgeHours = action.payload;
    },
    /** The agent read the import's summary: it leaves the desk (the directory itself is unchanged). */
    importResultDismissed(state) {
      state.lastImport = null;
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(refreshCustomerCount.fulfilled, (state, action) => {
        state.customerCount = action.payload.count;
        state.info = action.payload;
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
        state.error = action.payload ?? 'No se pudo importar el directorio.';
      });
  },
});

export const {
  importProgressed,
  syncStarted,
  syncProgressed,
  syncFinished,
  persistenceChecked,
  maxAgeSet,
  importResultDismissed,
} = directorySlice.actions;
export default directorySlice.reducer;
