#!/usr/bin/env node
// node scripts/check-openapi-examples.mjs MERGED.json
//
// Validates every example in the merged API description (build/dev/openapi.json, made from
// src/http/openapi/*.json) against its schema with Ajv (issue #11):
//   - media types: `example` and `examples.*.value` (also through components.examples $refs),
//     in request bodies and responses, inline or in components;
//   - parameters and headers: `example` and `examples.*.value`;
//   - schemas, at any depth: `example` (and `examples` items, should one appear).
// `$ref`s are resolved inside the document. OpenAPI 3.0 `nullable: true` adds "null" to the types
// of `type` in the same schema and nothing else, as OpenAPI 3.0.3 §4.7.24 says: an `enum` without
// null, or an allOf/$ref that refuses null, still refuses it (so write a value that may be null as
// `anyOf: [{$ref: X}, {$ref: Null}]`). `nullable` without `type` has no effect (the linter refuses it).
//
// Exit 1 listing every mismatch with its JSON pointer. Before that it proves it can fail: wrong
// examples injected into a copy of the document must each be reported at their pointer, and a
// null in a nullable field must not be; otherwise exit 1 too.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const DOC_ID = 'hx-openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// Keywords of the OpenAPI 3.0 Schema Object that are not JSON Schema validation: dropped before Ajv.
const OAS_ONLY = new Set(['nullable', 'discriminator', 'xml', 'externalDocs', 'example', 'examples', 'deprecated']);

const esc = (s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1');
const ptr = (parts) => '#' + parts.map((p) => '/' + esc(p)).join('');

function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node == null || typeof node !== 'object' || !(key in node)) throw new Error(`$ref ${ref} does not resolve`);
    node = node[key];
  }
  return node;
}

// An OpenAPI 3.0 Schema Object → JSON Schema (draft-07) for Ajv. Local $refs point into the
// converted document registered under DOC_ID.
export function convert(schema) {
  if (schema === true || schema === false) return schema;
  if (schema == null || typeof schema !== 'object') return schema;
  if (schema.$ref) return { $ref: DOC_ID + schema.$ref }; // OpenAPI 3.0: siblings of $ref are ignored
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (OAS_ONLY.has(k) || k.startsWith('x-')) continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, convert(s)]));
    else if (k === 'items' || k === 'not' || k === 'additionalProperties') out[k] = convert(v);
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = v.map(convert);
    else out[k] = v;
  }
  if (schema.nullable === true && typeof schema.type === 'string') out.type = [schema.type, 'null'];
  // OpenAPI 3.0 (JSON Schema draft 4 style) boolean exclusiveMinimum/Maximum → draft-07 numbers.
  for (const [ex, lim] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
    if (typeof schema[ex] === 'boolean') {
      delete out[ex];
      if (schema[ex] && typeof schema[lim] === 'number') {
        out[ex] = schema[lim];
        delete out[lim];
      }
    }
  }
  return out;
}

