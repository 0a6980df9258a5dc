import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { cellText, type BoardColumn, type DrillRequest } from './columns';
import { ExportButtons } from './ExportButtons';

interface Props<Row> {
  caption: string;
  rows: readonly Row[];
  columns: BoardColumn<Row>[];
  onDrill: (request: DrillRequest) => void;
  /** File name without extension. */
  exportName: string;
  /** Mask RUT and phone columns in exports (the viewer's role may not see them). */
  mask: boolean;
  empty?: string;
}

/** A sortable table (TanStack Table) whose numbers open their rows, with CSV/.xlsx export of what it shows. */
export function DataTable<Row>({ caption, rows, columns, onDrill, exportName, mask, empty }: Props<Row>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columnDefs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: Row) => column.value(row) ?? (column.numeric ? -Infinity : ''),
        sortDescFirst: column.numeric === true,
        cell: (info) => {
          const row = info.row.original;
          const text = cellText(column, row);
          const drill = column.drill?.(row);
          return drill ? (
            <button
              type="button"
              className="board-num"
              onClick={() => onDrill(drill)}
              title={`Ver: ${drill.title}`}
            >
              {text}
            </button>
          ) : (
            text
          );
        },
      })),
    [columns, onDrill],
  );
  const table = useReactTable({
    data: rows as Row[],
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const shown = table.getRowModel().rows.map((row) => row.original);

  return (
    <div className="board-table">
      <div className="board-table__bar">
        <span className="board-table__caption" id={`${exportName}-caption`}>
          {caption}
        </span>
        <ExportButtons name={exportName} sheet={caption} columns={columns} rows={shown} mask={mask} />
      </div>
      <div className="board-table__scroll">
        <table aria-labelledby={`${exportName}-caption`}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = columns.find((c) => c.id === header.column.id)?.numeric;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={numeric ? 'num' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    >
                      <button
                        type="button"
                        className="board-sort"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">
                          {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {empty ?? 'Sin datos para estos filtros.'}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={columns.find((c) => c.id === cell.column.id)?.numeric ? 'num' : undefined}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
