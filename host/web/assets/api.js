// The JSON API client: every request of the page goes through here, so the
// CSRF token, the login prompt on 401 and the error shape are handled once.

import { useServerNow } from './format.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

// Before GET /api/session answers (or where it does not exist yet) the page
// behaves as the loopback default: an implicit local admin.
const LOCAL_SESSION = { user: null, role: 'admin', auth_required: false, csrf_token: '' };

let session = { ...LOCAL_SESSION };
let onUnauthorized = () => {};

export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export function currentSession() {
  return session;
}

export function canEdit() {
  return session.role === 'editor' || session.role === 'admin';
}

// "/api/x" plus the parameters that have a value; arrays repeat the name.
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  // [[name, value]...], URLSearchParams or {name: value | [values]}
  const entries = Array.isArray(params) || params instanceof URLSearchParams ? [...params] : Object.entries(params);
  for (const [name, value] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') query.append(name, String(item));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// A feed's URL (.atom, .ics). With logins on it carries the user's feed token,
// so the link also works where there is no session: a calendar app, a feed reader.
export function feedUrl(path, params = {}) {
  return withFeedToken(apiUrl(path, params));
}

export function withFeedToken(url) {
  if (!url || !session.feed_token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(session.feed_token)}`;
}

async function request(method, path, { params, body, signal, retryCsrf = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    if (session.csrf_token) headers['X-CSRF-Token'] = session.csrf_token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(apiUrl(path, params), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    credentials: 'same-origin',
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.ok) return data;

  const message = data?.error?.message ?? '';
  // A restarted server forgets sessions: take a fresh token and try once more.
  if (response.status === 403 && retryCsrf && method !== 'GET' && /csrf/i.test(message)) {
    await loadSession();
    return request(method, path, { params, body, signal, retryCsrf: false });
  }
  if (response.status === 401 && path !== '/api/session') onUnauthorized();
  throw new ApiError(response.status, message);
}

export const api = {
  get: (path, params, options = {}) => request('GET', path, { ...options, params }),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  delete: (path, params, options = {}) => request('DELETE', path, { ...options, params }),
};

// The rows of a list answer: {"results": [...]} per the API conventions, or
// the older {"profiles": [...]}-style key, or a bare array.
export function rowsOf(data, legacyKey) {
  if (Array.isArray(data)) return data;
  if (Array.isArray(data?.results)) return data.results;
  if (legacyKey && Array.isArray(data?.[legacyKey])) return data[legacyKey];
  return [];
}

function adopt(data) {
  session = { ...LOCAL_SESSION, ...(data ?? {}) };
  if (!session.role && session.user?.role) session.role = session.user.role;
  useServerNow(session.now);
  return session;
}

export async function loadSession() {
  try {
    return adopt(await request('GET', '/api/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return adopt(LOCAL_SESSION);
    throw error;
  }
}

export async function login(username, password) {
  return adopt(await request('POST', '/api/session', { body: { username, password } }));
}

export async function logout() {
  await request('DELETE', '/api/session');
  return loadSession();
}

export function isMissingRoute(error) {
  return error instanceof ApiError && (error.status === 404 || error.status === 405);
}
