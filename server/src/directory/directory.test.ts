import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { CSV_HEADER, csvChunks, csvLine, csvText } from '../../test/csv';
import { auth, startApp, type Started } from '../../test/harness';
import { importDirectory } from './import';

interface Line {
  type: 'header' | 'upsert' | 'delete' | 'end';
  cursor?: number;
  count?: number;
  version?: number;
  codigo?: string;
  customer?: { codigo: string; nombre: string; rut: string; telefonos: string[]; bloqueos: string[] };
}

describeEachBackend('directory feed', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open());
  });
  afterAll(() => s.close());

  const upload = (csv: string | Buffer, mode = 'upsert', token = s.team.admin) =>
    s.app.inject({
      method: 'POST',
      url: `/admin/directory/import?mode=${mode}`,
      headers: { ...auth(token), 'content-type': 'text/csv' },
      payload: csv,
    });
  const feed = async (since: number): Promise<Line[]> => {
    const response = await s.app.inject({
      method: 'GET',
      url: `/directory?since=${since}`,
      headers: auth(s.team.agent),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    return response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
  };

  let cursor = 0;

  it('imports the CSV with the app’s parser and serves a full snapshot', async () => {
    const bad = `${csvLine(9001)}\n9002,11.111.111-2,Malo,,,,,,,,NO,,\n`;
    const response = await upload(`\uFEFF${csvText(0, 1500)}${bad}`);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({
      lines: 1502,
      imported: 1501,
      inserted: 1501,
      updated: 0,
      unchanged: 0,
      errorCount: 1,
    });
    expect(result.errors[0]).toEqual({
      line: 1503,
      reason: expect.stringMatching(/RUT inválido «11.111.111-2»/),
    });

    const lines = await feed(0);
    expect(lines[0]).toMatchObject({ type: 'header', count: 1501, cursor: result.cursor });
    expect(lines.at(-1)).toEqual({ type: 'end', cursor: result.cursor, count: 1501 });
    const customers = lines.filter((l) => l.type === 'upsert').map((l) => l.customer!);
    expect(customers).toHaveLength(1501);
    expect(customers.find((c) => c.codigo === '100010')).toMatchObject({
      nombre: 'Cliente 10, Granel',
      bloqueos: ['2M'],
      telefonos: ['+56910000010', expect.stringMatching(/^\+562/)],
    });
    cursor = lines[0]!.cursor!;
  });

  it('re-importing the same file changes nothing: the delta is empty', async () => {
    const result = (await upload(csvText(0, 1500))).json();
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 1500, cursor });
    const lines = await feed(cursor);
    expect(lines.map((l) => l.type)).toEqual(['header', 'end']);
  });

  it('a delta since the cursor has only what changed, in version order', async () => {
    const changed = [csvLine(5, ' (nuevo nombre)'), csvLine(700, ' (nuevo nombre)'), csvLine(2000)].join(
      '\n',
    );
    const result = (await upload(`${CSV_HEADER}\n${changed}\n`, 'upsert')).json();
    expect(result).toMatchObject({ inserted: 1, updated: 2, unchanged: 0 });
    const lines = await feed(cursor);
    const upserts = lines.filter((l) => l.type === 'upsert');
    expect(upserts.map((l) => l.customer!.codigo)).toEqual(['100005', '100700', '102000']);
    expect(upserts[0]!.customer!.nombre).toBe('Cliente 5 (nuevo nombre), Granel');
    const versions = upserts.map((l) => l.version!);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(versions.every((v) => v > cursor)).toBe(true);
    cursor = lines.at(-1)!.cursor!;
  });

  it('a full import marks missing customers deleted; the snapshot leaves them out', async () => {
    const result = (await upload(csvText(0, 1000), 'full')).json();
    expect(result).toMatchObject({ imported: 1000, deleted: 502 });
    const delta = await feed(cursor);
    const deletes = delta.filter((l) => l.type === 'delete');
    expect(deletes).toHaveLength(502);
    expect(deletes.map((d) => d.codigo)).toContain('102000');
    expect(deletes.map((d) => d.codigo)).toContain('109001');
    // 100005 and 100700 went back to their original names in this file.
    expect(
      delta
        .filter((l) => l.type === 'upsert')
        .map((l) => l.customer!.codigo)
        .sort(),
    ).toEqual(['100005', '100700']);
    const snapshot = await feed(0);
    expect(snapshot[0]!.count).toBe(1000);
    expect(snapshot.filter((l) => l.type === 'upsert')).toHaveLength(1000);
  });

  it('streams a large file through in batches (50 000 rows, chunks split inside UTF-8 characters)', async () => {
    // Split every chunk in the middle of "Ñuñoa"'s bytes now and then, as a network would.
    async function* bytes(): AsyncGenerator<Buffer> {
      for (const chunk of csvChunks(10_000, 60_000, 2000)) {
        const buffer = Buffer.from(chunk, 'utf8');
        const cut = buffer.indexOf(Buffer.from('Ñ')) + 1;
        if (cut > 0) {
          yield buffer.subarray(0, cut);
          yield buffer.subarray(cut);
        } else yield buffer;
      }
    }
    const result = await importDirectory(s.db, Readable.from(bytes()), {
      mode: 'upsert',
      userId: null,
      batchSize: 5000,
    });
    expect(result).toMatchObject({ lines: 50_000, imported: 50_000, errorCount: 0 });
    const { rows } = await s.db.query<{ comuna: string }>(
      `SELECT data->>'comuna' AS comuna FROM customers WHERE codigo = '110000'`,
    );
    expect(rows[0]!.comuna).toBe('Viña del Mar');
    const { rows: nunoa } = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE data->>'comuna' = 'Ñuñoa'`,
    );
    expect(nunoa[0]!.n).toBeGreaterThan(8000);
  });

  it('refuses a file that is not a directory, a stale cursor, and agents importing', async () => {
    const notDirectory = await upload('nombre,edad\nAna,3\n');
    expect(notDirectory.statusCode).toBe(400);
    expect(notDirectory.json().message).toMatch(/faltan las columnas/);
    expect((await upload(csvText(0, 3), 'upsert', s.team.agent)).statusCode).toBe(403);
    const stale = await s.app.inject({
      method: 'GET',
      url: '/directory?since=999999999',
      headers: auth(s.team.agent),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/since=0/);
    expect(
      (await s.app.inject({ method: 'GET', url: '/directory?since=-1', headers: auth(s.team.agent) }))
        .statusCode,
    ).toBe(400);
  });

  it('an unterminated quote fails the import at once, reading a bounded amount, keeping the rows before it', async () => {
    // 50 MB after the broken quote, generated lazily: how much of it the importer pulls is the point.
    let offered = 0;
    async function* file(): AsyncGenerator<string> {
      yield `${CSV_HEADER}\n${csvLine(700_001)}\n${csvLine(700_002)}\n`;
      // No quote anywhere after this one: the rest of the file would be one field.
      yield `800003,5000000-9,"Cliente 800003, sin cerrar\n`;
      const filler = `${'relleno,'.repeat(1000)}\n`;
      for (let i = 0; i < (50 * 1024 * 1024) / filler.length; i += 1) {
        offered += filler.length;
        yield filler;
      }
    }
    await expect(importDirectory(s.db, file(), { mode: 'upsert', userId: null })).rejects.toThrow(
      /comillas sin cerrar desde la línea 4/,
    );
    expect(offered).toBeLessThan(1024 * 1024);
    const { rows } = await s.db.query<{ codigo: string }>(
      `SELECT codigo FROM customers WHERE codigo IN ('800001', '800002', '800003') ORDER BY codigo`,
    );
    expect(rows.map((r) => r.codigo)).toEqual(['800001', '800002']);

    const response = await upload(`${CSV_HEADER}\n${csvLine(903)}\n"sin cerrar,${'x'.repeat(100_000)}\n`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^El archivo tiene comillas sin cerrar desde la línea 3/);
  });
});
