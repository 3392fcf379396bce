// The person's own account: profile (name, e-mail, language), notification choices, password,
// who looked at their data, and deleting the account with what the law keeps said plainly.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, send, type Me, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { errorText, formatDateTime, languages, lang, pick, setLang, t } from '../../i18n';
import { navigate } from '../../router';
import { ACCOUNT_LOCALES, forgetSession } from '../../session';
import { me } from '../../store';

//! Field codes of a failed request, or null when the failure is not about fields.
function fieldCodes(err: unknown): Record<string, string> | null {
  if (!(err instanceof ApiError) || !Object.keys(err.fields).length) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(err.fields)) out[k] = v.code;
  return out;
}

function FieldError(props: { id: string; code?: string }) {
  return props.code ? <p id={props.id} class="field-error">{errorText(props.code)}</p> : null;
}

function useSignedIn(next: string) {
  useEffect(() => {
    if (!me.value) navigate('/signin?next=' + encodeURIComponent(next), true);
  }, []);
  return me.value;
}

function Details(props: { user: Me }) {
  const { user } = props;
  const [name, setName] = useState(user.display_name);
  const [email, setEmail] = useState(user.email);
  const [locale, setLocale] = useState(user.locale);
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  // The header menu may change the language meanwhile: follow it.
  useEffect(() => setLocale(user.locale), [user.locale]);
  const emailChanged = email.trim().toLowerCase() !== user.email;
  const offered = languages.filter((l) => ACCOUNT_LOCALES.includes(l.code));
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setDone(false);
    try {
      const body: Record<string, string> = { display_name: name, locale };
      if (emailChanged) {
        body.email = email.trim();
        body.current_password = password;
      }
      const r = await send('PATCH', '/me', {}, body);
      me.value = { ...user, ...r.user };
      if (r.user.locale !== lang.value) setLang(r.user.locale);
      setPassword('');
      setDone(true);
    } catch (err) {
      const f = fieldCodes(err);
      if (f) setFields(f);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const described = (id: string, code?: string) => (code ? { 'aria-invalid': 'true' as const, 'aria-describedby': id + '-error' } : {});
  return (
    <section class="panel" aria-labelledby="details-title">
      <h2 id="details-title" class="small-heading">{t('account.details')}</h2>
      <form onSubmit={save} noValidate>
        <div class={'field' + (fields.display_name ? ' has-error' : '')}>
          <label for="acc-name">{t('auth.displayName')}</label>
          <input id="acc-name" type="text" autoComplete="name" value={name} maxLength={100}
            onInput={(e) => setName((e.target as HTMLInputElement).value)} {...described('acc-name', fields.display_name)} />
          <FieldError id="acc-name-error" code={fields.display_name} />
        </div>
        <div class={'field' + (fields.email ? ' has-error' : '')}>
          <label for="acc-email">{t('auth.email')}</label>
          <input id="acc-email" type="email" autoComplete="email" value={email}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)} {...described('acc-email', fields.email)} />
          <FieldError id="acc-email-error" code={fields.email} />
        </div>
        {emailChanged ? (
          <div class={'field' + (fields.current_password ? ' has-error' : '')}>
            <label for="acc-email-password">{t('account.passwordToChangeEmail')}</label>
            <input id="acc-email-password" type="password" autoComplete="current-password" value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)} {...described('acc-email-password', fields.current_password)} />
            <FieldError id="acc-email-password-error" code={fields.current_password} />
          </div>
        ) : null}
        <div class={'field' + (fields.locale ? ' has-error' : '')}>
          <label for="acc-locale">{t('account.language')}</label>
          <select id="acc-locale" value={locale} onChange={(e) => setLocale((e.target as HTMLSelectElement).value)}
            aria-describedby="acc-locale-hint">
            {offered.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
          </select>
          <p id="acc-locale-hint" class="muted small">{t('account.languageHint')}</p>
          <FieldError id="acc-locale-error" code={fields.locale} />
        </div>
        <ErrorNotice error={error} />
        {done ? <Success text={t('account.saved')} /> : null}
        <button type="submit" class="primary" disabled={busy}>{t('account.saveDetails')}</button>
      </form>
    </section>
  );
}

type Prefs = Schemas['NotificationPreferences'];

