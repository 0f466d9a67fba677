// Hash routing: the hash holds the whole state of a screen ("#/search?q=..",
// "#/call/<id>", "#/profiles/<id>/edit"), so links can be shared and the back
// button works. Hashes that do not start with "#/" (e.g. the skip link) are
// not routes.

// { screen, id, action, params, hash }
export function parseHash(hash = window.location.hash) {
  const text = hash.startsWith('#/') ? hash.slice(2) : '';
  const queryAt = text.indexOf('?');
  const path = queryAt === -1 ? text : text.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : text.slice(queryAt + 1));
  const [screen = '', ...rest] = path.split('/');
  const route = { screen: screen || 'search', id: null, action: null, params, hash: `#/${text}` };

  if (route.screen === 'call') {
    // Record ids hold ':' and '/'; links encode them, a hand-written URL may not.
    route.id = decode(rest.join('/'));
  } else if (route.screen === 'profiles' && rest.length > 0) {
    route.id = decode(rest[0]);
    route.action = rest[1] ?? null;
    if (route.id === 'new') {
      route.id = null;
      route.action = 'new';
    }
  }
  return route;
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function isRoute(hash = window.location.hash) {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

// "#/search" + params, dropping empty values; arrays repeat the name.
export function buildHash(path, params = {}) {
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

let renderHook = () => {};

export function onReplace(hook) {
  renderHook = hook;
}

// Goes to a new state. `replace` rewrites the current history entry (typing
// in the search box must not fill the back button with every keystroke) and,
// as replaceState fires no hashchange, renders directly.
export function go(hash, { replace = false } = {}) {
  if (hash === window.location.hash) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', hash);
    renderHook();
  } else {
    window.location.hash = hash;
  }
}
