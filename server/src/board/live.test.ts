import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { events } from '../../test/board';
import { auth, form, startApp, type Started } from '../../test/harness';

describeEachBackend('board live updates', (backend) => {
  let s: Started;
  let base: string;
  beforeAll(async () => {
    s = await startApp(await backend.open());
    base = await s.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => s.close());

  it('tells an open board within 2 s that a new form arrived', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/board/events`, {
      headers: auth(s.team.supervisor),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const stream = events(response.body!);
    expect((await stream.next()).value).toMatchObject({ event: 'ready' });

    const sent = performance.now();
    const post = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [form('telecobranzas')] },
    });
    expect(post.statusCode).toBe(200);
    const next = await stream.next();
    const elapsed = performance.now() - sent;
    expect(next.value).toMatchObject({ event: 'changed', data: { sources: ['forms'] } });
    expect(elapsed).toBeLessThan(2000);

    // And the widget it refreshes already counts the form.
    const forms = await s.app.inject({
      method: 'GET',
      url: '/board/widgets/forms',
      headers: auth(s.team.supervisor),
    });
    expect(forms.json().totals.forms).toBe(1);
    controller.abort();
  });

  it('refuses the stream to an agent', async () => {
    const response = await fetch(`${base}/board/events`, { headers: auth(s.team.agent) });
    expect(response.status).toBe(403);
  });
});