function Notifications() {
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get('/me/notification-preferences').then((r) => setPrefs(r.preferences), setError);
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!prefs) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const r = await send('PUT', '/me/notification-preferences', {}, { email: prefs.email });
      setPrefs(r.preferences);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const box = (k: keyof Prefs['email']) => (
    <div class="field checkbox" key={k}>
      <label>
        <input type="checkbox" checked={prefs?.email[k] ?? true}
          onChange={(e) => prefs && setPrefs({ ...prefs, email: { ...prefs.email, [k]: (e.target as HTMLInputElement).checked } })} />
        <span>{t('account.email.' + k)}</span>
      </label>
    </div>
  );
  return (
    <section class="panel" aria-labelledby="notifications-title">
      <h2 id="notifications-title" class="small-heading">{t('account.notifications')}</h2>
      <p class="small">{t('account.inAppAlways')}</p>
      {!prefs && !error ? <Loading /> : null}
      {prefs ? (
        <form onSubmit={save}>
          <fieldset class="plain">
            <legend>{t('account.alsoByEmail')}</legend>
            {box('cases')}
            {box('appointments')}
            {box('consultations')}
          </fieldset>
          {done ? <Success text={t('account.saved')} /> : null}
          <button type="submit" disabled={busy}>{t('account.savePrefs')}</button>
        </form>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}

function Password() {
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setDone(null);
    try {
      const r = await send('POST', '/me/password', {}, { current_password: current, new_password: replacement });
      setCurrent('');
      setReplacement('');
      setDone(r.other_sessions_ended);
    } catch (err) {
      const f = fieldCodes(err);
      if (f) setFields(f);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="password-title">
      <h2 id="password-title" class="small-heading">{t('account.password')}</h2>
      <form onSubmit={change} noValidate>
        <div class={'field' + (fields.current_password ? ' has-error' : '')}>
          <label for="pw-current">{t('account.currentPassword')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" value={current}
            onInput={(e) => setCurrent((e.target as HTMLInputElement).value)}
            aria-invalid={fields.current_password ? 'true' : undefined} aria-describedby={fields.current_password ? 'pw-current-error' : undefined} />
          <FieldError id="pw-current-error" code={fields.current_password} />
        </div>
        <div class={'field' + (fields.new_password ? ' has-error' : '')}>
          <label for="pw-new">{t('account.newPassword')}</label>
          <input id="pw-new" type="password" autoComplete="new-password" value={replacement}
            onInput={(e) => setReplacement((e.target as HTMLInputElement).value)}
            aria-invalid={fields.new_password ? 'true' : undefined} aria-describedby={fields.new_password ? 'pw-new-error' : 'pw-new-hint'} />
          {fields.new_password ? null : <p id="pw-new-hint" class="muted small">{t('auth.passwordHint')}</p>}
          <FieldError id="pw-new-error" code={fields.new_password} />
        </div>
        <ErrorNotice error={error} />
        {done !== null ? <Success text={t('account.passwordChanged', { n: done })} /> : null}
        <button type="submit" disabled={busy}>{t('account.changePassword')}</button>
      </form>
    </section>
  );
}

//! Family members an officer verified on the person's video calls: they can be named on an
//! application form. A new one is added by booking a video check "for a family member".
function Family() {
  const [persons, setPersons] = useState<Schemas['Person'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/persons').then((r) => setPersons(r.persons), setError);
  }, []);
  return (
    <section class="panel" aria-labelledby="family-title">
      <h2 id="family-title" class="small-heading">{t('family.title')}</h2>
      <p class="small">{t('family.intro')}</p>
      <ErrorNotice error={error} />
      {!persons && !error ? <Loading /> : null}
      {persons && !persons.length ? <p class="small muted">{t('family.none')}</p> : null}
      <ul class="plain-list">
        {(persons ?? []).map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>{p.name_latin ? ' · ' + p.name_latin : ''} · {t('family.rel.' + p.relationship)}
            <span class="muted small"> · <span class="mono">{p.id_number}</span> · {t('family.verifiedOn', { date: formatDateTime(p.verified_at) })}</span>
          </li>
        ))}
      </ul>
      <p><Link href="/appointments">{t('family.add')}</Link></p>
    </section>
  );
}

export function Profile() {
  const user = useSignedIn('/account');
  if (!user) return <Loading />;
  return (
    <>
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      <Details user={user} />
      {user.role === 'applicant' ? <Notifications /> : null}
      {user.role === 'applicant' ? <Family /> : null}
      <Password />
      <section class="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title" class="small-heading">{t('account.privacy')}</h2>
        <ul class="plain-list">
          <li><Link href="/account/access-log">{t('accessLog.title')}</Link></li>
          {user.role === 'applicant' ? <li><Link href="/account/delete">{t('account.delete.title')}</Link></li> : null}
        </ul>
      </section>
    </>
  );
}

type AccessEvent = Schemas['AccessLogEntry'];

//! "Officer · Qingtian Exit-Entry Administration" — staff by role and office, by name only where
//! the person consented to that officer at a desk.
function who(e: AccessEvent): string {
  if (e.by_me) return t('accessLog.you');
  // The officer the person gave consent to at a desk, by name: the person met them.
  if (e.actor_name) return e.actor_name + (e.actor_unit ? ' · ' + pick(e.actor_unit.name) : '');
  if (e.actor_role === 'system') return t('accessLog.system');
  if (e.actor_role === 'anonymous') return t('accessLog.anonymous');
  const word = t('role.' + e.actor_role);
  const role = word.charAt(0).toLocaleUpperCase(lang.value) + word.slice(1);
  return e.actor_unit ? role + ' · ' + pick(e.actor_unit.name) : role;
}

