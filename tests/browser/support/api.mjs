// The JSON API as a client sees it: one session (cookie + CSRF token, from
// GET /api/session) used for every request, so tests can set up state the UI
// then shows, and check what the UI changed.
import assert from 'node:assert/strict';

export class ApiClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = '';
    this.csrfToken = '';
  }

  // Starts a session: the server sets its cookie and gives the CSRF token.
  // While the route is missing (404, or the UI's page instead of JSON),
  // read-only tests still run; changes then fail with the server's answer.
  async openSession() {
    const response = await this.request('GET', '/api/session');
    if (response.status === 404 || !/json/.test(response.headers.get('content-type') ?? '')) return null;
    assert.equal(response.status, 200, `GET /api/session answered ${response.status}`);
    const session = await response.json();
    this.csrfToken = session.csrf_token;
    return session;
  }

  // Logs the session in (POST /api/session); returns the raw response. The
  // server may hand out a new cookie and token on login: both are kept.
  async login(username, password) {
    const response = await this.request('POST', '/api/session', { json: { username, password } });
    if (response.ok) this.csrfToken = (await response.clone().json()).csrf_token ?? this.csrfToken;
    return response;
  }

  // A raw fetch with the session cookie; state-changing methods carry the
  // CSRF token unless options.csrf is false.
  async request(method, path, options = {}) {
    const headers = { ...(options.headers ?? {}) };
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET' && method !== 'HEAD' && options.csrf !== false && this.csrfToken)
      headers['X-CSRF-Token'] = this.csrfToken;
    let body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
    this.keepCookie(response);
    return response;
  }

  // Headers.getSetCookie() arrived in Node 19.7; Node 18's fetch folds the
  // Set-Cookie lines into one get('set-cookie') value (convoca sends one).
  keepCookie(response) {
    const lines = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''];
    for (const line of lines) {
      const pair = line.split(';', 1)[0];
      if (pair.startsWith('convoca_session=')) this.cookie = pair;
    }
  }

  // GET path; asserts the status (200 by default) and returns the parsed JSON.
  async getJson(path, expectedStatus = 200) {
    const response = await this.request('GET', path);
    const text = await response.text();
    assert.equal(response.status, expectedStatus, `GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  // method path with a JSON body; asserts the status and returns the parsed
  // JSON answer (null when there is none, e.g. 204).
  async sendJson(method, path, json, expectedStatus) {
    const response = await this.request(method, path, { json });
    const text = await response.text();
    if (expectedStatus !== undefined)
      assert.equal(
        response.status,
        expectedStatus,
        `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
      );
    return text ? JSON.parse(text) : null;
  }
}

export async function apiClient(server) {
  const client = new ApiClient(server.url);
  await client.openSession();
  return client;
}

// The search API's answer for a query string such as "q=energia&status=open".
export async function searchApi(client, query) {
  return client.getJson(`/api/search?${query}`);
}

// Open calls of the demo with at least `minDeadlines` deadlines, most first.
export async function openCallsWithDeadlines(client, minDeadlines = 1) {
  const answer = await searchApi(client, 'status=open&sort=deadline&limit=100');
  return answer.results
    .filter((hit) => hit.deadlines.length >= minDeadlines)
    .sort((a, b) => b.deadlines.length - a.deadlines.length);
}