export function makeAjv(doc) {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv);
  // OpenAPI 3.0's own formats (§4.4).
  const int = (lo, hi) => ({ type: 'number', validate: (n) => Number.isInteger(n) && n >= lo && n <= hi });
  ajv.addFormat('int32', int(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat('int64', int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  const schemas = Object.fromEntries(
    Object.entries(doc.components?.schemas ?? {}).map(([n, s]) => [n, convert(s)]),
  );
  ajv.addSchema({ $id: DOC_ID, components: { schemas } });
  return ajv;
}

// Every (pointer, example, schema) of the document.
function collect(doc) {
  const found = [];
  const seenSchemas = new Set();
  const deref = (o) => (o && o.$ref ? resolvePointer(doc, o.$ref) : o);

  const exampleSet = (holder, at, schema) => {
    if (!schema) return;
    if ('example' in holder) found.push({ at: [...at, 'example'], value: holder.example, schema });
    for (const [name, ex] of Object.entries(holder.examples ?? {})) {
      const e = deref(ex);
      if (e && 'value' in e) found.push({ at: [...at, 'examples', name, 'value'], value: e.value, schema });
    }
  };
  const content = (c, at) => {
    for (const [type, media] of Object.entries(c ?? {})) {
      exampleSet(media, [...at, type], media.schema);
      schemaTree(media.schema, [...at, type, 'schema']);
    }
  };
  const paramOrHeader = (p, at) => {
    if (!p || p.$ref) return; // a $ref is checked where it points, in components
    exampleSet(p, at, p.schema);
    schemaTree(p.schema, [...at, 'schema']);
    content(p.content, [...at, 'content']);
  };
  const response = (r, at) => {
    if (!r || r.$ref) return;
    for (const [n, h] of Object.entries(r.headers ?? {})) paramOrHeader(h, [...at, 'headers', n]);
    content(r.content, [...at, 'content']);
  };
  // Schema-level examples, at any depth of inline schemas (named ones are walked once, from components).
  const schemaTree = (s, at) => {
    if (!s || typeof s !== 'object' || s.$ref || seenSchemas.has(s)) return;
    seenSchemas.add(s);
    if ('example' in s) found.push({ at: [...at, 'example'], value: s.example, schema: s });
    if (Array.isArray(s.examples)) s.examples.forEach((v, i) => found.push({ at: [...at, 'examples', i], value: v, schema: s }));
    for (const [n, p] of Object.entries(s.properties ?? {})) schemaTree(p, [...at, 'properties', n]);
    for (const k of ['items', 'not', 'additionalProperties']) schemaTree(s[k], [...at, k]);
    for (const k of ['allOf', 'anyOf', 'oneOf']) (s[k] ?? []).forEach((x, i) => schemaTree(x, [...at, k, i]));
  };

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const at = ['paths', path];
    (item.parameters ?? []).forEach((p, i) => paramOrHeader(p, [...at, 'parameters', i]));
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      (op.parameters ?? []).forEach((p, i) => paramOrHeader(p, [...at, m, 'parameters', i]));
      if (op.requestBody && !op.requestBody.$ref) content(op.requestBody.content, [...at, m, 'requestBody', 'content']);
      for (const [code, r] of Object.entries(op.responses ?? {})) response(r, [...at, m, 'responses', code]);
    }
  }
  const comp = doc.components ?? {};
  for (const [n, s] of Object.entries(comp.schemas ?? {})) schemaTree(s, ['components', 'schemas', n]);
  for (const [n, p] of Object.entries(comp.parameters ?? {})) paramOrHeader(p, ['components', 'parameters', n]);
  for (const [n, h] of Object.entries(comp.headers ?? {})) paramOrHeader(h, ['components', 'headers', n]);
  for (const [n, r] of Object.entries(comp.responses ?? {})) response(r, ['components', 'responses', n]);
  for (const [n, b] of Object.entries(comp.requestBodies ?? {})) content(b.content, ['components', 'requestBodies', n, 'content']);
  return found;
}

// → { checked, mismatches: [{ pointer, errors: [string] }] }; `only`: check just the example at
// that pointer (the self-check, which would otherwise compile every schema again per copy).
export function checkExamples(doc, only) {
  const ajv = makeAjv(doc);
  const cache = new Map();
  const mismatches = [];
  const found = collect(doc).filter((f) => !only || ptr(f.at) === only);
  for (const { at, value, schema } of found) {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(convert(schema));
      cache.set(schema, validate);
    }
    if (!validate(value)) {
      const errors = validate.errors.map((e) => `${e.instancePath || '(the example)'} ${e.message}` +
        (e.params?.allowedValues ? `: ${JSON.stringify(e.params.allowedValues)}` : '') +
        (e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''));
      mismatches.push({ pointer: ptr(at), errors: [...new Set(errors)] });
    }
  }
  return { checked: found.length, mismatches };
}

