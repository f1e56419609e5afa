// Calls to the optimizer with the visitor's credential: an API key (header X-API-Key) or an OIDC access token
// (Authorization: Bearer). Kept in sessionStorage only, so it is gone when the tab closes.
const STORAGE_KEY = 'fairtune.credential';

export class AuthError extends Error {}

export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map(e => (e.field ? e.field + ': ' : '') + e.message).join('\n'));
    this.status = status;
    this.errors = errors;
  }
}

export function credential() {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function setCredential(value) {
  if (value) {
    sessionStorage.setItem(STORAGE_KEY, value.trim());
  } else {
    sessionStorage.removeItem(STORAGE_KEY);
  }
}

/** A JWT is three base64url parts; anything else is taken for an API key. */
function authHeaders() {
  const c = credential();
  if (!c) return {};
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(c) ? { Authorization: 'Bearer ' + c } : { 'X-API-Key': c };
}

export function credentialKind() {
  const h = authHeaders();
  return h.Authorization ? 'bearer token' : h['X-API-Key'] ? 'API key' : null;
}

/** Paths are relative to /ui/: '../studies' is the REST API, 'api/…' the dashboard's read-only additions. */
export async function request(path, { method = 'GET', accept = 'application/json' } = {}) {
  const response = await fetch(path, { method, headers: { Accept: accept, ...authHeaders() } });
  if (response.ok) return response;
  let errors;
  try {
    errors = (await response.json()).errors;
  } catch (e) {
    errors = null;
  }
  errors = Array.isArray(errors) ? errors : [{ field: '', message: 'HTTP ' + response.status }];
  if (response.status === 401) throw new AuthError(errors.map(e => e.message).join('\n'));
  throw new ApiError(response.status, errors);
}

export async function getJson(path) {
  return (await request(path)).json();
}

export async function getText(path, accept) {
  return (await request(path, { accept })).text();
}
