// What a case produced: the certificate or decision letter issued on it, as its applicant sees it:
// download it and find it again in the wallet. Staff act on it in pages/staff/StaffResults.tsx.
import { type Schemas } from '../api';
import { formatDate, formatDateTime, isChinese, t } from '../i18n';
import { Link } from './Link';

type Result = Schemas['CaseResult'];

//! The status a person reads: valid, revoked, or expired (a valid one past its last day).
export function ResultStatus(props: { r: Result }) {
  const r = props.r;
  const key = r.status === 'revoked' ? 'revoked' : r.expired ? 'expired' : r.status === 'revoke_pending' ? 'revokePending' : 'valid';
  return <span class={'badge ' + (key === 'valid' ? 'open' : key === 'revokePending' ? 'due-soon' : 'closed')}>{t('results.status.' + key)}</span>;
}

export function resultTitle(r: { title?: { zh: string; en: string } }): string {
  if (!r.title) return '';
  return isChinese.value ? r.title.zh : r.title.en;
}

export function Facts(props: { r: Result }) {
  const r = props.r;
  return (
    <dl class="facts">
      <div><dt>{t('results.issued')}</dt><dd>{formatDate(r.issued_at.slice(0, 10))}</dd></div>
      <div><dt>{t('results.validUntil')}</dt><dd>{r.valid_until ? formatDate(r.valid_until) : t('results.noLimit')}</dd></div>
      <div><dt>{t('results.number')}</dt><dd class="mono break">{r.id}</dd></div>
    </dl>
  );
}

export function Revoked(props: { r: Result }) {
  const r = props.r;
  if (r.status !== 'revoked') return null;
  return (
    <p class="notice error small">
      {t('results.revokedOn', { date: formatDateTime(r.revoked_at) })}
      {r.revoke_reason ? ' ' + t('results.reason', { reason: r.revoke_reason }) : ''}
      {r.replaced_by ? ' ' + t('results.replaced') : ''}
    </p>
  );
}

//! The applicant's view on the case page.
export function ResultsPanel(props: { c: Schemas['Case'] }) {
  const results = props.c.results ?? [];
  if (!results.length) return null;
  return (
    <section class="panel" aria-labelledby="results-title">
      <h2 id="results-title">{t('results.title')}</h2>
      <ul class="plain">
        {results.map((r) => (
          <li key={r.id} class="result">
            <p><strong>{resultTitle(r)}</strong> <ResultStatus r={r} /></p>
            <p class="muted small">{t('results.kind.' + r.kind)}</p>
            <Facts r={r} />
            <Revoked r={r} />
            {r.status !== 'revoked' ? (
              <p class="buttons">
                <a class="button primary" href={r.pdf_url} download>{t('results.download')}</a>
                <Link class="button" href="/wallet">{t('results.openWallet')}</Link>
              </p>
            ) : null}
            {r.kind === 'decision_letter' && r.status !== 'revoked' ? <p class="muted small">{t('results.letterNote')}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
