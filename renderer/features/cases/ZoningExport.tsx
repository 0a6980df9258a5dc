import { useState } from 'react';
import { CasesApiError, type CasesApi } from './api';

const thisMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(new Date()).slice(0, 7);

/** Seed 003 step 21: the month's zonificación cases as an .xlsx for Div. Facturación. */
export function ZoningExport({ api }: { api: CasesApi }) {
  const [month, setMonth] = useState(thisMonth);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const blob = await api.zoningWorkbook(month);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `zonificacion-${month}.xlsx`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage(null);
    } catch (error) {
      setMessage(error instanceof CasesApiError ? error.message : 'No se pudo conectar con la central.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="zoning">
      <label htmlFor="zoning-month">Zonificación del mes</label>
      <input id="zoning-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
      <button type="button" disabled={busy || !/^\d{4}-\d{2}$/.test(month)} onClick={() => void download()}>
        Planilla para Facturación (.xlsx)
      </button>
      {message && (
        <span role="alert" className="error">
          {message}
        </span>
      )}
    </div>
  );
}
