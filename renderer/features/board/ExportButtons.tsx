import { useState } from 'react';
import { toCsv, toXlsx, type ExportColumn } from '../../../shared/export';
import { exportValue, type BoardColumn } from './columns';

/** The table's columns as the shared exporter takes them: the same values the screen shows. */
export function exportColumnsOf<Row>(columns: BoardColumn<Row>[]): ExportColumn<Row>[] {
  return columns.map((column) => ({
    header: column.header,
    value: (row: Row) => exportValue(column, row),
    sensitive: column.sensitive,
    width: Math.max(10, Math.min(40, column.header.length + 4)),
  }));
}

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Props<Row> {
  name: string;
  sheet: string;
  columns: BoardColumn<Row>[];
  rows: readonly Row[];
  mask: boolean;
}

/** "CSV" and "Excel" of the rows as shown (same order, same columns), via shared/export. */
export function ExportButtons<Row>({ name, sheet, columns, rows, mask }: Props<Row>) {
  const [error, setError] = useState<string | null>(null);
  const stamp = new Date().toISOString().slice(0, 10);
  const csv = () => {
    download(
      `${name}-${stamp}.csv`,
      toCsv(exportColumnsOf(columns), rows, { mask }),
      'text/csv;charset=utf-8',
    );
  };
  const xlsx = async () => {
    try {
      setError(null);
      const bytes = await toXlsx(exportColumnsOf(columns), rows, { mask, sheet });
      download(
        `${name}-${stamp}.xlsx`,
        bytes as Uint8Array<ArrayBuffer>,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    } catch {
      setError('No se pudo generar el archivo Excel.');
    }
  };
  return (
    <span className="board-export">
      <button type="button" onClick={csv} aria-label={`Exportar «${sheet}» a CSV`}>
        CSV
      </button>
      <button type="button" onClick={() => void xlsx()} aria-label={`Exportar «${sheet}» a Excel`}>
        Excel
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </span>
  );
}
