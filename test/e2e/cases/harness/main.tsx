// The back-office screens on their own, signed in to a real back office, for the e2e tests that walk
// every branch of a procedure (?server=…&user=…&password=…&screen=…). The app mounts the same
// screens with the same API (renderer/app/services.ts); test/e2e/cases/app.test.ts drives them there.
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBackOfficeClient } from '../../../../renderer/backoffice/client';
import { LazyCasesScreen, LazyEscalationsScreen, createCasesApi } from '../../../../renderer/features/cases';
import '../../../../renderer/styles.css';

const params = new URLSearchParams(location.search);
const serverUrl = params.get('server') ?? 'http://127.0.0.1:8787';
const backOffice = createBackOfficeClient({ timeoutMs: 30_000 });

void backOffice
  .login(serverUrl, params.get('user') ?? '', params.get('password') ?? '')
  .then(async (signedIn) => {
    if (!signedIn.ok) throw new Error(signedIn.failure.message);
    const credentials = { serverUrl, token: signedIn.value.token };
    const api = createCasesApi({ backOffice, credentials: async () => credentials });
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <main style={{ height: '100vh', padding: '0.75rem' }}>
          <Suspense>
            {params.get('screen') === 'escalations' ? (
              <LazyEscalationsScreen api={api} />
            ) : (
              <LazyCasesScreen api={api} />
            )}
          </Suspense>
        </main>
      </StrictMode>,
    );
    document.documentElement.dataset.ready = 'true';
  });
