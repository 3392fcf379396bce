// The one place that talks to the server. Errors come back as ApiError with the server's
// field errors, or with code "network" when the request never got an answer.
import { csrfToken } from './store';

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

async function parse(res: Response): Promise<any> {
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'http_' + res.status, e.message ?? res.statusText, e.fields ?? {}, e.request_id ?? '');
  }
  return body;
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

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken.value) headers['X-CSRF-Token'] = csrfToken.value;
  let res: Response;
  try {
    res = await (prefetched(method, path) ??
      fetch('/api/v1' + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  return parse(res);
}

//! Uploads a file as the raw request body, reporting progress from 0 to 1.
export function upload<T = any>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (csrfToken.value) xhr.setRequestHeader('X-CSRF-Token', csrfToken.value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onload = () => {
      let body: any = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body);
      } else {
        const e = body?.error ?? {};
        reject(new ApiError(xhr.status, e.code ?? 'http_' + xhr.status, e.message ?? '', e.fields ?? {}, e.request_id ?? ''));
      }
    };
    xhr.send(file);
  });
}

export type Text = { zh: string; en: string };

export interface Me {
  id: number;
  email: string;
  display_name: string;
  role: string;
  assurance: string;
  verified_at?: string | null;
  locale: string;
  unit_id: number | null;
  photo: { document_id: number; verified: boolean } | null;
}
