// Validates a reply body against the schema the OpenAPI document gives for that operation and status,
// with Ajv's JSON Schema 2020-12 dialect (OpenAPI 3.1's). Ajv 8 is in node_modules through Fastify's
// packages (the top-level ajv is ESLint's version 6), so it is taken from beside ajv-formats.
import { createRequire } from 'node:module';
import { openApiPath } from '../../../src/server/admin-api/openapi.js';

interface AjvError {
  readonly instancePath: string;
  readonly message?: string;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface Ajv {
  addSchema(schema: object, key: string): Ajv;
  compile(schema: object): Validate;
}

const requireHere = createRequire(import.meta.url);
const requireBesideFormats = createRequire(requireHere.resolve('ajv-formats'));
const Ajv2020 = (requireBesideFormats('ajv/dist/2020') as { default: new (options: object) => Ajv }).default;
const addFormats = (requireHere('ajv-formats') as { default: (ajv: Ajv) => void }).default;

const pointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export interface ReplyValidator {
  /** Problems found (an empty list: valid); throws when the document has no such response. */
  check(method: string, path: string, status: number, body: unknown): string[];
}

export function replyValidator(document: object): ReplyValidator {
  // The document is not a schema itself (openapi, info, ...): no strict keyword checks on it.
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const doc = document as {
    paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: object }> }>>;
    components: { responses: Record<string, { content?: object }> };
  };
  const compiled = new Map<string, Validate | undefined>();
  return {
    check(method, path, status, body) {
      const where = `${method} ${path} ${status}`;
      if (!compiled.has(where)) {
        const apiPath = openApiPath(path);
        const response = doc.paths[apiPath]?.[method.toLowerCase()]?.responses[String(status)];
        if (response === undefined) throw new Error(`the document has no response ${where}`);
        const base =
          response.$ref === undefined
            ? `openapi.json#/paths/${pointer(apiPath)}/${method.toLowerCase()}/responses/${status}`
            : `openapi.json${response.$ref}`;
        const hasContent =
          response.$ref === undefined
            ? response.content !== undefined
            : doc.components.responses[response.$ref.split('/').pop() ?? '']?.content !== undefined;
        compiled.set(
          where,
          hasContent ? ajv.compile({ $ref: `${base}/content/application~1json/schema` }) : undefined,
        );
      }
      const validate = compiled.get(where);
      if (validate === undefined)
        return body === undefined ? [] : [`${where}: a body where none is documented`];
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '/'} ${e.message ?? ''}`);
    },
  };
}
