// The back-office screens on their own, signed in to a real back office: for the e2e tests and for
// looking at the screens while the app's shell mounts them (?server=…&user=…&password=…&screen=…).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  CasesScreen,
  EscalationsScreen,
  createCasesApi,
  type BackOfficeHttp,
} from '../../../../renderer/features/cases';
import '../../../../renderer/styles.css';

const params = new URLSearchParams(location.search);
const server = params.get('server') ?? 'http://127.0.0.1:8787';

async function signIn(): Promise<string> {
  const response = await fetch(`${server}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: params.get('user'), password: params.get('password') }),
  });
  return ((await response.json()) as { token: string }).token;
}

void signIn().then((token) => {
  const http: BackOfficeHttp = {
    async send({ method, path, body }) {
      const response = await fetch(`${server}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body,
      });
      return { status: response.status, body: await response.blob() };
    },
  };
  const api = createCasesApi(http);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <main style={{ height: '100vh', padding: '0.75rem' }}>
        {params.get('screen') === 'escalations' ? <EscalationsScreen api={api} /> : <CasesScreen api={api} />}
      </main>
    </StrictMode>,
  );
  document.documentElement.dataset.ready = 'true';
});
