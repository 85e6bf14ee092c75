/**
 * The server's own OpenAPI document (/docs-json) read as a list of operations, with a valid-ish example of
 * each request built from its schema: what the fuzz suite mutates. Only the parts of OpenAPI 3 that Nest's
 * Swagger module writes are read ($ref, allOf, type, enum, example, minimum, format, required).
 */

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** `METHOD /path/{param}`, as the suite names it. */
  id: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** Needs a bearer token (a staff route). */
  secured: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, in its order. A header given twice in two spellings counts once. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod)
      .filter(([method]) => METHODS.has(method))
      .map(([method, raw]) => {
        const seen = new Set<string>();
        const parameters = (raw.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
          .filter(
            (p) =>
              !seen.has(`${p.in}:${p.name.toLowerCase()}`) && seen.add(`${p.in}:${p.name.toLowerCase()}`),
          )
          .map((p) => ({
            in: p.in as Parameter['in'],
            name: p.name,
            required: p.in === 'path' || (p.required ?? false),
            schema: p.schema ?? { type: 'string' },
          }));
        return {
          id: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters,
          body: raw.requestBody?.content?.['application/json']?.schema,
          secured: (raw.security?.length ?? 0) > 0,
        };
      }),
  );
}

/** The schema itself, with $ref and allOf resolved (one level of allOf, as Nest writes it). */
export function resolved(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolved(document, target);
  }
  if (schema.allOf) {
    return schema.allOf.reduce<Schema>(
      (merged, part) => {
        const whole = resolved(document, part);
        return {
          ...merged,
          ...whole,
          properties: { ...merged.properties, ...whole.properties },
          required: [...(merged.required ?? []), ...(whole.required ?? [])],
        };
      },
      { ...schema, allOf: undefined },
    );
  }
  return schema;
}

/**
 * A valid-ish value for a schema: `known` names the values that must match the test's data (a SKU
 * that exists, a location the caller works at); otherwise the schema's example, first enum value or
 * minimum. Objects carry their required properties and the optional ones with an example or a known
 * value, so that the request reaches the service rather than stopping at validation.
 */
export function exampleOf(
  document: OpenApiDocument,
  schema: Schema,
  known: (name: string) => unknown,
  name = '',
): unknown {
  const given = name ? known(name) : undefined;
  if (given !== undefined) return given;
  const whole = resolved(document, schema);
  if (whole.example !== undefined) return whole.example;
  if (whole.enum?.length) return whole.enum[0];
  if (whole.default !== undefined) return whole.default;
  if (whole.properties) {
    const required = new Set(whole.required ?? []);
    const fields: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(whole.properties)) {
      const value = required.has(key)
        ? exampleOf(document, property, known, key)
        : (known(key) ?? resolved(document, property).example);
      if (value !== undefined) fields[key] = value;
    }
    return fields;
  }
  switch (whole.type) {
    case 'array':
      return [exampleOf(document, whole.items ?? {}, known, name)];
    case 'integer':
    case 'number':
      return whole.minimum ?? 1;
    case 'boolean':
      return true;
    case 'object':
      return {};
    default:
      return whole.format === 'uuid'
        ? '00000000-0000-4000-8000-000000000000'
        : 'x'.repeat(whole.minLength ?? 4);
  }
}
