import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { SEARCH_KEY_LABEL } from '../../../shared/search/query';
import { countOf } from '../../../shared/text/plural';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { CustomerTable } from './CustomerTable';
import { runSearch } from './searchSlice';
import { NAME_HITS } from './searchService';
import { SEARCH_SHORTCUT } from './shortcut';

/** True while the agent is writing somewhere else (the focus is in a field): not taken from there. */
function isTyping(element: Element | null): boolean {
  return (
    element instanceof HTMLElement &&
    (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName))
  );
}

interface Props {
  /** Opens the chosen customer (the pop-up's business). */
  onOpen: (codigo: string) => void;
  /** Changes each time the agent asks for the search box (Ctrl+K): the box takes the focus. */
  focusRequest?: number;
}

/**
 * The search box and its results, keyboard first (ARIA combobox with a grid of results, APG's
 * "combobox with grid popup": the results have columns and an "Abrir" button per row). Enter on new
 * text searches and opens the only customer found; on results already shown it opens the highlighted
 * row (the first unless the arrows moved); ArrowUp/ArrowDown move through the rows while the focus
 * stays in the box (aria-activedescendant).
 */
export function SearchPanel({ onOpen, focusRequest = 0 }: Props) {
  const dispatch = useAppDispatch();
  const search = useAppSelector((s) => s.search);
  const [text, setText] = useState(search.query);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const gridId = useId();
  const keysHintId = useId();

  // A caller number filled in from elsewhere (an unknown caller) shows in the box too.
  useEffect(() => setText(search.query), [search.query]);
  // New results: the highlight starts again on the first row.
  useEffect(() => setActive(0), [search.hits]);
  // The box has the focus when the desk appears (at start, back from another screen) unless a
  // dialog or another field has it, and on every Ctrl+K; its old text selected, to type over.
  const firstRequest = useRef(focusRequest);
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const asked = focusRequest !== firstRequest.current;
    const free =
      !document.querySelector('[aria-modal="true"], dialog[open]') && !isTyping(document.activeElement);
    if (asked || free) {
      input.focus();
      input.select();
    }
  }, [focusRequest]);

  const hits = search.hits;
  const showing = search.status === 'done' && hits.length > 0;
  const current = showing ? Math.min(active, hits.length - 1) : -1;
  const rowId = (index: number) => `${gridId}-row-${index}`;

  const searchThenOpenOnly = async (query: string) => {
    const result = await dispatch(runSearch(query));
    // Opened only if the agent still has that text in the box (not after typing on).
    if (
      runSearch.fulfilled.match(result) &&
      result.payload.hits.length === 1 &&
      inputRef.current?.value === query
    )
      onOpen(result.payload.hits[0]!.customer.codigo);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!showing) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = Math.max(0, Math.min(hits.length - 1, current + step));
      setActive(next);
      document.getElementById(rowId(next))?.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (text.trim() === '') return;
      const unchanged = text === search.query;
      if (unchanged && search.status === 'searching') return; // a second Enter while it searches
      if (unchanged && showing) onOpen(hits[current]!.customer.codigo);
      else void searchThenOpenOnly(text);
    }
  };

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
        <label htmlFor={inputId}>
          Buscar cliente{' '}
          <kbd className="search__shortcut" aria-hidden="true">
            {SEARCH_SHORTCUT.label}
          </kbd>
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="search"
          role="combobox"
          aria-haspopup="grid"
          aria-expanded={showing}
          aria-controls={gridId}
          aria-autocomplete="none"
          aria-activedescendant={current >= 0 ? rowId(current) : undefined}
          aria-describedby={showing ? keysHintId : undefined}
          aria-keyshortcuts={SEARCH_SHORTCUT.aria}
          value={text}
          autoComplete="off"
          placeholder={`Teléfono, RUT, código, nombre o dirección (${SEARCH_SHORTCUT.label})`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
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
          hits.length === 0 &&
          `No se encontró ningún cliente (se buscó por ${readings}).`}
        {search.status === 'done' &&
          hits.length > 0 &&
          `${countOf(hits.length, 'cliente encontrado', 'clientes encontrados')} (se buscó por ${readings}).`}
        {search.status === 'done' &&
          search.totals.nameTotal !== null &&
          search.totals.nameTotal > NAME_HITS &&
          ` ${search.totals.nameTotalExact ? '' : 'Más de '}${search.totals.nameTotal.toLocaleString('es-CL')} coinciden por nombre: se muestran los primeros ${NAME_HITS}; agregue otra palabra del nombre.`}
        {search.status === 'done' &&
          !search.totals.indexed &&
          ' La búsqueda por nombre y por calle estará lista cuando termine de reorganizarse el directorio.'}
      </div>
      {hits.length > 0 && (
        <>
          <p id={keysHintId} className="search__keys muted">
            <kbd>↑</kbd> <kbd>↓</kbd> eligen el cliente, <kbd>Enter</kbd> lo abre.
          </p>
          <div className="search__results">
            <CustomerTable
              caption="Resultados de la búsqueda"
              hits={hits}
              onOpen={onOpen}
              grid={{ id: gridId, rowId, active: current }}
            />
          </div>
        </>
      )}
    </section>
  );
}
