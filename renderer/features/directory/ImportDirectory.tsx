import { useId } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { DirectoryStatus } from './DirectoryStatus';
import { importDirectory } from './directorySlice';
import './directory.css';

const MAX_LISTED_ISSUES = 200;

export function ImportDirectory() {
  const dispatch = useAppDispatch();
  const state = useAppSelector((s) => s.directory);
  const inputId = useId();
  const result = state.lastImport;

  return (
    <section className="import" aria-label="Directorio de clientes">
      <div className="import__row">
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
        <span className="muted">
          {state.customerCount === null
            ? ''
            : `${state.customerCount.toLocaleString('es-CL')} clientes en el directorio`}
        </span>
      </div>
      <DirectoryStatus />
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
    </section>
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
