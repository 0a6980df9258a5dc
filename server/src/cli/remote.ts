/**
 * The user commands of the admin CLI against a running server, through its admin API: the way to
 * change a password or disable an account while the embedded database is held by the server
 * (the CLI cannot open it then). Signs in as an admin (COMPANION_ADMIN_USER, default "admin",
 * and COMPANION_ADMIN_PASSWORD), acts, signs out.
 */
export class RemoteError extends Error {}

interface RemoteUser {
  username: string;
  role: string;
  displayName: string;
  email: string;
  supervisorId: number | null;
  disabled: boolean;
}

async function call<T>(base: string, path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new RemoteError(
      `No se pudo conectar con ${base}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    let message = `${response.status}`;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // not JSON
    }
    throw new RemoteError(`${base}${path}: ${message}`);
  }
  return (text ? JSON.parse(text) : null) as T;
}

export async function withAdminSession<T>(
  base: string,
  env: NodeJS.ProcessEnv,
  act: (request: <R>(method: string, path: string, body?: unknown) => Promise<R>) => Promise<T>,
): Promise<T> {
  const username = env.COMPANION_ADMIN_USER || 'admin';
  const password = env.COMPANION_ADMIN_PASSWORD;
  if (!password)
    throw new RemoteError('Falta COMPANION_ADMIN_PASSWORD (la contraseña del administrador que actúa).');
  const { token } = await call<{ token: string }>(base, '/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const request = <R>(method: string, path: string, body?: unknown) =>
    call<R>(base, path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  try {
    return await act(request);
  } finally {
    await call(base, '/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
      () => undefined,
    );
  }
}

export function describeUser(user: RemoteUser): string {
  return `${user.username}\t${user.role}\t${user.displayName}\t${user.email}\t${user.supervisorId ?? ''}${user.disabled ? '\tDESACTIVADA' : ''}`;
}

export type { RemoteUser };
