import type { Express } from 'express';

/** A layer of Express 5's router (router 2.x): a route, a mounted router, or a middleware. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
}

/** `:name` as OpenAPI writes it, `{name}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function join(prefix: string, path: unknown): string {
  if (typeof path !== 'string') throw new Error(`cannot read the mount path ${String(path)}`);
  return path === '/' ? prefix : `${prefix}${path}`;
}

function walk(stack: Layer[], prefix: string): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = openApiPath(join(prefix, layer.route.path) || '/');
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${path}`);
    }
    // A mounted router: its routes live under the layer's path.
    return layer.handle.stack ? walk(layer.handle.stack, join(prefix, layer.rawPath)) : [];
  });
}

/** Every route mounted on the app, in routers at any depth, as sorted `METHOD /path` lines. */
export function servedRoutes(app: Express): string[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return [...new Set(walk(router.stack, ''))].sort();
}

/** Every operation of an OpenAPI document, as sorted `METHOD /path` lines. */
export function documentedRoutes(doc: { paths: Record<string, object> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}
