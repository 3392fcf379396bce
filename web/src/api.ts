// The one place that talks to the server. Errors come back as ApiError with the server's
// field errors, or with code "network" when the request never got an answer.
import { actingFor, csrfToken } from './store';
// Generated from ../src/api/openapi.json by `npm run types` (openapi-typescript; the build runs it
// first). Not committed: see web/README.md, "The API contract".
import type { components, paths } from './api-schema.gen';

//! The schemas of the API document (components/schemas): Schemas['Case'], Schemas['Unit'], …
export type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : never) : never;
//! A route of the document without the /api/v1 prefix, as written there: '/cases/{id}'.
export type Route = keyof paths extends infer K ? (K extends `/api/v1${infer R}` ? R : never) : never;
//! The JSON body of a route's success answer (200, or 201 for creations) as openapi.json says.
export type Answer<R extends Route, M extends Method = 'get'> = Success<paths[`/api/v1${R}`][M]>;
//! The JSON request body of a route as openapi.json describes it: Body<'/admin/users', 'post'>.
export type Body<R extends Route, M extends Method> = paths[`/api/v1${R}`][M] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
//! Routes whose GET answers JSON.
export type GetRoute = { [R in Route]: [Answer<R>] extends [never] ? never : R }[Route];
type Query = string | URLSearchParams | Record<string, string | number | boolean | null | undefined>;

//! upload() to a route of the document, typed by its 201 answer:
//! uploadTo('/me/photo', {}, undefined, file, onProgress) is a Promise<Schemas['PhotoDocument']>.
export function uploadTo<R extends Route>(
  route: R,
  params: Record<string, string | number>,
  query: Query | undefined,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<Answer<R, 'post'>> {
  return upload<Answer<R, 'post'>>(routePath(route, params, query), file, onProgress);
}

//! The route with its {parameters} filled in, and the query string.
export function routePath(route: string, params: Record<string, string | number> = {}, query?: Query): string {
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${route}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
  let search = '';
  if (typeof query === 'string') search = query.replace(/^\?/, '');
  else if (query instanceof URLSearchParams) search = query.toString();
  else if (query)
    // encodeURIComponent (a space is %20), as the pages wrote their queries before.
    search = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
  return search ? `${path}?${search}` : path;
}

//! GET a route of the document, typed by its schema: get('/cases/{id}', { id: 12 }) is a
//! Promise<{ case: Schemas['Case'] }>.
export function get<R extends GetRoute>(route: R, params?: Record<string, string | number>, query?: Query): Promise<Answer<R>> {
  return api<Answer<R>>('GET', routePath(route, params, query));
}

//! Any other method, typed by the route's success answer: send('POST', '/cases/{id}/rating', { id }, body).
export function send<R extends Route, M extends Uppercase<Method>>(
  method: M,
  route: R,
  params: Record<string, string | number> | undefined,
  body?: unknown,
  query?: Query,
): Promise<Answer<R, Lowercase<M> & Method>> {
  return api<Answer<R, Lowercase<M> & Method>>(method, routePath(route, params, query), body);
}

export interface FieldError {
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: Record<string, FieldError> = {},
    public requestId = '',
  ) {
    super(message);
  }
}

//! The JSON of an answer; null when it is empty or not JSON.
function readJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

//! An error answer (Schemas['Error']) as an ApiError.
function apiError(status: number, body: unknown, message: string): ApiError {
  const e = (body as Schemas['Error'] | null)?.error ?? {};
  const fields: Record<string, FieldError> = {};
  for (const [k, v] of Object.entries(e.fields ?? {})) fields[k] = { code: v.code ?? '', message: v.message ?? '' };
  return new ApiError(status, e.code ?? 'http_' + status, e.message ?? message, fields, e.request_id ?? '');
}

//! The answer's body as T: the caller names what the route answers (get() and send() take it
//! from the API document); the server's answers are checked against it by test/contract.
async function parse<T>(res: Response): Promise<T> {
  const body = readJson(await res.text());
  if (!res.ok) throw apiError(res.status, body, res.statusText);
  return body as T;
}

declare global {
  interface Window {
    //! Requests index.html starts before the app loads, by API path; each is used once.
    tbPrefetch?: Record<string, Promise<Response>>;
  }
}

function prefetched(method: string, path: string): Promise<Response> | undefined {
  const pending = method === 'GET' ? window.tbPrefetch?.[path] : undefined;
  if (pending) delete window.tbPrefetch![path];
  return pending;
}

//! Acting for someone ("act as …"): only the case routes are steps of a power of attorney; every
//! other route (notifications, the account, the person's own authorisations) stays the signed-in
//! person's own, and the server refuses X-Act-For on them.
export function actForHeader(path: string): Record<string, string> {
  const a = actingFor.value;
  return a && /^\/cases(\/|\?|$)/.test(path) ? { 'X-Act-For': String(a.mandateId) } : {};
}

//! The untyped call underneath get() and send(): T must be given, else the answer is unknown.
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...actForHeader(path) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken.value) headers['X-CSRF-Token'] = csrfToken.value;
  let res: Response;
  try {
    res = await ((actingFor.value ? undefined : prefetched(method, path)) ??
      fetch('/api/v1' + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  return parse<T>(res);
}

//! Uploads a file as the raw request body, reporting progress from 0 to 1.
export function upload<T = unknown>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (csrfToken.value) xhr.setRequestHeader('X-CSRF-Token', csrfToken.value);
    for (const [k, v] of Object.entries(actForHeader(path))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onload = () => {
      const body = readJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        reject(apiError(xhr.status, body, ''));
      }
    };
    xhr.send(file);
  });
}

export type Text = { zh: string; en: string };

//! The signed-in account (GET /session, /me).
export type Me = Schemas['User'];
