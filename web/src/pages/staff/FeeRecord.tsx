import { useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { FeePanel, RELATIONSHIPS } from '../../components/FeePanel';
import { ErrorNotice, Success } from '../../components/Notice';
import { t } from '../../i18n';

type Case = Schemas['Case'];

//! Staff: record the payment (method by role, payer the applicant or a proxy) or the refund.
function Record(props: { c: Case; onChange: (c: Case) => void }) {
  const fee = props.c.fee!;
  const [payer, setPayer] = useState<'applicant' | 'proxy'>('applicant');
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState('child');
  const [mandate, setMandate] = useState('');
  const [amount, setAmount] = useState(String(fee.amount));
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const method = fee.method ?? 'window';
  const reload = async (text: string) => {
    const r = await get('/cases/{id}', { id: props.c.id });
    props.onChange(r.case);
    setDone(text);
  };
  const pay = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      await send('POST', '/cases/{id}/payments', { id: props.c.id }, {
        method,
        payer: payer === 'proxy' ? { kind: 'proxy', name, relationship: relationship as 'child' } : { kind: 'applicant' },
        amount: Number(amount),
        note,
        ...(payer === 'proxy' && mandate ? { mandate_id: Number(mandate) } : {}),
      });
      await reload(t('staff.payment.recorded'));
    } catch (err) {
      setError(err);
    }
  };
  const refund = async () => {
    setError(null);
    setDone('');
    try {
      await send('POST', '/cases/{id}/refunds', { id: props.c.id }, { method, note });
      await reload(t('staff.payment.refunded'));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      {fee.can_record ? (
        <form class="fee-form" onSubmit={pay}>
          <p class="small">{t(method === 'window' ? 'staff.payment.atWindow' : 'staff.payment.atSite')}</p>
          <fieldset>
            <legend>{t('staff.payment.payer')}</legend>
            <label><input type="radio" name="payer" value="applicant" checked={payer === 'applicant'} onChange={() => setPayer('applicant')} /> {t('staff.payment.payerApplicant')}</label>
            <label><input type="radio" name="payer" value="proxy" checked={payer === 'proxy'} onChange={() => setPayer('proxy')} /> {t('staff.payment.payerProxy')}</label>
          </fieldset>
          {payer === 'proxy' ? (
            <>
              <div class="field">
                <label for="fee-mandate">{t('staff.mandates.mandateId')}</label>
                <input id="fee-mandate" inputMode="numeric" pattern="[0-9]*" value={mandate} onInput={(e) => setMandate((e.target as HTMLInputElement).value)} />
                <p class="small muted">{t('staff.mandates.mandateHint')}</p>
              </div>
              <div class="field">
                <label for="fee-proxy-name">{t('staff.payment.proxyName')}</label>
                <input id="fee-proxy-name" required={!mandate} maxLength={100} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
              </div>
              <div class="field">
                <label for="fee-relationship">{t('staff.payment.relationship')}</label>
                <select id="fee-relationship" value={relationship} onChange={(e) => setRelationship((e.target as HTMLSelectElement).value)}>
                  {RELATIONSHIPS.map((r) => <option key={r} value={r}>{t('fee.relationship.' + r)}</option>)}
                </select>
              </div>
            </>
          ) : null}
          <div class="field">
            <label for="fee-amount">{t('staff.payment.amount', { currency: fee.currency })}</label>
            <input id="fee-amount" inputMode="decimal" required value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="fee-note">{t('staff.payment.note')}</label>
            <input id="fee-note" maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="primary">{t('staff.payment.record')}</button>
        </form>
      ) : null}
      {fee.can_refund ? (
        <p><button type="button" onClick={refund}>{t('staff.payment.refund')}</button></p>
      ) : null}
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
    </>
  );
}

//! The fee panel as staff see it: who recorded each receipt, and the forms.
export function StaffFeePanel(props: { c: Case; onChange: (c: Case) => void }) {
  return (
    <FeePanel c={props.c} staff detail={(p) => (p.recorded_by ? ' · ' + t('staff.payment.recordedBy', { name: p.recorded_by.name }) : '')}>
      <Record c={props.c} onChange={props.onChange} />
    </FeePanel>
  );
}
