import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { auth, form, startApp, type Started } from '../../test/harness';
import { formListQuery } from './routes';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describeEachBackend('GET /forms at volume', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open());
    const forms = Array.from({ length: 200 }, () => form('certificacion'));
    for (let i = 0; i < forms.length; i += 100) {
      await s.app.inject({
        method: 'POST',
        url: '/forms/batch',
        headers: auth(s.team.agent),
        payload: { forms: forms.slice(i, i + 100) },
      });
    }
    await s.db.exec('ANALYZE');
  });
  afterAll(() => s.close());

  it('limits the forms before joining, and finds each one’s mail by index instead of scanning the outbox', async () => {
    const sql = formListQuery(['true'], 1);
    const plan = await s.db.transaction(async (tx) => {
      // With so few rows a sequential scan is cheapest; what matters is that the index is usable.
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        [10],
      );
      const raw = rows[0]!['QUERY PLAN'];
      return (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan as PlanNode;
    });
    const all = nodes(plan);
    expect(all.some((n) => n['Index Name'] === 'mail_outbox_form')).toBe(true);
    const limit = all.find((n) => n['Node Type'] === 'Limit')!;
    expect(
      nodes(limit).some((n) => n['Relation Name'] === 'mail_outbox' || n['Relation Name'] === 'users'),
    ).toBe(false);
    const listed = await s.app.inject({ method: 'GET', url: '/forms?limit=10', headers: auth(s.team.admin) });
    expect(listed.json().forms).toHaveLength(10);
    expect(listed.json().forms[0].mail).toMatchObject({ status: 'pending' });
  });
});
