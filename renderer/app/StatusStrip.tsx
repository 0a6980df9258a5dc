import { DirectoryNotices, ImportDirectory, ImportResult } from '../features/directory';
import { LineStatus } from '../features/line';
import { SyncBanner } from '../features/sync';

/**
 * The desk's one status strip: the line, the central and the directory side by side, each with its
 * own controls (retry, sign-in, import); what needs reading (an import's result, a held directory)
 * shows below it only while it holds. Each status keeps its own component: this only places them.
 */
export function StatusStrip({ lineProblem }: { lineProblem: string | null }) {
  return (
    <>
      <div className="status-strip">
        <section className="status-strip__line" aria-label="Línea telefónica">
          {lineProblem ? <span className="muted">{lineProblem}</span> : <LineStatus />}
        </section>
        <SyncBanner />
        <ImportDirectory />
      </div>
      <DirectoryNotices />
      <ImportResult />
    </>
  );
}
