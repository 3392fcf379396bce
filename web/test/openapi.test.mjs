// The API contract (../src/api/openapi.json) is a valid OpenAPI 3.0 document, as judged by a
// maintained external validator (@apidevtools/swagger-parser: the OpenAPI 3.0 JSON schema plus
// its own checks, e.g. every $ref resolves, path parameters are declared, operationIds are unique).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';

const DOC = new URL('../../src/api/openapi.json', import.meta.url);

test('openapi.json validates with swagger-parser', async () => {
  const doc = JSON.parse(readFileSync(DOC, 'utf8'));
  assert.equal(doc.openapi.startsWith('3.0.'), true);
  try {
    await SwaggerParser.validate(doc);
  } catch (e) {
    // The validator lists every error in its message; show them all.
    assert.fail(`openapi.json is not valid OpenAPI 3.0:\n${e.message}`);
  }
});

test('every schema under components/schemas is used or referenced', () => {
  const doc = JSON.parse(readFileSync(DOC, 'utf8'));
  const text = JSON.stringify(doc.paths) + JSON.stringify(doc.components);
  const unused = Object.keys(doc.components?.schemas ?? {}).filter(
    (name) => !text.includes(`"#/components/schemas/${name}"`),
  );
  assert.deepEqual(unused, [], 'schemas nobody refers to');
});
