// The JSON API against its own description: /api/openapi.json validates as
// OpenAPI 3, every GET route it lists answers with a documented status and
// content type, and the safety rules hold (CSP, no inline script, CSRF,
// JSON errors).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { apiClient, searchApi } from './support/api.mjs';
import { nodeModulesDir } from './support/env.mjs';
import { startDemo } from './support/server.mjs';

// swagger-parser lives in the build tree's node_modules (CommonJS).
const SwaggerParser = createRequire(path.join(nodeModulesDir, 'package.json'))('@apidevtools/swagger-parser');

let server;
let api;
let description;

before(async () => {
  server = await startDemo('api');
  api = await apiClient(server);
});

after(async () => {
  await server?.stop();
});

async function openApiDocument() {
  description ??= api.getJson('/api/openapi.json');
  return description;
}

function mediaType(response) {
  return (response.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
}

test('/api/openapi.json validates as OpenAPI 3', async () => {
  const response = await api.request('GET', '/api/openapi.json');
  assert.equal(response.status, 200);
  assert.equal(mediaType(response), 'application/json');
  const document = await openApiDocument();
  assert.match(document.openapi, /^3\.\d+\.\d+$/);
  await SwaggerParser.validate(structuredClone(document));
});

// Real values for path parameters, by the collection they name; a saved
// search is created for its routes.
async function pathValues() {
  const [hit] = (await searchApi(api, 'status=open&limit=1')).results;
  const saved = await api.sendJson('POST', '/api/searches', { name: 'API test', query: 'q=energia' }, 201);
  const runs = await api.getJson('/api/runs?limit=1');
  return {
    calls: hit.id,
    profiles: 'amb-transicio-energetica',
    searches: String(saved.id),
    runs: String(runs.results[0]?.id ?? runs.results[0]?.run_id ?? 1),
    sources: 'eu-ft',
  };
}

// A parameter's example value: the document's own, else the first enum
// value, else its default.
function exampleOf(parameter) {
  const schema = parameter.schema ?? {};
  return parameter.example ?? schema.example ?? schema.enum?.[0] ?? schema.default;
}

// The request path of a documented GET: path parameters from real data,
// required query parameters from the document's examples.
function concretePath(route, operation, values) {
  const parameters = operation.parameters ?? [];
  const concrete = route.replace(/\{([^}]+)\}/g, (_, name) => {
    const collection = route
      .slice(0, route.indexOf(`{${name}}`))
      .split('/')
      .filter(Boolean)
      .pop();
    const value = values[collection] ?? exampleOf(parameters.find((p) => p.in === 'path' && p.name === name) ?? {});
    assert.ok(value !== undefined, `no value for {${name}} in ${route}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const parameter of parameters.filter((p) => p.in === 'query' && p.required)) {
    const value = exampleOf(parameter);
    assert.ok(value !== undefined, `${route}: the required parameter ${parameter.name} has no example`);
    query.set(parameter.name, String(value));
  }
  return query.size > 0 ? `${concrete}?${query}` : concrete;
}

// The documented response of a status: exact, its class (2XX), or default.
function documentedResponse(operation, status) {
  const responses = operation.responses ?? {};
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

async function checkAnswersAsDocumented(method, requestPath, operation) {
  const response = await api.request(method, requestPath);
  const body = Buffer.from(await response.arrayBuffer());
  const documented = documentedResponse(operation, response.status);
  assert.ok(documented, `${method} ${requestPath}: status ${response.status} is not documented`);
  const types = Object.keys(documented.content ?? {}).map((type) => type.toLowerCase());
  if (types.length === 0) {
    assert.equal(body.length, 0, `${method} ${requestPath}: ${response.status} documents no body`);
    return;
  }
  const type = mediaType(response);
  assert.ok(types.includes(type) || types.includes('*/*'), `${method} ${requestPath}: ${type} is not one of ${types}`);
  if (type.endsWith('json')) {
    const json = JSON.parse(body.toString('utf8'));
    const schema = documented.content[type]?.schema ?? {};
    for (const name of schema.required ?? [])
      assert.ok(name in json, `${method} ${requestPath}: the answer lacks the required "${name}"`);
  }
}

test('every documented GET route answers with a documented status and content type', async (t) => {
  const document = await SwaggerParser.dereference(structuredClone(await openApiDocument()));
  const base = new URL(document.servers?.[0]?.url ?? '/', server.url).pathname.replace(/\/$/, '');
  const values = await pathValues();
  const routes = Object.entries(document.paths).filter(([, item]) => item.get);
  assert.ok(routes.length >= 20, `the document lists ${routes.length} GET routes`);
  for (const [route, item] of routes) {
    const operation = { ...item.get, parameters: [...(item.parameters ?? []), ...(item.get.parameters ?? [])] };
    await t.test(`GET ${route}`, async () => {
      const requestPath = base + concretePath(route, operation, values);
      await checkAnswersAsDocumented('GET', requestPath, operation);
      const format = operation.parameters.find((p) => p.in === 'query' && p.name === 'format');
      const isList = format?.schema?.enum?.includes('csv');
      if (isList) {
        const csv = await api.request('GET', `${requestPath}${requestPath.includes('?') ? '&' : '?'}format=csv`);
        assert.equal(csv.status, 200, `${route}?format=csv`);
        assert.equal(mediaType(csv), 'text/csv');
        assert.deepEqual([...Buffer.from(await csv.arrayBuffer()).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      }
      // Lists refuse unknown parameters: a misspelt filter must not widen them.
      if (isList) {
        const bad = await api.request(
          'GET',
          `${requestPath}${requestPath.includes('?') ? '&' : '?'}no_such_parameter=1`,
        );
        assert.equal(bad.status, 400, `${route} refuses an unknown parameter`);
        assert.equal((await bad.json()).error.status, 400);
      }
    });
  }
});

test('every page carries the CSP and the UI has no inline script', async () => {
  const response = await api.request('GET', '/');
  const policy = response.headers.get('content-security-policy') ?? '';
  assert.match(policy, /default-src 'self'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const html = await response.text();
  const inline = html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/gi) ?? [];
  assert.deepEqual(inline, [], 'every <script> has a src');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attributes');
  assert.ok((await api.request('GET', '/api/health')).headers.get('content-security-policy'));
});

test('a state-changing request without the CSRF token is refused with 403', async () => {
  const attempts = [
    ['POST', '/api/searches', { name: 'no token', query: 'q=energia' }],
    ['PUT', '/api/pipeline', { record_id: 'eu-ft:X', profile_id: '', state: 'interesting' }],
    ['POST', `/api/profiles/amb-habitatge/feedback`, { kind: 'programme', subject: 'HORIZON', verdict: 'muted' }],
  ];
  for (const [method, route, json] of attempts) {
    const response = await api.request(method, route, { json, csrf: false });
    assert.equal(response.status, 403, `${method} ${route} without a token`);
    assert.match((await response.json()).error.message, /CSRF/);
  }
  const wrong = await api.request('POST', '/api/searches', {
    json: { name: 'wrong token', query: 'q=x' },
    headers: { 'X-CSRF-Token': 'not-the-token' },
    csrf: false,
  });
  assert.equal(wrong.status, 403, 'a wrong token is refused too');
});

test("errors are JSON with the right status and the parser's message", async () => {
  const cases = [
    ['/api/search?q=energy%20AND', 400],
    ['/api/search?limit=1000', 400],
    ['/api/search?colour=blue', 400],
    ['/api/calls/eu-ft%3ANO-SUCH-CALL', 404],
    ['/api/profiles/no-such-profile', 404],
    ['/api/no-such-route', 404],
  ];
  for (const [route, status] of cases) {
    const response = await api.request('GET', route);
    assert.equal(response.status, status, route);
    assert.equal(mediaType(response), 'application/json', route);
    const { error } = await response.json();
    assert.equal(error.status, status, route);
    assert.ok(error.message.length > 0, route);
  }
  const { error } = await api.getJson('/api/search?q=energy%20AND', 400);
  assert.match(error.message, /Syntax/, "the query parser's own message");
  const notJson = await api.request('POST', '/api/searches', {
    headers: { 'Content-Type': 'text/plain' },
  });
  assert.ok([400, 415].includes(notJson.status), `a body that is not JSON: ${notJson.status}`);
  const invalidProfile = await api.request('POST', '/api/profiles', { json: { id: 'no title' } });
  assert.equal(invalidProfile.status, 422, 'a profile failing validation');
});

test('lists page the same way: offset, limit and total', async () => {
  const first = await api.getJson('/api/search?q=energia&limit=5');
  const second = await api.getJson('/api/search?q=energia&limit=5&offset=5');
  assert.equal(first.limit, 5);
  assert.equal(second.offset, 5);
  assert.equal(first.total, second.total);
  const firstIds = new Set(first.results.map((hit) => hit.id));
  assert.ok(
    second.results.every((hit) => !firstIds.has(hit.id)),
    'pages do not overlap',
  );
  for (const route of [
    '/api/profiles',
    '/api/calendar',
    '/api/pipeline',
    '/api/searches',
    '/api/sources',
    '/api/runs',
  ]) {
    const list = await api.getJson(`${route}?limit=2`);
    assert.deepEqual(
      ['limit', 'offset', 'results', 'total'].filter((key) => !(key in list)),
      [],
      `${route} answers {total, offset, limit, results}`,
    );
    assert.ok(list.results.length <= 2, `${route} respects limit`);
  }
});
