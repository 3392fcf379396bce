// Assisted submission: a liaison officer at an overseas site, or an officer at the office window,
// applies for the person in front of them. The person consents with a one-time code sent to
// their own inbox and e-mail, which they read out; the officer types it. Only then can the
// application be made, in the person's name; they get a copy and see the officer in their
// access log. The code is never shown to the officer.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, send, type Schemas } from '../../api';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { Apply } from '../citizen/Apply';

type Consent = Schemas['AssistConsent'];

function codeError(err: unknown): string | null {
  const f = err instanceof ApiError ? err.fields?.code?.code : undefined;
  return f ? t('staff.assist.codeError.' + f) : null;
}

export function Assist() {
  const [items, setItems] = useState<Schemas['ItemSummary'][] | null>(null);
  const [email, setEmail] = useState('');
  const [item, setItem] = useState('');
  const [consent, setConsent] = useState<Consent | null>(null);
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get('/items', undefined, { kind: 'business' }).then(
      (r) => setItems([...r.items].sort((a, b) => pick(a.name).localeCompare(pick(b.name)))),
      setError,
    );
  }, []);

  const ask = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await send('POST', '/assist/consents', {}, { email: email.trim(), item_code: item });
      setConsent(r.consent);
      setCode('');
      setCodeProblem(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e: Event) => {
    e.preventDefault();
    if (!consent) return;
    setError(null);
    setCodeProblem(null);
    setBusy(true);
    try {
      const r = await send('POST', '/assist/consents/{id}/confirm', { id: consent.id }, { code: code.trim() });
      setConsent(r.consent);
    } catch (err) {
      const why = codeError(err);
      if (why) setCodeProblem(why);
      else setError(err);
      // The request may have become void (too many wrong codes, expired): show its state.
      get('/assist/consents/{id}', { id: consent.id }).then((r) => setConsent(r.consent), () => undefined);
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setConsent(null);
    setCode('');
    setCodeProblem(null);
    setError(null);
  };

  if (consent?.status === 'confirmed') {
    return (
      <>
        <h1 tabIndex={-1}>{t('staff.assist.title')}</h1>
        <p class="notice ok" role="status">
          {t('staff.assist.consented', { name: consent.applicant.display_name, time: formatDateTime(consent.confirmed_at ?? '') })}
        </p>
        <p class="small">{t('staff.assist.fillIn')}</p>
        <Apply code={consent.item_code} assist={{ consentId: consent.id, applicantId: consent.applicant.id, name: consent.applicant.display_name }} />
        <p><button type="button" onClick={restart}>{t('staff.assist.another')}</button></p>
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.assist.title')}</h1>
      <p>{t('staff.assist.intro')}</p>
      <ErrorNotice error={error} />
      {!consent || consent.status === 'void' ? (
        <form onSubmit={ask} class="panel">
          {consent?.status === 'void' ? <p class="notice error" role="alert">{t('staff.assist.void')}</p> : null}
          <h2 class="small-heading">{t('staff.assist.step1')}</h2>
          <div class="field">
            <label for="assist-email">{t('staff.assist.email')}</label>
            <p class="hint" id="assist-email-hint">{t('staff.assist.emailHint')}</p>
            <input id="assist-email" type="email" autoComplete="off" maxLength={254} required aria-describedby="assist-email-hint"
              value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="assist-item">{t('staff.assist.item')}</label>
            {!items ? <Loading /> : (
              <select id="assist-item" required value={item} onChange={(e) => setItem((e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                {items.map((i) => <option key={i.code} value={i.code}>{pick(i.name)} ({i.code})</option>)}
              </select>
            )}
          </div>
          <button type="submit" class="primary" disabled={busy || !item || !email.trim()}>{t('staff.assist.send')}</button>
        </form>
      ) : (
        <form onSubmit={confirm} class="panel">
          <h2 class="small-heading">{t('staff.assist.step2')}</h2>
          <p>{t('staff.assist.codeSent', { name: consent.applicant.display_name, time: formatDateTime(consent.expires_at) })}</p>
          <div class={'field' + (codeProblem ? ' has-error' : '')}>
            <label for="assist-code">{t('staff.assist.code')}</label>
            <input id="assist-code" inputMode="numeric" autoComplete="one-time-code" maxLength={9} required
              aria-invalid={codeProblem ? 'true' : undefined} aria-describedby={codeProblem ? 'assist-code-error' : undefined}
              value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
            {codeProblem ? <p id="assist-code-error" class="field-error">{codeProblem}</p> : null}
          </div>
          <p class="small muted">{t('staff.assist.attempts', { n: String(consent.attempts_left) })}</p>
          <div class="buttons">
            <button type="submit" class="primary" disabled={busy}>{t('staff.assist.confirm')}</button>
            <button type="button" onClick={restart}>{t('staff.assist.cancel')}</button>
          </div>
        </form>
      )}
    </>
  );
}
