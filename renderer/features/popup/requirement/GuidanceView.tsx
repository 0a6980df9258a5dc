import { useState } from 'react';
import type { ExternalLink } from '../../../../shared/requirements/guidance';
import { leafPath, type GuidanceLeaf } from '../../../../shared/requirements/typology';
import type { ExternalOpenResult } from '../../../platform';

/**
 * A leaf that must not become a ticket: the screen says why, what to do and what to tell the
 * customer, with the documents and links. There is nothing to send from here.
 */
export function GuidanceView({
  leaf,
  openExternal,
}: {
  leaf: GuidanceLeaf;
  openExternal: (url: string) => Promise<ExternalOpenResult>;
}) {
  const g = leaf.outcome.guidance;
  return (
    <section className="guidance" aria-label="No se ingresa ticket">
      <p className={`notice ${g.channel === 'no-usar' ? 'notice--blocked' : 'notice--warn'}`}>
        <strong>{g.channel === 'no-usar' ? 'No use esta tipificación.' : 'No se ingresa ticket.'}</strong>{' '}
        {g.headline}
      </p>
      <p className="muted">{leafPath(leaf)}</p>
      <h3>Qué hacer</h3>
      <ol>
        {g.doThis.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      {g.tellCustomer.length > 0 && (
        <>
          <h3>Qué decir al cliente</h3>
          {g.tellCustomer.map((line) => (
            <p key={line} className="guidance__say">
              «{line}»
            </p>
          ))}
        </>
      )}
      {g.documents && (
        <>
          <h3>Documentos que debe adjuntar</h3>
          <ul>
            {g.documents.map((doc) => (
              <li key={doc}>{doc}</li>
            ))}
          </ul>
        </>
      )}
      {g.links && (
        <>
          <h3>Enlaces</h3>
          <ul className="guidance__links">
            {g.links.map((link) => (
              <LinkRow key={link.url} link={link} openExternal={openExternal} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "…m%C3%A1s_de…" → "…más_de…": the address as a person reads it (the copy keeps it encoded). */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function LinkRow({
  link,
  openExternal,
}: {
  link: ExternalLink;
  openExternal: (url: string) => Promise<ExternalOpenResult>;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <li>
      <span>{link.label}</span>{' '}
      <button
        type="button"
        onClick={() =>
          void openExternal(link.url).then((result) =>
            setMessage(
              result.opened
                ? { text: 'Enlace abierto en el navegador.', error: false }
                : { text: result.reason, error: true },
            ),
          )
        }
      >
        Abrir enlace
      </button>{' '}
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(link.url).then(
            () => setMessage({ text: 'Enlace copiado.', error: false }),
            () => setMessage({ text: 'No se pudo copiar: seleccione el enlace y cópielo.', error: true }),
          )
        }
      >
        Copiar enlace
      </button>
      <code className="guidance__url">{readableUrl(link.url)}</code>
      {message && (
        <span role="status" className={message.error ? 'error' : 'muted'}>
          {message.text}
        </span>
      )}
    </li>
  );
}
