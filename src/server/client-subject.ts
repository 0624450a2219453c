/**
 * Who is asking: an API key, a client holding a server-issued token (`widget`: the id inside it;
 * the widget's own random id before tokens, which a migrated token keeps), or else the address.
 */
export type ClientSubject =
  | { kind: 'ip'; ip: string }
  | { kind: 'key'; keyId: number }
  | { kind: 'widget'; clientId: string };

/** Rate limits count per API key or per address (a client token is free to get again). */
export type LimitSubject = Extract<ClientSubject, { kind: 'ip' | 'key' }>;

/**
 * The one spelling of a subject, for limiter buckets and hashed client ids alike. Stored hashes
 * are of this spelling: changing it would orphan every conversation and vote.
 */
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
