import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@okr/platform';

/**
 * What a complete OpenAPI document gives every operation and schema, checked by api-document.spec.ts: each finding
 * names the operation or the schema and what is missing.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = '#/components/schemas/ProblemDetails';

export interface Operation {
  /** 'GET /cycles/{id}' */
  name: string;
  method: (typeof METHODS)[number];
  path: string;
  operation: OperationObject;
}

export function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ name: `${method.toUpperCase()} ${path}`, method, path, operation: item[method] }] : [])),
  );
}

function isReference(value: object): value is ReferenceObject {
  return '$ref' in value;
}

/** A response, or the shared one (components.responses) it refers to. */
export function responseOf(document: OpenAPIObject, response: ResponseObject | ReferenceObject): ResponseObject | undefined {
  if (!isReference(response)) return response;
  const target = document.components?.responses?.[response.$ref.replace('#/components/responses/', '')];
  return target && responseOf(document, target);
}

/** Findings about each operation: summary, success answer, problems, the headers its kind takes. */
export function operationFindings(document: OpenAPIObject): string[] {
  const findings: string[] = [];
  for (const { name, method, operation } of operationsOf(document)) {
    const problem = (what: string) => findings.push(`${name}: ${what}`);
    if (!operation.summary?.trim()) problem('no summary');
    const secured = (operation.security ?? document.security ?? []).length > 0;
    const responses = Object.entries(operation.responses);
    const successes = responses.filter(([status]) => status.startsWith('2'));
    if (successes.length === 0) problem('no 2xx response');
    for (const [status, given] of responses) {
      const response = given && responseOf(document, given);
      if (!response) {
        problem(`response ${status} refers to no response`);
        continue;
      }
      const content = Object.entries(response.content ?? {});
      if (status.startsWith('2')) {
        if (status === '204') {
          if (content.length > 0) problem('204 with content');
        } else if (content.length === 0) problem(`${status} answer without content (no schema, no media type)`);
        for (const [mediaType, media] of content) if (!media.schema) problem(`${status} ${mediaType} without a schema`);
      }
      if (status.startsWith('4')) {
        const schema = response.content?.[PROBLEM_CONTENT_TYPE]?.schema;
        if (content.length !== 1 || !schema || !isReference(schema) || schema.$ref !== PROBLEM_REF) {
          problem(`${status} is not answered as ${PROBLEM_CONTENT_TYPE} with the ProblemDetails schema`);
        }
      }
    }
    const has = (status: number) => operation.responses[status] !== undefined;
    const header = (headerName: string) =>
      (operation.parameters ?? []).some((p) => !isReference(p) && p.in === 'header' && p.name === headerName);
    const validated = operation.requestBody !== undefined || (operation.parameters ?? []).length > 0;
    if (validated && !has(400)) problem('takes input but has no 400');
    if (secured && !has(401)) problem('needs credentials but has no 401');
    if (secured && method !== 'get' && !has(403)) problem('a write without 403 (role)');
    if (operation.requestBody !== undefined && !(has(413) && has(415))) problem('takes a body but lacks 413 or 415');
    if (secured && method === 'get' && !header('X-Min-Position')) problem('a read without the X-Min-Position header');
    if (method === 'post' && !(header('Idempotency-Key') && has(422))) problem('a POST without Idempotency-Key and its 422');
    if (header('If-Match') !== has(412)) problem('If-Match and 412 go together');
  }
  return findings;
}

/**
 * Findings about every schema, in components and inline: an object schema must say what it holds (properties,
 * additionalProperties, or a composition); `type: object` with none is what a property typed only by reflection
 * becomes (e.g. `string | null` reflects as Object): give it its type.
 */
export function schemaFindings(document: OpenAPIObject): string[] {
  const findings: string[] = [];
  const visit = (schema: SchemaObject | ReferenceObject | undefined, where: string): void => {
    if (!schema || isReference(schema)) return;
    const composed = schema.allOf ?? schema.oneOf ?? schema.anyOf;
    const untyped = schema.type === undefined && !composed && !schema.enum;
    const opaque = schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined && !composed;
    if (untyped || opaque) findings.push(`${where}: an object that says nothing of what it holds (give the property its type)`);
    for (const [name, property] of Object.entries(schema.properties ?? {})) visit(property, `${where}.${name}`);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${where}[key]`);
    if (schema.items) visit(schema.items, `${where}[]`);
    for (const [index, part] of (composed ?? []).entries()) visit(part, `${where}#${index}`);
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) visit(schema, `schema ${name}`);
  for (const { name, operation } of operationsOf(document)) {
    for (const parameter of operation.parameters ?? []) {
      if (!isReference(parameter)) visit(parameter.schema, `${name} parameter ${parameter.name}`);
    }
    const body = operation.requestBody;
    if (body && !isReference(body)) for (const [type, media] of Object.entries(body.content)) visit(media.schema, `${name} body ${type}`);
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response || isReference(response)) continue;
      for (const [type, media] of Object.entries(response.content ?? {})) visit(media.schema, `${name} ${status} ${type}`);
    }
  }
  for (const [name, response] of Object.entries(document.components?.responses ?? {})) {
    if (isReference(response)) continue;
    for (const [type, media] of Object.entries(response.content ?? {})) visit(media.schema, `response ${name} ${type}`);
  }
  return findings;
}
