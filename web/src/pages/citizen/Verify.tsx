// Public pages, no account: checking a certificate or decision letter by its number (what its QR
// code opens), and what a holder shared through a link.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, type Schemas } from '../../api';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDate, formatDateTime, isChinese, t } from '../../i18n';
import { navigate } from '../../router';

type Printed = Schemas['Verification'];

function unitName(v: Printed) {
  if (!v.unit) return '';
  return isChinese.value ? v.unit.name_zh : v.unit.name_en;
}

//! The verdict, then every printed line to compare with the paper.
function Verdict(props: { v: Printed }) {
  const v = props.v;
  const title = v.title ? (isChinese.value ? v.title.zh : v.title.en) : '';
  return (
    <>
      <div class={'verdict ' + v.status} role="status">
        <h2>{v.status === 'genuine' ? '✓ ' : v.status === 'revoked' ? '✗ ' : '? '}{t('verify.' + v.status)}</h2>
        {v.status === 'genuine' ? <p>{t('verify.genuineText', { unit: unitName(v), date: formatDate(v.issued_at?.slice(0, 10)) })}</p> : null}
        {v.status === 'revoked' ? <p>{t('verify.revokedText', { date: formatDateTime(v.revoked_at) })}{v.replaced ? ' ' + t('verify.replacedText') : ''}</p> : null}
        {v.status === 'unknown' ? <p>{t('verify.unknownText')}</p> : null}
        {v.expired && v.valid_until ? <p><strong>{t('verify.expired', { date: formatDate(v.valid_until) })}</strong></p> : null}
      </div>
      {v.status !== 'unknown' ? (
        <section aria-labelledby="printed-title">
          <h2 id="printed-title">{title}</h2>
          <p class="small">{t('verify.compare')}</p>
          <dl class="form-data">
            <div><dt>{t('verify.holder')}</dt><dd>{v.holder_name}</dd></div>
            {(v.fields ?? []).map((f, i) => (
              <div key={i}><dt>{isChinese.value ? f.label_zh : f.label_en}</dt><dd>{f.value}</dd></div>
            ))}
            <div><dt>{t('verify.issuedBy')}</dt><dd>{unitName(v)}</dd></div>
            <div><dt>{t('verify.issuedAt')}</dt><dd>{formatDate(v.issued_at?.slice(0, 10))}</dd></div>
            <div><dt>{t('verify.validUntil')}</dt><dd>{v.valid_until ? formatDate(v.valid_until) : t('results.noLimit')}</dd></div>
            <div><dt>{t('results.number')}</dt><dd class="mono break">{v.id}</dd></div>
          </dl>
        </section>
      ) : null}
    </>
  );
}

export function VerifyPage(props: { id?: string }) {
  const [number, setNumber] = useState(props.id ?? '');
  const [v, setV] = useState<Printed | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setV(null);
    setError(null);
    if (props.id) get('/verify/{id}', { id: props.id }).then(setV, setError);
  }, [props.id]);
  const check = (e: Event) => {
    e.preventDefault();
    const n = number.trim();
    if (n) navigate('/verify/' + encodeURIComponent(n));
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <form onSubmit={check} class="filters">
        <div class="field">
          <label for="verify-number">{t('verify.number')}</label>
          <input id="verify-number" autoComplete="off" autoCapitalize="characters" maxLength={64} value={number}
            onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="primary">{t('verify.check')}</button>
      </form>
      <ErrorNotice error={error} />
      {props.id && !v && !error ? <Loading /> : null}
      {v ? <Verdict v={v} /> : null}
    </>
  );
}

export function SharedPage(props: { token: string }) {
  const [v, setV] = useState<Schemas['SharedResult'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/shared/{token}', { token: props.token }).then(setV, setError);
  }, [props.token]);
  const gone = error instanceof ApiError && error.status === 404;
  return (
    <>
      <h1 tabIndex={-1}>{t('shared.title')}</h1>
      {gone ? <p class="notice error">{t('shared.gone')}</p> : <ErrorNotice error={error} />}
      {!v && !error ? <Loading /> : null}
      {v ? (
        <>
          <p>{t('shared.intro', { holder: v.holder_name ?? '', date: formatDateTime(v.link_expires_at) })}</p>
          <p><a class="button primary" href={v.pdf_url} download>{t('results.download')}</a></p>
          <Verdict v={{ ...v, replaced: false, revoked_at: null }} />
        </>
      ) : null}
    </>
  );
}
