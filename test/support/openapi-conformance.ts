import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { responseOf } from '../../apps/api/src/http/testing/openapi-lint';

/**
 * Whether real answers are what the OpenAPI document says: a small walk of a value against a schema (OpenAPI 3.0:
 * $ref, allOf, oneOf, nullable, type, enum, required, properties, additionalProperties, items, date formats).
 * Strict: a property the schema does not list is a finding (unless additionalProperties allows it), so that the
 * document lists everything an answer holds.
 */

type Schema = SchemaObject | ReferenceObject;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function resolved(document: OpenAPIObject, schema: Schema): SchemaObject {
  if (!('$ref' in schema)) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`unknown schema ${schema.$ref}`);
  return resolved(document, target);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Where `value` departs from `schema`: one line per finding, with the JSON path. */
export function schemaFindings(document: OpenAPIObject, schema: Schema, value: unknown, path = '$'): string[] {
  const s = resolved(document, schema);
  if (value === null) return s.nullable ? [] : [`${path}: null, not nullable`];
  const findings: string[] = [];
  for (const part of s.allOf ?? []) findings.push(...schemaFindings(document, part, value, path));
  if (s.oneOf && !s.oneOf.some((part) => schemaFindings(document, part, value, path).length === 0)) {
    findings.push(`${path}: ${JSON.stringify(value)} matches none of oneOf`);
  }
  const actual = typeOf(value);
  if (s.type && s.type !== actual && !(s.type === 'number' && actual === 'integer')) {
    // Nest writes a nullable $ref as { type: 'object', nullable, allOf: [$ref] }: the allOf has judged it.
    return [...findings, `${path}: ${actual}, not ${s.type}`];
  }
  if (s.enum && !s.enum.includes(value)) findings.push(`${path}: ${JSON.stringify(value)} not among ${JSON.stringify(s.enum)}`);
  if (typeof value === 'string' && s.format === 'date-time' && !DATE_TIME.test(value))
    findings.push(`${path}: ${value} is not a date-time`);
  if (typeof value === 'string' && s.format === 'date' && !DATE.test(value)) findings.push(`${path}: ${value} is not a date`);
  if (typeof value === 'number' && s.minimum !== undefined && value < s.minimum) findings.push(`${path}: ${value} < ${s.minimum}`);
  if (typeof value === 'number' && s.maximum !== undefined && value > s.maximum) findings.push(`${path}: ${value} > ${s.maximum}`);
  if (Array.isArray(value) && s.items)
    value.forEach((item, i) => findings.push(...schemaFindings(document, s.items!, item, `${path}[${i}]`)));
  if (actual === 'object' && (s.properties || s.additionalProperties !== undefined)) {
    const record = value as Record<string, unknown>;
    for (const name of s.required ?? []) if (!(name in record)) findings.push(`${path}.${name}: required, missing`);
    for (const [name, item] of Object.entries(record)) {
      const property = s.properties?.[name];
      if (property) findings.push(...schemaFindings(document, property, item, `${path}.${name}`));
      else if (typeof s.additionalProperties === 'object')
        findings.push(...schemaFindings(document, s.additionalProperties, item, `${path}.${name}`));
      else if (s.additionalProperties !== true) findings.push(`${path}.${name}: not in the schema`);
    }
  }
  return findings;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * Where an answer departs from the document's operation (`method` on the path template, e.g. '/cycles/{id}'): its
 * status must be documented, its Content-Type among the documented media types, a JSON body must match the schema,
 * and documented ETag and X-Projection-Position headers must be there.
 */
export function answerFindings(document: OpenAPIObject, method: string, template: string, answer: Answer): string[] {
  const name = `${method.toUpperCase()} ${template} ${answer.status}`;
  const operation = document.paths[template]?.[method as 'get'];
  if (!operation) return [`${method.toUpperCase()} ${template}: not in the document`];
  const given = operation.responses[answer.status];
  const response = given && responseOf(document, given);
  if (!response) return [`${name}: status not documented`];
  const contentType = String(answer.headers['content-type'] ?? '').split(';')[0];
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) return contentType ? [`${name}: a body (${contentType}) where none is documented`] : [];
  const media = content[contentType];
  if (!media?.schema) return [`${name}: Content-Type ${contentType} not among ${Object.keys(content).join(', ')}`];
  const json = contentType === 'application/json' || contentType.endsWith('+json');
  const findings = json ? schemaFindings(document, media.schema, answer.body).map((f) => `${name}: ${f}`) : [];
  for (const header of Object.keys(response.headers ?? {})) {
    if (['ETag', 'X-Projection-Position'].includes(header) && answer.headers[header.toLowerCase()] === undefined) {
      findings.push(`${name}: header ${header} missing`);
    }
  }
  return findings;
}
