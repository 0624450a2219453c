/** Who is asking: an API key, a widget's random browser id, or else the network address. */
export type ClientSubject =
  | { kind: 'ip'; ip: string }
  | { kind: 'key'; keyId: number }
  | { kind: 'widget'; clientId: string };

/** Rate limits count per API key or per address (a widget id is the client's to change). */
export type LimitSubject = Extract<ClientSubject, { kind: 'ip' | 'key' }>;

/** The one spelling of a subject, for limiter buckets and hashed client ids alike. */
export function subjectKey(s: ClientSubject): string {
  switch (s.kind) {
    case 'key':
      return `key:${s.keyId}`;
    case 'widget':
      return `widget:${s.clientId}`;
    case 'ip':
      return `ip:${s.ip}`;
  }
}
