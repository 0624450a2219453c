import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './callback-address.js';

export interface PinnedPost {
  url: URL;
  /** The address the host was resolved to and checked at: the connection goes there. */
  to: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * POSTs `body` and resolves with the response status, its body read and dropped. The host name
 * still travels in Host (and TLS SNI, so certificates are checked against it), but the
 * connection goes to the pinned address. A redirect is an answer like any other: nothing is
 * followed.
 */
export function pinnedPost({ url, to, headers, body, timeoutMs }: PinnedPost): Promise<number> {
  // Node asks for all addresses when it may try several families (autoSelectFamily).
  const lookup = ((_host, options, callback) => {
    if (options.all) callback(null, [to]);
    else callback(null, to.address, to.family);
  }) as LookupFunction;
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup,
      signal: AbortSignal.timeout(timeoutMs),
    });
    req.on('error', reject);
    req.on('response', (res) => {
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.end(body);
  });
}
