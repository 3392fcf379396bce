// Signing in and out; the cookie is HttpOnly, the CSRF token lives in memory only.
import { api, Me } from './api';
import { csrfToken, me, sessionChecked } from './store';
import { navigate } from './router';
import { startLive, stopLive } from './live';

// GET /session answers 200 with "user": null when nobody is signed in (GET /me would be a 401,
// which browsers log as an error on every anonymous page load).
export async function loadSession() {
  try {
    const r = await api<{ user: Me | null; csrf_token?: string }>('GET', '/session');
    me.value = r.user;
    csrfToken.value = r.csrf_token ?? '';
    if (r.user) startLive();
  } catch {
    me.value = null;
  } finally {
    sessionChecked.value = true;
  }
}

export async function signIn(email: string, password: string) {
  const r = await api<{ user: Me; csrf_token: string }>('POST', '/auth/login', { email, password, kind: 'cookie' });
  me.value = r.user;
  csrfToken.value = r.csrf_token;
  startLive();
}

export async function signOut() {
  try {
    await api('POST', '/auth/logout', {});
  } finally {
    stopLive();
    me.value = null;
    csrfToken.value = '';
    navigate('/');
  }
}

export const isStaff = (role: string | undefined) =>
  role === 'officer' || role === 'supervisor' || role === 'department' || role === 'admin';
