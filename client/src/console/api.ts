/** The moderation API from the console: same-origin fetch with the session cookie and CSRF token. */
let csrfToken = '';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The CSRF header for state-changing requests outside the JSON API (document uploads). */
export function csrfHeader(): Record<string, string> {
  return { 'x-csrf-token': csrfToken };
}

export async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/moderate/${route}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string };
  };
  if (!res.ok) {
    throw new ApiError(
      res.status,
      data.error?.code ?? 'INTERNAL',
      data.error?.message ?? res.statusText,
    );
  }
  return data as T;
}
