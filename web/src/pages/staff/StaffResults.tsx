// Staff of a case act on its result: download it (audited: it shows in the holder's access log),
// revoke it with a reason (items whose result is sensitive wait for another supervisor's
// countersignature), countersign or refuse such a request, and issue the result again.
import { useState } from 'preact/hooks';
import { send, type Schemas } from '../../api';
import { useConfirm } from '../../components/Confirm';
import { ErrorNotice, Success } from '../../components/Notice';
import { Facts, ResultStatus, Revoked, resultTitle } from '../../components/ResultsPanel';
import { t } from '../../i18n';

type Result = Schemas['CaseResult'];

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
