import type { Customer } from '../../../../shared/directory/customer';
import type { CompanionDb } from '../../../db/db';
import { customerHasKey, decodeCustomer } from './codec';
import { backend, request } from './idb';
import { STORES, bucketOf, hashKey, indexKey, kindKey, pageKey, pageOf, slotOf, type DirectoryMeta, type IndexBucket, type IndexKind } from './layout';
import { OverlayIndex } from './overlay';
import { loadOverlay, readMeta } from './writer';

/** Thrown inside a lookup when the generation it started on was replaced meanwhile. */
class StaleGeneration extends Error {}

/**
 * Lookups on the local copy, for the UI thread: one read transaction, two round trips (index
 * bucket, then record pages), the overlay of recent changes from memory. Never blocks on the
 * network; when a sync switches generation under a lookup, the lookup reloads and retries.
 */
export class DirectoryReader {
  private meta: DirectoryMeta | null = null;
  private overlay = new OverlayIndex();
  private refreshing: Promise<void> | null = null;

  constructor(private readonly db: CompanionDb) {}

  /** Picks up what a writer committed (new generation or new overlay batches). */
  refresh(): Promise<void> {
    // Coalesce: concurrent callers share one reload.
    this.refreshing ??= this.reload().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async reload(): Promise<void> {
    const idb = await backend(this.db);
    const meta = await readMeta(idb);
    const overlay = this.meta && this.meta.gen === meta.gen ? this.overlay : new OverlayIndex();
    if (overlay.seq < meta.overlaySeq) await loadOverlay(idb, meta.gen, overlay);
    this.meta = meta;
    this.overlay = overlay;
  }

  private async current(): Promise<DirectoryMeta> {
    if (!this.meta) await this.refresh();
    return this.meta!;
  }

  async info(): Promise<DirectoryMeta> {
    await this.refresh();
    return this.meta!;
  }

  /** Customers having this key; at most `limit`. */
  async find(kind: IndexKind, value: string, limit = 200): Promise<Customer[]> {
    for (let attempt = 0; ; attempt++) {
      const meta = await this.current();
      if (meta.gen === 0) return [];
      try {
        return await this.findIn(meta, this.overlay, kind, value, limit);
      } catch (error) {
        if (!(error instanceof StaleGeneration) || attempt >= 2) throw error;
        await this.refresh();
      }
    }
  }

  async get(codigo: string): Promise<Customer | undefined> {
    const found = await this.find('c', codigo.toUpperCase(), 10);
    return found.find((c) => c.codigo === codigo) ?? found[0];
  }

  private async findIn(meta: DirectoryMeta, overlay: OverlayIndex, kind: IndexKind, value: string, limit: number): Promise<Customer[]> {
    const key = kindKey(kind, value);
    const hash = hashKey(key);
    const idb = await backend(this.db);
    const tx = idb.transaction([STORES.index, STORES.pages], 'readonly');
    const bucket = (await request(tx.objectStore(STORES.index).get(indexKey(meta.gen, kind, bucketOf(hash, meta.bits[kind]))))) as
      | IndexBucket
      | undefined;
    if (!bucket) throw new StaleGeneration();
    const locs: number[] = [];
    for (let i = 0; i < bucket.h.length; i++) if (bucket.h[i] === hash) locs.push(bucket.l[i]!);
    const recent = overlay.locationsFor(key);
    locs.push(...recent);
    if (locs.length === 0) return [];

    const pageStore = tx.objectStore(STORES.pages);
    const pages = [...new Set(locs.map(pageOf))];
    const values = await Promise.all(pages.map((page) => request(pageStore.get(pageKey(meta.gen, page))) as Promise<string[] | undefined>));
    const byPage = new Map<number, string[]>();
    pages.forEach((page, i) => {
      const records = values[i];
      if (!records) throw new StaleGeneration();
      byPage.set(page, records);
    });

    const hits: Customer[] = [];
    const seen = new Set<string>();
    const recentSet = new Set(recent);
    for (const loc of locs) {
      if (hits.length >= limit) break;
      const encoded = byPage.get(pageOf(loc))?.[slotOf(loc)];
      if (encoded === undefined) continue;
      const customer = decodeCustomer(encoded);
      // A generation record that changed since the build is answered by its overlay version.
      if (!recentSet.has(loc) && overlay.byCode.has(customer.codigo)) continue;
      if (seen.has(customer.codigo) || !customerHasKey(customer, kind, value)) continue;
      seen.add(customer.codigo);
      hits.push(customer);
    }
    return hits;
  }
}
