import type { ComponentChildren } from 'preact';
import { type Schemas } from '../api';
import { formatDateTime, pick, t } from '../i18n';
import { Link } from './Link';

type Case = Schemas['Case'];
type Payment = Schemas['Payment'];

export const RELATIONSHIPS = ['child', 'spouse', 'parent', 'sibling', 'grandchild', 'relative', 'friend', 'other'];

export function feeAmount(fee: { amount: number; currency: string }): string {
  return t('fee.amount', { amount: fee.amount.toFixed(fee.amount % 1 ? 2 : 0), currency: fee.currency });
}

function payerText(p: Payment): string {
  if (p.payer.kind === 'proxy') return t('fee.payer.proxy', { name: p.payer.name, relationship: t('fee.relationship.' + p.payer.relationship) });
  return t('fee.payer.applicant');
}

//! The receipts of the case, each a link to its PDF.
function Receipts(props: { payments: Payment[]; detail?: (p: Payment) => string }) {
  if (!props.payments.length) return null;
  return (
    <ul class="receipts">
      {props.payments.map((p) => (
        <li key={p.id}>
          <a href={p.receipt_url} target="_blank" rel="noopener" class="receipt-link">
            {t(p.kind === 'refund' ? 'fee.refundReceipt' : 'fee.receipt', { no: p.receipt_no })}
          </a>
          <span class="muted small">
            {' '}{formatDateTime(p.paid_at)} · {t('fee.method.' + p.method)}{p.place ? ' (' + pick(p.place) + ')' : ''} · {payerText(p)}
            {props.detail ? props.detail(p) : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

//! The case's fee: how much, whether it is paid, where and how to pay, receipts, refunds. The staff
//! page (pages/staff/FeeRecord.tsx) adds who recorded each receipt and the forms to record a
//! payment or a refund, whose texts are staff-only.
export function FeePanel(props: { c: Case; staff?: boolean; detail?: (p: Payment) => string; children?: ComponentChildren }) {
  const { c } = props;
  const fee = c.fee;
  if (!fee) return null;
  const payments = fee.payments ?? [];
  return (
    <section class="panel fee" aria-labelledby="fee-title">
      <h2 id="fee-title">{t('fee.title')}</h2>
      <p>
        <strong>{feeAmount(fee)}</strong>{' '}
        <span class={'badge fee-' + fee.status} data-fee-status={fee.status}>{t('fee.status.' + fee.status)}</span>
      </p>
      {fee.status === 'unpaid' ? (
        <>
          <p class="small">{t(fee.due === 'on_collection' ? 'fee.dueOnCollection' : 'fee.dueBeforeIssue')}</p>
          {!props.staff ? (
            <>
              <h3>{t('fee.howTitle')}</h3>
              <ul class="small">
                <li>{t('fee.howWindow', { unit: pick(c.unit?.name) })}</li>
                <li>{t('fee.howSite')} <Link href="/sites">{t('fee.sites')}</Link></li>
                <li>{t('fee.howProxy', { case: c.case_no })}</li>
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {fee.status === 'refund_due' ? <p>{t('fee.refundDue')}</p> : null}
      {fee.status === 'refunded' ? <p>{t('fee.refunded')}</p> : null}
      <Receipts payments={payments} detail={props.detail} />
      {props.children}
    </section>
  );
}
