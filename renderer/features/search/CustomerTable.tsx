import { displayRut } from '../../../shared/validation/rut';
import { SEARCH_KEY_LABEL } from '../../../shared/search/query';
import type { SearchHit } from './searchService';

interface Props {
  caption: string;
  hits: SearchHit[];
  onOpen: (codigo: string) => void;
  openLabel?: string;
  /**
   * The results of a combobox (the desk's search box): the table is its grid, `active` the row the
   * arrows highlight (aria-selected; the box points at it with aria-activedescendant).
   */
  grid?: { id: string; rowId: (index: number) => string; active: number };
}

/** Customer list as the procedures read it: the last column "bloqueo" says SI for a replaced code. */
export function CustomerTable({ caption, hits, onOpen, openLabel = 'Abrir', grid }: Props) {
  return (
    <table className="customers" {...(grid ? { id: grid.id, role: 'grid' } : {})}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Nombre</th>
          <th scope="col">Código</th>
          <th scope="col">RUT</th>
          <th scope="col">Dirección</th>
          <th scope="col">Bloqueos</th>
          <th scope="col">Coincide por</th>
          <th scope="col"></th>
          <th scope="col">bloqueo</th>
        </tr>
      </thead>
      <tbody>
        {hits.map(({ customer, matchedBy }, index) => (
          <tr
            key={customer.codigo}
            className={customer.codigoBloqueado ? 'row--replaced' : undefined}
            {...(grid ? { id: grid.rowId(index), 'aria-selected': index === grid.active } : {})}
          >
            <td>{customer.nombre}</td>
            <td>{customer.codigo}</td>
            <td>{displayRut(customer.rut)}</td>
            <td>
              {customer.calle} {customer.numero}, {customer.comuna}
            </td>
            <td>
              {customer.bloqueos.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                customer.bloqueos.map((code) => (
                  <span key={code} className="badge">
                    {code}
                  </span>
                ))
              )}
            </td>
            <td>{matchedBy.map((by) => SEARCH_KEY_LABEL[by]).join(', ')}</td>
            <td>
              <button
                type="button"
                onClick={() => onOpen(customer.codigo)}
                aria-label={`${openLabel} ${customer.nombre} (${customer.codigo})`}
              >
                {openLabel}
              </button>
            </td>
            <td className={customer.codigoBloqueado ? 'flag--si' : 'flag--no'}>
              {customer.codigoBloqueado ? 'SI' : 'NO'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
