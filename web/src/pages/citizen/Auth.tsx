import { useState } from 'preact/hooks';
import { ApiError, send } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice } from '../../components/Notice';
import { errorText, lang, t } from '../../i18n';
import { navigate, query } from '../../router';
import { worksCases } from '../../access';
import { signIn } from '../../session';
import { me } from '../../store';

function afterSignIn() {
  const next = query('next');
  if (next.startsWith('/') && !next.startsWith('//')) navigate(next, true);
  else navigate(worksCases(me.value?.role) ? '/staff' : '/cases', true);
}

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      afterSignIn();
    } catch (err) {
      const a = err as ApiError;
      setError(a.code === 'unauthenticated' ? new ApiError(401, 'wrongLogin', '') : err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('auth.signInTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="email">{t('auth.email')}</label>
          <input id="email" type="email" autoComplete="username" value={email} required onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="password">{t('auth.password')}</label>
          <input id="password" type="password" autoComplete="current-password" value={password} required onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </div>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>{t('auth.submitSignIn')}</button>
      </form>
      <p>{t('auth.noAccount')} <Link href={'/register' + (query('next') ? '?next=' + encodeURIComponent(query('next')) : '')}>{t('app.register')}</Link></p>
    </section>
  );
}

export function Register() {
  const [form, setForm] = useState({ email: '', password: '', display_name: '' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await send('POST', '/auth/register', {}, { ...form, locale: lang.value });
      await signIn(form.email, form.password);
      afterSignIn();
    } catch (err) {
      const a = err as ApiError;
      const f: Record<string, string> = {};
      for (const [k, v] of Object.entries(a.fields ?? {})) f[k] = v.code;
      setFields(f);
      setError(Object.keys(f).length ? null : err);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'email' | 'password' | 'display_name', label: string, type: string, auto: string, hint?: string) => (
    <div class={'field' + (fields[name] ? ' has-error' : '')}>
      <label for={name}>{label}</label>
      <input id={name} type={type} autoComplete={auto} value={form[name]} required onInput={set(name)}
        aria-invalid={fields[name] ? 'true' : undefined} aria-describedby={fields[name] ? name + '-error' : hint ? name + '-hint' : undefined} />
      {hint && !fields[name] ? <p id={name + '-hint'} class="muted small">{hint}</p> : null}
      {fields[name] ? <p id={name + '-error'} class="field-error">{errorText(fields[name])}</p> : null}
    </div>
  );
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('auth.registerTitle')}</h1>
      <form onSubmit={submit} noValidate>
        {field('display_name', t('auth.displayName'), 'text', 'name')}
        {field('email', t('auth.email'), 'email', 'email')}
        {field('password', t('auth.password'), 'password', 'new-password', t('auth.passwordHint'))}
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>{t('auth.submitRegister')}</button>
      </form>
      <p>{t('auth.haveAccount')} <Link href="/signin">{t('app.signIn')}</Link></p>
    </section>
  );
}
