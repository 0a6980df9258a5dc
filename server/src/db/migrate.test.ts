import { expect, it } from 'vitest';
import { formSubmissionSchema } from '../../../shared/forms/submission';
import { PG_URL, createPgDatabase, describeEachBackend } from '../../test/db';
import { auth, createTeam, form, login, testConfig } from '../../test/harness';
import { buildApp } from '../app';
import { migrate, readMigrations } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

async function openEmpty(backend: 'pglite' | 'postgres'): Promise<Db> {
  if (backend === 'pglite' || !PG_URL) return openPglite(null);
  const { url, drop } = await createPgDatabase();
  const db = openPostgres(url);
  return { ...db, close: async () => (await db.close(), await drop()) };
}

describeEachBackend('migration 003 on a database with forms', (backend) => {
  it('hashes the forms stored before it as intake does: their resend is still a duplicate', async () => {
    const db = await openEmpty(backend.name);
    try {
      await migrate(
        db,
        readMigrations().filter((m) => m.version < 3),
      );
      await createTeam(db);
      const f = formSubmissionSchema.parse(form('certificacion'));
      await db.query(
        `INSERT INTO forms (id, form_id, customer_code, customer_name, block_codes, agent, submitted_by, route_key, created_at, payload)
         SELECT $1, $2, $3, $4, ARRAY['Z0'], 'ana', id, 'Z0', now(), $5::jsonb FROM users WHERE username = 'ana'`,
        [f.id, f.formId, f.customerCode, f.customerName, JSON.stringify(f)],
      );
      // 003 and every later migration (006 the board's) run on the forms already stored.
      expect(await migrate(db)).toEqual(
        readMigrations()
          .filter((m) => m.version >= 3)
          .map((m) => m.name),
      );
      const app = await buildApp({ db, config: testConfig(), logger: false });
      const token = await login(app, 'ana');
      const again = async (submission: unknown) =>
        (
          await app.inject({
            method: 'POST',
            url: '/forms/batch',
            headers: auth(token),
            payload: { forms: [submission] },
          })
        ).json().results[0];
      expect((await again(f)).status).toBe('duplicate');
      expect(await again({ ...f, customerName: 'Otra' })).toMatchObject({
        status: 'rejected',
        code: 'conflict',
      });
      await app.close();
    } finally {
      await db.close();
    }
  });
});
