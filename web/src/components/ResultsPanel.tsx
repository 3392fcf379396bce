// What a case produced: the certificate or decision letter issued on it. The applicant downloads
// it and finds it again in the wallet; staff of the case download it (audited), revoke it with a
// reason (a supervisor countersigns sensitive items) and issue it again.
import { useState } from 'preact/hooks';
import { send, type Schemas } from '../api';
import { formatDate, formatDateTime, isChinese, t } from '../i18n';
import { Link } from './Link';
import { ErrorNotice, Success } from './Notice';
import { useConfirm } from './Confirm';

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

function Facts(props: { r: Result }) {
  const r = props.r;
  return (
    <dl class="facts">
      <div><dt>{t('results.issued')}</dt><dd>{formatDate(r.issued_at.slice(0, 10))}</dd></div>
      <div><dt>{t('results.validUntil')}</dt><dd>{r.valid_until ? formatDate(r.valid_until) : t('results.noLimit')}</dd></div>
      <div><dt>{t('results.number')}</dt><dd class="mono break">{r.id}</dd></div>
    </dl>
  );
}

function Revoked(props: { r: Result }) {
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

//! Staff of the case: download, revoke, countersign, re-issue.
export function StaffResultsPanel(props: { c: Schemas['Case']; onChange: () => void }) {
  const results = props.c.results ?? [];
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [dialog, confirm] = useConfirm();
  if (!results.length) return null;
  const needReason = () => {
    if (reason.trim()) return false;
    setError(t('staff.results.reasonRequired'));
    document.getElementById('result-reason')?.focus();
    return true;
  };
  const run = async (what: string, call: () => Promise<unknown>) => {
    setError(null);
    setDone('');
    try {
      await call();
      setReason('');
      setDone(what);
      props.onChange();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (r: Result) => {
    if (needReason()) return;
    const ok = await confirm({
      title: t('staff.results.revokeTitle'),
      body: <p>{t('staff.results.revokeBody', { number: r.id, reason: reason.trim() })}</p>,
      confirmLabel: t('staff.results.revoke'),
      danger: true,
    });
    if (ok) await run(t('staff.results.revokeDone'), () => send('POST', '/certificates/{id}/revoke', { id: r.id }, { reason: reason.trim() }));
  };
  const cosign = (r: Result, approve: boolean) =>
    run(approve ? t('staff.results.cosignDone') : t('staff.results.refuseDone'),
      () => send('POST', '/certificates/{id}/cosign', { id: r.id }, { approve, note: reason.trim() }));
  const reissue = async () => {
    if (needReason()) return;
    const ok = await confirm({
      title: t('staff.results.reissueTitle'),
      body: <p>{t('staff.results.reissueBody', { reason: reason.trim() })}</p>,
      confirmLabel: t('staff.results.reissue'),
    });
    if (ok) await run(t('staff.results.reissueDone'), () => send('POST', '/cases/{id}/results', { id: props.c.id }, { reason: reason.trim() }));
  };
  const canAct = results.some((r) => r.can_revoke || r.can_cosign);
  return (
    <section class="panel" aria-labelledby="staff-results-title">
      <h2 id="staff-results-title">{t('staff.results.title')}</h2>
      <ul class="plain">
        {results.map((r) => (
          <li key={r.id} class="result">
            <p><strong>{resultTitle(r)}</strong> <ResultStatus r={r} /></p>
            <Facts r={r} />
            <Revoked r={r} />
            {r.status === 'revoke_pending' ? (
              <p class="notice warn small">{t('staff.results.pending', { who: r.revoke_requested_by ?? '', reason: r.revoke_reason ?? '' })}</p>
            ) : null}
            <p class="buttons">
              <a class="button" href={r.pdf_url} target="_blank" rel="noopener">{t('results.download')}</a>
              {r.can_revoke ? <button type="button" class="danger" onClick={() => revoke(r)}>{t('staff.results.revoke')}</button> : null}
              {r.can_cosign ? <button type="button" class="primary" onClick={() => cosign(r, true)}>{t('staff.results.cosign')}</button> : null}
              {r.can_cosign ? <button type="button" onClick={() => cosign(r, false)}>{t('staff.results.refuse')}</button> : null}
            </p>
          </li>
        ))}
      </ul>
      {canAct || results.some((r) => r.can_revoke !== undefined) ? (
        <>
          <div class="field">
            <label for="result-reason">{t('staff.results.reasonLabel')}</label>
            <textarea id="result-reason" rows={2} maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </div>
          <p><button type="button" onClick={reissue}>{t('staff.results.reissue')}</button></p>
        </>
      ) : null}
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
      {dialog}
    </section>
  );
}
