// The console is a client of /api: every call goes through here. The session cookie (HttpOnly) travels by itself;
// changes carry the session's CSRF value. A 401 means the session ended: the sign-in form is shown over the page
// (what was typed stays in place) and the call is sent once more after signing in again.
let csrf = null;
let expired = null;

export function setSession(session) {
  csrf = session ? session.csrfToken : null;
}

/** fn() → Promise resolved once the user has signed in again. */
export function onSessionExpired(fn) {
  expired = fn;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
    this.fieldErrors = body.fieldErrors || [];
  }
}

function describe(status, body) {
  if (body.message) { return body.message; }
  return status === 0 ? 'The bundle cannot be reached' : 'HTTP ' + status;
}

export async function call(method, path, body) {
  for (let attempt = 0; ; attempt++) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') { headers['X-CSRF-Token'] = csrf || ''; }
    let payload;
    if (body instanceof Blob) {
      payload = body;
      headers['Content-Type'] = 'text/csv';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, {});
    }
    if (response.status === 401 && attempt === 0 && expired && !path.startsWith('/console/session')) {
      await expired();
      continue;
    }
    if (!response.ok) {
      let answer = {};
      try { answer = await response.json(); } catch (e) { /* not JSON */ }
      throw new ApiError(response.status, answer);
    }
    return response;
  }
}

export function getJson(path) {
  return call('GET', path).then((r) => r.json());
}

export function sendJson(method, path, body) {
  return call(method, path, body).then((r) => r.json());
}
