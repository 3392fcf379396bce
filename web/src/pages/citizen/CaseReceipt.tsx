import { useEffect, useState } from 'preact/hooks';
import { get, type Schemas } from '../../api';
import { feeAmount } from '../../components/FeePanel';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDate, formatDateTime, pick, t } from '../../i18n';

//! The printable acknowledgement of an application (受理回执): what was submitted, to whom, when,
//! the legal time limit, what happens next and the fee. Printed from the browser.
export function CaseReceipt(props: { id: string }) {
  const [c, setC] = useState<Schemas['Case'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/cases/{id}', { id: props.id }).then((r) => setC(r.case), setError);
  }, [props.id]);
  if (error && !c) return <ErrorNotice error={error} />;
  if (!c) return <Loading />;
  const fee = c.fee;
  return (
    <article class="printable">
      <p class="no-print"><Link href={'/cases/' + c.id}>← {pick(c.item.name)}</Link></p>
      <h1 tabIndex={-1}>{t('fee.ack.title')}</h1>
      {!c.submitted_at ? <p>{t('fee.ack.notSubmitted')}</p> : null}
      <dl class="ack">
        <div><dt>{t('cases.caseNo')}</dt><dd class="mono">{c.case_no}</dd></div>
        <div><dt>{t('fee.ack.item')}</dt><dd>{pick(c.item.name)}</dd></div>
        <div><dt>{t('fee.ack.unit')}</dt><dd>{pick(c.unit?.name)}</dd></div>
        {c.submitted_at ? <div><dt>{t('fee.ack.submitted')}</dt><dd>{formatDateTime(c.submitted_at)}</dd></div> : null}
        <div>
          <dt>{t('fee.ack.timeLimit')}</dt>
          <dd>
            {c.item.time_limit_days ? t('fee.ack.days', { n: c.item.time_limit_days }) : t('fee.ack.noLimit')}
            {c.deadline ? <><br />{t('fee.ack.dueBy', { date: formatDate(c.deadline) })}</> : null}
          </dd>
        </div>
        <div>
          <dt>{t('fee.title')}</dt>
          <dd>{fee ? feeAmount(fee) + ' · ' + t('fee.status.' + fee.status) : t('fee.ack.noFee')}</dd>
        </div>
      </dl>
      <h2>{t('fee.ack.next')}</h2>
      <p>{t('fee.ack.nextText')}</p>
      {fee && fee.status === 'unpaid' ? <p>{t(fee.due === 'on_collection' ? 'fee.dueOnCollection' : 'fee.dueBeforeIssue')}</p> : null}
      <p class="small muted">{t('fee.ack.keep', { case: c.case_no })}</p>
      <p class="no-print"><button type="button" class="primary" onClick={() => window.print()}>{t('fee.ack.print')}</button></p>
    </article>
  );
}
