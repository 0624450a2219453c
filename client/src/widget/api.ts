import type { SourceContext } from '../../../src/verdict/checker-types.js';

/** REST calls of the widget ("view in source", feedback votes). */
export function createApi(server: string, clientToken: () => string | undefined) {
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const token = clientToken();
    const res = await fetch(`${server}${path}`, {
      ...init,
      // The token makes this browser one voter (without one, votes count per address).
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { 'X-Client-Token': token } : {}),
      },
    });
    const body = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(body.error?.message ?? res.statusText);
    return body;
  };
  return {
    source: (docId: string, start: number, end: number) =>
      call<SourceContext>(`/api/v1/sources/${encodeURIComponent(docId)}?start=${start}&end=${end}`),
    feedback: (answerId: string, helpful: boolean, reason?: string) =>
      call<unknown>(`/api/v1/answers/${encodeURIComponent(answerId)}/feedback`, {
        method: 'POST',
        body: JSON.stringify(reason ? { helpful, reason } : { helpful }),
      }),
  };
}

export type Api = ReturnType<typeof createApi>;
