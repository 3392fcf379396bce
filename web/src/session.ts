// Signing in and out; the cookie is HttpOnly, the CSRF token lives in memory only.
import { isApplicant } from './access';
import { get, send, Me } from './api';
import { csrfToken, me, sessionChecked, setActingFor } from './store';
import { navigate } from './router';
import { startLive, stopLive } from './live';
import { dictionaries, lang, setLang } from './i18n';

//! The languages the server writes notifications and e-mails in.
export const ACCOUNT_LOCALES = ['zh-CN', 'en', 'it', 'es', 'fr', 'pt', 'de'];

//! A person's account remembers their language: it is applied when they sign in (applicants;
//! staff accounts get theirs from the administrator and keep the menu's choice).
function applyAccountLanguage(user: Me) {
  if (isApplicant(user.role) && dictionaries[user.locale] && user.locale !== lang.value) setLang(user.locale);
}

//! The language menu: switches the page and, when signed in, saves the choice to the account so
//! notifications and e-mails follow it.
export async function chooseLanguage(code: string) {
  setLang(code);
  const user = me.value;
  if (!user || user.locale === code || !ACCOUNT_LOCALES.includes(code)) return;
  try {
    const r = await send('PATCH', '/me', {}, { locale: code });
    if (me.value && me.value.id === r.user.id) me.value = { ...me.value, locale: r.user.locale };
  } catch {
    /* kept locally; saved the next time the menu changes */
  }
}

// GET /session answers 200 with "user": null when nobody is signed in (GET /me would be a 401,
// which browsers log as an error on every anonymous page load).
export async function loadSession() {
  try {
    const r = await get('/session');
    me.value = r.user;
    csrfToken.value = r.csrf_token ?? '';
    if (r.user) {
      applyAccountLanguage(r.user);
      startLive();
    }
  } catch {
    me.value = null;
  } finally {
    sessionChecked.value = true;
  }
}

export async function signIn(email: string, password: string) {
  const r = await send('POST', '/auth/login', {}, { email, password, kind: 'cookie' });
  me.value = r.user;
  // Always there for kind cookie; the document lists it as optional because bearer logins have none.
  csrfToken.value = r.csrf_token ?? '';
  applyAccountLanguage(r.user);
  startLive();
}

//! Forgets the session locally (the server already ended it: the account was deleted).
export function forgetSession() {
  stopLive();
  me.value = null;
  csrfToken.value = '';
}

export async function signOut() {
  try {
    await send('POST', '/auth/logout', {}, {});
  } finally {
    stopLive();
    setActingFor(null);
    me.value = null;
    csrfToken.value = '';
    navigate('/');
  }
}

