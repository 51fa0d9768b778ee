// Generates src/api/schema.d.ts from openapi.json with openapi-typescript.
//   node scripts/api-types.mjs          write the file   (npm run gen:api)
//   node scripts/api-types.mjs --check  fail when the committed file is stale (part of npm run check)
//
// openapi-typescript keys `operations` by operationId, so two operations sharing an
// id (utoipa names them after the handler function: `list`, `show`, `create`, ...)
// would get each other's types. Duplicated ids are therefore renamed after their
// method and path before generating; unique ids are kept as they are.
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = join(web, 'openapi.json');
const outPath = join(web, 'src/api/schema.d.ts');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Rename operationIds used more than once; returns the renamed ids.
 * @param {any} spec the parsed OpenAPI document (changed in place)
 * @returns {string[]}
 */
export function dedupeOperationIds(spec) {
  const seen = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op?.operationId) seen.set(op.operationId, [...(seen.get(op.operationId) ?? []), { path, method, op }]);
    }
  }
  const renamed = [];
  for (const [id, uses] of seen) {
    if (uses.length < 2) continue;
    for (const { path, method, op } of uses) {
      const words = path
        .replace(/^\/api\/v\d+\//, '')
        .split('/')
        .map((/** @type {string} */ part) => part.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_'))
        .filter(Boolean);
      op.operationId = [method, ...words].join('_');
      renamed.push(`${id} → ${op.operationId}`);
    }
  }
  return renamed;
}

export async function generate() {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const renamed = dedupeOperationIds(spec);
  const ast = await openapiTS(spec);
  return { text: COMMENT_HEADER + astToString(ast), renamed };
}

const { text, renamed } = await generate();
if (renamed.length > 0) {
  console.warn(`api types: ${renamed.length} operations share an operationId in openapi.json; renamed for typing`);
}
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outPath, 'utf8');
  } catch {
    console.error('api types: src/api/schema.d.ts is missing; run `npm run gen:api`');
    process.exit(1);
  }
  if (current !== text) {
    console.error('api types: src/api/schema.d.ts is stale relative to openapi.json; run `npm run gen:api`');
    process.exit(1);
  }
  console.log('api types: src/api/schema.d.ts matches openapi.json');
} else {
  writeFileSync(outPath, text);
  console.log('api types: wrote src/api/schema.d.ts');
}
