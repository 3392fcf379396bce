// The wallet: every certificate and decision letter the person holds, to download, to show as a
// full-screen QR code at a counter, and to share with a third party through a link that expires
// (and can be withdrawn at once). Every use of a link shows in the person's access log.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { ResultStatus, resultTitle } from '../../components/ResultsPanel';
import { formatDate, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { me } from '../../store';

type Result = Schemas['CaseResult'];

//! The verification address as a QR code, filling the screen so a counter's scanner or a phone
//! reads it at arm's length; Escape or the button closes it.
function QrScreen(props: { r: Result; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [svg, setSvg] = useState('');
  useEffect(() => {
    // Loaded on first use: most visits never show a QR code.
    import('qrcode')
      .then((m) => m.default.toString(props.r.verify_url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then(setSvg, () => setSvg(''));
    ref.current?.showModal();
  }, [props.r.verify_url]);
  return (
    <dialog ref={ref} class="qr" aria-labelledby="qr-title" onClose={props.onClose}>
      <div class="qr-body">
        <h2 id="qr-title">{resultTitle(props.r)}</h2>
        <p><strong>{props.r.holder_name}</strong></p>
        {/* The SVG comes from the QR library, built from our own URL: no user markup. */}
        <div role="img" aria-label={t('wallet.qrLabel')} dangerouslySetInnerHTML={{ __html: svg }} />
        <p class="mono break">{props.r.id}</p>
        <p class="muted">{t('wallet.qrHint')}</p>
        <button type="button" class="close primary" onClick={() => ref.current?.close()}>{t('wallet.close')}</button>
      </div>
    </dialog>
  );
}

function Share(props: { r: Result; onChange: () => void }) {
  const [days, setDays] = useState(7);
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      const r = await send('POST', '/certificates/{id}/shares', { id: props.r.id }, { days, label: label.trim() });
      setUrl(r.share.url);
      setCopied(false);
      setLabel('');
      props.onChange();
    } catch (err) {
      setError(err);
    }
  };
  const withdraw = async (shareId: number) => {
    setError(null);
    try {
      await send('DELETE', '/certificates/{id}/shares/{share}', { id: props.r.id, share: shareId });
      setDone(t('wallet.withdrawn'));
      props.onChange();
    } catch (err) {
      setError(err);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById('share-url-' + props.r.id) as HTMLInputElement | null)?.select();
    }
  };
  const shares = props.r.shares ?? [];
  return (
    <details class="share">
      <summary>{t('wallet.share')}</summary>
      <p class="small">{t('wallet.shareIntro')}</p>
      <form onSubmit={create}>
        <div class="field">
          <label for={'share-for-' + props.r.id}>{t('wallet.shareFor')}</label>
          <input id={'share-for-' + props.r.id} maxLength={100} value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for={'share-days-' + props.r.id}>{t('wallet.shareDays')}</label>
          <select id={'share-days-' + props.r.id} value={days} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
            {[1, 7, 30, 90].map((n) => <option key={n} value={n}>{t(n === 1 ? 'wallet.oneDay' : 'wallet.days', { n })}</option>)}
          </select>
        </div>
        <button type="submit">{t('wallet.createLink')}</button>
      </form>
      {url ? (
        <div class="notice ok">
          <p>{t('wallet.linkReady')}</p>
          <div class="share-url">
            <input id={'share-url-' + props.r.id} readOnly value={url} aria-label={t('wallet.linkLabel')} onFocus={(e) => (e.target as HTMLInputElement).select()} />
            <button type="button" onClick={copy}>{copied ? t('wallet.copied') : t('wallet.copy')}</button>
          </div>
        </div>
      ) : null}
      {shares.length ? (
        <>
          <h4>{t('wallet.links')}</h4>
          <ul class="plain">
            {shares.map((s) => (
              <li key={s.id} class="result">
                <p><strong>{s.label || t('wallet.noLabel')}</strong></p>
                <p class="small">
                  {s.active ? t('wallet.linkActive', { date: formatDateTime(s.expires_at) }) : t('wallet.linkEnded')}
                  {' · '}{t('wallet.uses', { n: s.uses })}
                  {s.last_used_at ? ' · ' + t('wallet.lastUsed', { date: formatDateTime(s.last_used_at) }) : ''}
                </p>
                {s.active ? <button type="button" class="danger" onClick={() => withdraw(s.id)}>{t('wallet.withdraw')}</button> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
    </details>
  );
}

export function Wallet() {
  const [results, setResults] = useState<Result[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [qr, setQr] = useState<Result | null>(null);
  const load = () => get('/wallet').then((r) => setResults(r.results), setError);
  useEffect(() => {
    if (!me.value) {
      navigate('/signin?next=/wallet', true);
      return;
    }
    load();
  }, []);
  return (
    <>
      <h1 tabIndex={-1}>{t('wallet.title')}</h1>
      <p>{t('wallet.intro')}</p>
      <ErrorNotice error={error} />
      {!results && !error ? <Loading /> : null}
      {results && !results.length ? <p>{t('wallet.none')} <Link href="/cases">{t('app.myCases')}</Link></p> : null}
      <ul class="cards">
        {(results ?? []).map((r) => (
          <li key={r.id} class="card">
            <span class="card-title">{resultTitle(r)}</span>
            <span>{r.holder_name} <ResultStatus r={r} /></span>
            <span class="muted small">
              {t('results.kind.' + r.kind)} · {t('results.issuedOn', { date: formatDate(r.issued_at.slice(0, 10)) })}
              {r.valid_until ? ' · ' + t('results.validUntilDate', { date: formatDate(r.valid_until) }) : ''}
            </span>
            {r.case ? (
              <span class="small"><Link href={'/cases/' + r.case.id}>{r.case.item_name ? pick(r.case.item_name) : r.case.case_no}</Link> <span class="mono">{r.case.case_no}</span></span>
            ) : null}
            {r.status === 'revoked' ? (
              <span class="notice error small">{t('results.revokedOn', { date: formatDateTime(r.revoked_at) })}{r.revoke_reason ? ' ' + t('results.reason', { reason: r.revoke_reason }) : ''}</span>
            ) : (
              <>
                <span class="buttons">
                  <a class="button primary" href={r.pdf_url} download>{t('results.download')}</a>
                  <button type="button" onClick={() => setQr(r)}>{t('wallet.showQr')}</button>
                </span>
                <Share r={r} onChange={load} />
              </>
            )}
          </li>
        ))}
      </ul>
      {qr ? <QrScreen r={qr} onClose={() => setQr(null)} /> : null}
    </>
  );
}