// Proves the checker fails where it must and not where it must not, on copies of `doc`.
function selfCheck(doc) {
  const problems = [];
  const clone = () => structuredClone(doc);
  const expectReported = (what, mutate) => {
    const copy = clone();
    const at = mutate(copy);
    if (!at) return problems.push(`${what}: found nothing to inject into`);
    const { checked, mismatches } = checkExamples(copy, at);
    if (checked !== 1) problems.push(`${what}: the walk does not reach ${at}`);
    else if (!mismatches.some((m) => m.pointer === at)) problems.push(`${what}: not reported at ${at}`);
  };
  // 1. A response example whose field has the wrong type, its schema reached through $refs.
  expectReported('a wrong field in a response example', (d) => {
    for (const [path, item] of Object.entries(d.paths)) {
      for (const m of METHODS) {
        for (const [code, r] of Object.entries(item[m]?.responses ?? {})) {
          const media = r.content?.['application/json'];
          if (!media?.schema?.$ref || !media.example || typeof media.example !== 'object') continue;
          const target = resolvePointer(d, media.schema.$ref);
          const field = (target.required ?? []).find((f) => target.properties?.[f]?.type === 'string');
          if (!field) continue;
          media.example = { ...media.example, [field]: 12345 };
          return ptr(['paths', path, m, 'responses', code, 'content', 'application/json', 'example']);
        }
      }
    }
  });
  // 2. A schema-level example of the wrong type.
  expectReported('a wrong schema example', (d) => {
    for (const [n, s] of Object.entries(d.components.schemas)) {
      for (const [p, ps] of Object.entries(s.properties ?? {})) {
        if (ps.type === 'integer' && 'example' in ps) {
          ps.example = 'not a number';
          return ptr(['components', 'schemas', n, 'properties', p, 'example']);
        }
      }
    }
  });
  // 3. null in a field that is not nullable.
  expectReported('null where the schema has no nullable', (d) => {
    for (const [n, s] of Object.entries(d.components.schemas)) {
      for (const [p, ps] of Object.entries(s.properties ?? {})) {
        if (ps.type === 'string' && !ps.nullable && !ps.enum && 'example' in ps) {
          ps.example = null;
          return ptr(['components', 'schemas', n, 'properties', p, 'example']);
        }
      }
    }
  });
  // 4. null in a nullable field is fine.
  const copy = clone();
  let nullAt = null;
  outer: for (const [n, s] of Object.entries(copy.components.schemas)) {
    for (const [p, ps] of Object.entries(s.properties ?? {})) {
      if (ps.nullable === true && ps.type === 'string' && !ps.enum && 'example' in ps) {
        ps.example = null;
        nullAt = ptr(['components', 'schemas', n, 'properties', p, 'example']);
        break outer;
      }
    }
  }
  if (!nullAt) problems.push('null in a nullable field: found no nullable string field with an example');
  else {
    const { checked, mismatches } = checkExamples(copy, nullAt);
    if (checked !== 1) problems.push(`null in a nullable field: the walk does not reach ${nullAt}`);
    else if (mismatches.length) problems.push(`null in a nullable field: wrongly reported at ${nullAt}`);
  }
  return problems;
}

function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/check-openapi-examples.mjs MERGED.json');
    process.exit(2);
  }
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const { checked, mismatches } = checkExamples(doc);
  for (const m of mismatches) {
    console.log(`${m.pointer}`);
    for (const e of m.errors) console.log(`    ${e}`);
  }
  const problems = selfCheck(doc);
  for (const p of problems) console.error(`check-openapi-examples: self-check FAILED: ${p}`);
  if (mismatches.length) {
    console.error(`check-openapi-examples: ${mismatches.length} of ${checked} examples do not match their schema`);
  } else {
    console.log(`check-openapi-examples: ${checked} examples match their schemas`);
  }
  if (!problems.length) console.log('check-openapi-examples: self-check ok: injected wrong examples were caught, a null in a nullable field was not');
  process.exit(mismatches.length || problems.length ? 1 : 0);
}

// Run as a script; importing it (to reuse checkExamples) runs nothing.
if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
