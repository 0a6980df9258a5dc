import { useEffect, useId, useState } from 'react';
import { SEARCH_KEY_LABEL } from '../../../shared/search/query';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { CustomerTable } from './CustomerTable';
import { runSearch } from './searchSlice';
import { NAME_HITS } from './searchService';

/** The search box and its results; `onOpen` opens the chosen customer (the pop-up's business). */
export function SearchPanel({ onOpen }: { onOpen: (codigo: string) => void }) {
  const dispatch = useAppDispatch();
  const search = useAppSelector((s) => s.search);
  const [text, setText] = useState(search.query);
  const inputId = useId();

  // A caller number filled in from elsewhere (an unknown caller) shows in the box too.
  useEffect(() => setText(search.query), [search.query]);

  const readings = search.keys.map((key) => SEARCH_KEY_LABEL[key.by]).join(', ');
  return (
    <section className="search" aria-label="Búsqueda de clientes">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void dispatch(runSearch(text));
        }}
      >
        <label htmlFor={inputId}>Buscar cliente</label>
        <input
          id={inputId}
          type="search"
          value={text}
          autoComplete="off"
          placeholder="Teléfono, RUT, código, nombre o dirección (comuna/calle y número)"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Buscar</button>
      </form>
      <div role="status" className="search__status" data-state={search.status} data-query={search.query}>
        {search.status === 'searching' && 'Buscando…'}
        {search.status === 'error' && search.error}
        {search.problem && <span className="search__problem">{search.problem} </span>}
        {search.status === 'done' &&
          search.keys.length === 0 &&
          !search.problem &&
          `«${search.query}» no es un teléfono, RUT (revise el dígito verificador), código ni dirección «comuna número».`}
        {search.status === 'done' &&
          search.keys.length > 0 &&
          search.hits.length === 0 &&
          `No se encontró ningún cliente (se buscó por ${readings}).`}
        {search.status === 'done' &&
          search.hits.length > 0 &&
          `${search.hits.length} ${search.hits.length === 1 ? 'cliente encontrado' : 'clientes encontrados'} (se buscó por ${readings}).`}
        {search.status === 'done' &&
          search.totals.nameTotal !== null &&
          search.totals.nameTotal > NAME_HITS &&
          ` ${search.totals.nameTotalExact ? '' : 'Más de '}${search.totals.nameTotal.toLocaleString('es-CL')} coinciden por nombre: se muestran los primeros ${NAME_HITS}; agregue otra palabra del nombre.`}
        {search.status === 'done' &&
          !search.totals.indexed &&
          ' La búsqueda por nombre y por calle estará lista cuando termine de reorganizarse el directorio.'}
      </div>
      {search.hits.length > 0 && (
        <CustomerTable caption="Resultados de la búsqueda" hits={search.hits} onOpen={onOpen} />
      )}
    </section>
  );
}
