import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { searchLeaves } from '../../../../shared/requirements/search';
import { TYPOLOGY, leafById, type TypologyLeaf } from '../../../../shared/requirements/typology';
import { OutcomeTag } from './labels';

/**
 * Choose a leaf of the post-sale typology: type a few letters (accents and case ignored) and pick
 * with the arrows and Enter, or browse Asunto › ítem › sub-ítem. Every result says whether it is a
 * ticket.
 */
export function LeafPicker({ onChoose }: { onChoose: (leaf: TypologyLeaf) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchLeaves(query), [query]);
  const activeMatch = results[Math.min(active, results.length - 1)];

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (results.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + results.length) % results.length);
    } else if (event.key === 'Enter' && activeMatch) {
      event.preventDefault();
      onChoose(activeMatch.leaf);
    }
  };

  return (
    <div className="req-picker">
      <label htmlFor={`${id}-q`}>Buscar tipificación</label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={results.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={activeMatch ? `${id}-opt-${activeMatch.leaf.id}` : undefined}
        aria-describedby={`${id}-hint`}
        autoFocus
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <small id={`${id}-hint`} className="muted">
        Escriba unas letras (p. ej. «marcador») y elija con ↑ ↓ y Enter, o recorra Asunto › ítem › sub-ítem.
      </small>
      <p role="status" className="visually-hidden">
        {query.trim() ? `${results.length} tipificaciones encontradas` : ''}
      </p>
      {query.trim() ? (
        results.length > 0 ? (
          <ul
            role="listbox"
            id={`${id}-list`}
            aria-label="Tipificaciones encontradas"
            className="req-results"
          >
            {results.map((match, index) => (
              <li
                key={match.leaf.id}
                id={`${id}-opt-${match.leaf.id}`}
                role="option"
                aria-selected={match === activeMatch}
                className={match === activeMatch ? 'is-active' : undefined}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onChoose(match.leaf)}
                onMouseMove={() => setActive(index)}
              >
                <span className="req-results__label">{match.leaf.label}</span>
                <span className="muted req-results__path">
                  {[match.leaf.asunto, match.leaf.subitem ? match.leaf.item : null]
                    .filter(Boolean)
                    .join(' › ')}
                </span>
                <OutcomeTag leaf={match.leaf} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Ninguna tipificación contiene «{query.trim()}». Pruebe con otra palabra.</p>
        )
      ) : (
        <Browse onChoose={onChoose} />
      )}
    </div>
  );
}

function Browse({ onChoose }: { onChoose: (leaf: TypologyLeaf) => void }) {
  const [asuntoId, setAsuntoId] = useState(TYPOLOGY[0]!.id);
  const [itemId, setItemId] = useState<string | null>(null);
  const asunto = TYPOLOGY.find((a) => a.id === asuntoId)!;
  const item = asunto.items.find((i) => i.id === itemId && i.children);
  return (
    <div className="req-browse">
      <div role="group" aria-label="Asunto" className="req-browse__col">
        <h3>Asunto</h3>
        {TYPOLOGY.map((a) => (
          <button
            key={a.id}
            type="button"
            aria-pressed={a.id === asuntoId}
            onClick={() => {
              setAsuntoId(a.id);
              setItemId(null);
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
      <div role="group" aria-label={`Ítems de ${asunto.label}`} className="req-browse__col">
        <h3>Ítem</h3>
        {asunto.items.map((node) => {
          const leaf = node.children ? undefined : leafById(`${asunto.id}.${node.id}`);
          return leaf ? (
            <button key={node.id} type="button" onClick={() => onChoose(leaf)}>
              {node.label} <OutcomeTag leaf={leaf} />
            </button>
          ) : (
            <button
              key={node.id}
              type="button"
              aria-pressed={node.id === itemId}
              onClick={() => setItemId(node.id)}
            >
              {node.label} ›
            </button>
          );
        })}
      </div>
      <div role="group" aria-label="Sub-ítems" className="req-browse__col">
        <h3>Sub-ítem</h3>
        {item ? (
          item.children!.map((child) => {
            const leaf = leafById(`${asunto.id}.${item.id}.${child.id}`)!;
            return (
              <button key={child.id} type="button" onClick={() => onChoose(leaf)}>
                {child.label} <OutcomeTag leaf={leaf} />
              </button>
            );
          })
        ) : (
          <p className="muted">Elija un ítem con sub-ítems (›).</p>
        )}
      </div>
    </div>
  );
}
