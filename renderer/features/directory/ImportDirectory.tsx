import { useId } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { countOf } from '../../../shared/text/plural';
import { DirectoryAge } from './DirectoryStatus';
import { importDirectory, importResultDismissed } from './directorySlice';
import './directory.css';

const MAX_LISTED_ISSUES = 200;

/**
 * The directory's cell of the status strip: how many customers, how old the copy is, and the
 * import button. What an import or a sync has to say shows below the strip (ImportResult, DirectoryNotices).
 */
export function ImportDirectory() {
  const dispatch = useAppDispatch();
  const state = useAppSelector((s) => s.directory);
  const inputId = useId();

  return (
    <section className="import" aria-label="Directorio de clientes">
      <div className="import__row">
        <span className="import__facts">
          <span className="muted">
            {state.customerCount === null
              ? ''
              : countOf(state.customerCount, 'cliente en el directorio', 'clientes en el directorio')}
          </span>
          <DirectoryAge />
        </span>
        <label htmlFor={inputId} className="button">
          Importar directorio
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv"
          disabled={state.importing}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void dispatch(importDirectory(file));
          }}
        />
      </div>
    </section>
  );
}

/** An import's progress, then its summary with every refused row and warning, until the agent closes it. */
export function ImportResult() {
  const dispatch = useAppDispatch();
  const state = useAppSelector((s) => s.directory);
  const result = state.lastImport;
  if (!state.importing && !state.error && !result) return null;
  return (
    <div className="import__notice">
      {state.importing && (
        <progress aria-label="Progreso de la importación" max={1} value={state.progress}>
          {Math.round(state.progress * 100)} %
        </progress>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {result && (
        <div role="status" className="import__result">
          <p>
            {state.fileName}: {result.lines.toLocaleString('es-CL')} filas leídas — {result.added} nuevos,{' '}
            {result.updated} actualizados, {result.unchanged} sin cambios, {result.errors.length} con errores.
          </p>
          {result.errors.length > 0 && <IssueList title="Filas no importadas" issues={result.errors} />}
          {result.warnings.length > 0 && (
            <IssueList title="Advertencias (fila importada)" issues={result.warnings} />
          )}
        </div>
      )}
      {!state.importing && (
        <button type="button" className="import__close" onClick={() => dispatch(importResultDismissed())}>
          Cerrar resultado
        </button>
      )}
    </div>
  );
}

function IssueList({ title, issues }: { title: string; issues: { line: number; reason: string }[] }) {
  return (
    <details open>
      <summary>
        {title} ({issues.length})
      </summary>
      <ul aria-label={title}>
        {issues.slice(0, MAX_LISTED_ISSUES).map((issue, i) => (
          <li key={`${issue.line}-${i}`}>
            Línea {issue.line}: {issue.reason}
          </li>
        ))}
      </ul>
      {issues.length > MAX_LISTED_ISSUES && <p>… y {issues.length - MAX_LISTED_ISSUES} más.</p>}
    </details>
  );
}