function what(e: AccessEvent): string {
  const key = 'accessLog.action.' + e.action.replace('.', '_');
  const s = t(key);
  return s === key ? t('accessLog.action.other', { code: e.action }) : s;
}

export function AccessLog() {
  const user = useSignedIn('/account/access-log');
  const [mine, setMine] = useState(false);
  const [events, setEvents] = useState<AccessEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!user) return;
    setEvents(null);
    get('/me/access-log', {}, mine ? undefined : { by: 'others' }).then((r) => setEvents(r.events), setError);
  }, [mine]);
  if (!user) return <Loading />;
  return (
    <>
      <p><Link href="/account">{t('account.title')}</Link></p>
      <h1 tabIndex={-1}>{t('accessLog.title')}</h1>
      <p>{t('accessLog.intro')}</p>
      <div class="field checkbox">
        <label>
          <input type="checkbox" checked={mine} onChange={(e) => setMine((e.target as HTMLInputElement).checked)} />
          <span>{t('accessLog.showMine')}</span>
        </label>
      </div>
      <ErrorNotice error={error} />
      {!events && !error ? <Loading /> : null}
      {events && !events.length ? <p>{mine ? t('accessLog.none') : t('accessLog.noneOthers')}</p> : null}
      <ul class="list access-log">
        {(events ?? []).map((e, i) => (
          <li key={i}>
            <span class="muted small">{formatDateTime(e.at)}</span>
            <strong>{who(e)}</strong>
            <span>
              {what(e)}
              {e.case ? <> — {e.case.item_name ? pick(e.case.item_name) + ' ' : ''}<span class="nowrap">({e.case.case_no})</span></> : null}
            </span>
            <span class="small">{t('accessLog.why')} {t('accessLog.purpose.' + e.purpose)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function DeleteAccount() {
  const user = useSignedIn('/account/delete');
  const [open, setOpen] = useState<number | null>(null);
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [deleted, setDeleted] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!user || user.role !== 'applicant') return;
    const active = ['submitted', 'accepted', 'in_review', 'needs_supplement', 'pending_second', 'approved', 'issued'];
    get('/cases').then((r) => setOpen(r.cases.filter((c) => active.includes(c.state)).length), () => setOpen(0));
  }, []);
  if (deleted)
    return (
      <>
        <h1 tabIndex={-1}>{t('account.delete.doneTitle')}</h1>
        <Success text={t('account.delete.done')} />
        <p><Link href="/">{t('app.home')}</Link></p>
      </>
    );
  if (!user) return <Loading />;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!understood) {
      setFields({ understood: 'confirm_required' });
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await send('DELETE', '/me', {}, { password });
      forgetSession();
      setDeleted(true);
    } catch (err) {
      const f = fieldCodes(err);
      if (f) setFields(f);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p><Link href="/account">{t('account.title')}</Link></p>
      <h1 tabIndex={-1}>{t('account.delete.title')}</h1>
      <p class="lead">{t('account.delete.intro')}</p>
      <section class="panel" aria-labelledby="kept-title">
        <h2 id="kept-title" class="small-heading">{t('account.delete.keptTitle')}</h2>
        <p>{t('account.delete.kept')}</p>
      </section>
      <section class="panel" aria-labelledby="erased-title">
        <h2 id="erased-title" class="small-heading">{t('account.delete.erasedTitle')}</h2>
        <p>{t('account.delete.erased')}</p>
      </section>
      <section class="panel" aria-labelledby="closed-title">
        <h2 id="closed-title" class="small-heading">{t('account.delete.closedTitle')}</h2>
        <p>{t('account.delete.closed')}</p>
      </section>
      {open ? <p class="notice" role="note">{t('account.delete.openCases', { n: open })}</p> : null}
      {user.role !== 'applicant' ? <p class="notice">{t('account.delete.staff')}</p> : (
        <form onSubmit={submit} noValidate class="panel attention">
          <div class={'field checkbox' + (fields.understood ? ' has-error' : '')}>
            <label>
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood((e.target as HTMLInputElement).checked)}
                aria-invalid={fields.understood ? 'true' : undefined} aria-describedby={fields.understood ? 'understood-error' : undefined} />
              <span>{t('account.delete.understand')}</span>
            </label>
            <FieldError id="understood-error" code={fields.understood} />
          </div>
          <div class={'field' + (fields.password ? ' has-error' : '')}>
            <label for="delete-password">{t('account.delete.password')}</label>
            <input id="delete-password" type="password" autoComplete="current-password" value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
              aria-invalid={fields.password ? 'true' : undefined} aria-describedby={fields.password ? 'delete-password-error' : undefined} />
            <FieldError id="delete-password-error" code={fields.password} />
          </div>
          <ErrorNotice error={error} />
          <button type="submit" class="danger" disabled={busy}>{t('account.delete.button')}</button>
        </form>
      )}
    </>
  );
}
