import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors.js';

/** An OpenAPI object (schema, operation, response...); the document test checks their shape. */
export type OpenApiObject = Record<string, unknown>;

/** Operations by lower-case HTTP method, under one path. */
export type OpenApiPathItem = Partial<
  Record<'get' | 'put' | 'post' | 'delete' | 'patch', OpenApiObject>
>;

/**
 * A part of the API description: its paths and the components they refer to. The core and
 * each plugin contribute one (or more) for the routes they mount.
 */
export interface OpenApiFragment {
  paths: Record<string, OpenApiPathItem>;
  schemas?: Record<string, OpenApiObject>;
  securitySchemes?: Record<string, OpenApiObject>;
}

/** A request schema as the route validates it: the zod schema's JSON Schema (OpenAPI 3.1's). */
export function fromZod(schema: z.ZodType): OpenApiObject {
  const described: OpenApiObject = {
    ...z.toJSONSchema(schema, {
      io: 'input',
      // Refinements cannot be described; the route still checks them.
      unrepresentable: 'any',
    }),
  };
  // The document's dialect (OpenAPI 3.1, JSON Schema 2020-12) is said once, at its top.
  delete described.$schema;
  return described;
}

type SchemaRegistry = z.core.$ZodRegistry<{ id: string }>;

/**
 * The schemas of a registry as `components.schemas`, by their ids. A schema registered here or
 * in one of `referenced` (another fragment's registry) becomes a `$ref` where another uses it;
 * only this registry's components are returned.
 */
export function componentsOf(
  registry: SchemaRegistry,
  ...referenced: SchemaRegistry[]
): Record<string, OpenApiObject> {
  const all = z.registry<{ id: string }>();
  // `_idmap` (id -> schema) is zod 4's own index of a registry; it has no public iterator.
  for (const from of [registry, ...referenced])
    for (const [id, schema] of from._idmap) all.add(schema, { id });
  const { schemas } = z.toJSONSchema(all, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const own = new Set(registry._idmap.keys());
  return Object.fromEntries(
    Object.entries(schemas)
      .filter(([id]) => own.has(id))
      .map(([id, schema]) => {
        // The dialect is said once, at the document's top; components are named by their key.
        const component: OpenApiObject = { ...schema };
        delete component.$schema;
        delete component.$id;
        return [id, component];
      }),
  );
}

/** A path's parameters from the schemas its route validates them with, all required. */
export const pathParams = (schemas: Record<string, z.ZodType>) =>
  Object.entries(schemas).map(([name, schema]) => pathParam(name, fromZod(schema)));

/** The query parameters of an object schema the route validates `req.query` with. */
export function queryParams(schema: z.ZodType): OpenApiObject[] {
  const described = fromZod(schema) as {
    properties?: Record<string, OpenApiObject>;
    required?: string[];
  };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: described.required?.includes(name) ?? false,
    schema: property,
  }));
}

export const json = (schema: OpenApiObject) => ({ content: { 'application/json': { schema } } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (name: string) => ({ type: 'array', items: ref(name) });

/** The refusal shape `{ error: { code, message } }`, shared by every route. */
export const error = { $ref: '#/components/responses/Error' };

/** Error responses for these codes, grouped by their HTTP status, naming the codes. */
export function refusals(...codes: ErrorCode[]): Record<string, OpenApiObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: `Refused: ${list.join(', ')}.`, ...json(ref('Error')) },
    ]),
  );
}

/** A required path parameter. */
export const pathParam = (name: string, schema: OpenApiObject = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});
