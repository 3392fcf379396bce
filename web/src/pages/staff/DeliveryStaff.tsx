// The workbench's side of a case's delivery: the hand-over against the pickup code, posting,
// tracking events, home-delivery assignment, returns and re-sending. Texts: `staff.delivery`
// (the workbench's languages) and `delivery`.
import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { DeliveryPanel, Problem, type Delivery } from '../../components/DeliveryPanel';
import { Success } from '../../components/Notice';
import { t } from '../../i18n';

type Case = Schemas['Case'];

const STAFF_EVENTS = ['in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned', 'note'];

function StaffPart(props: { c: Case; d: Delivery; onChange: (c: Case) => void }) {
  const { c, d } = props;
  const [code, setCode] = useState('');
  const [carrier, setCarrier] = useState(d.carrier);
  const [tracking, setTracking] = useState(d.tracking_no);
  const [kind, setKind] = useState('in_transit');
  const [location, setLocation] = useState('');
  const [note, setNote] = useState('');
  const [officers, setOfficers] = useState<{ id: number; name: string; role: string }[]>([]);
  const [officer, setOfficer] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    if (d.can.assign) get('/cases/{id}/delivery/officers', { id: c.id }).then((r) => setOfficers(r.officers), setError);
  }, [c.id, d.can.assign]);
  const run = async (path: string, body: Record<string, unknown>, okText: string) => {
    setError(null);
    setDone('');
    try {
      const r = await send('POST', path as '/cases/{id}/delivery/dispatch', { id: c.id }, body);
      props.onChange(r.case);
      setDone(okText);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  return (
    <>
      {d.handed_over_by || d.assignee || d.code_failures ? (
        <dl class="delivery-facts">
          {d.handed_over_by ? <div><dt>{t('staff.delivery.handedOverBy')}</dt><dd>{d.handed_over_by.name}</dd></div> : null}
          {d.assignee ? <div><dt>{t('staff.delivery.assignee')}</dt><dd>{d.assignee.name}</dd></div> : null}
          {d.code_failures ? <div><dt>{t('staff.delivery.failures')}</dt><dd>{d.code_failures}</dd></div> : null}
        </dl>
      ) : null}
      {d.can.hand_over ? (
        <form class="inline-form" onSubmit={async (e) => {
          e.preventDefault();
          if (await run('/cases/{id}/delivery/handover', { code: code.replace(/\s/g, '') }, t('staff.delivery.handedOver'))) setCode('');
        }}>
          <div class="field">
            <label for="handover-code">{t('staff.delivery.code')}</label>
            <input id="handover-code" inputMode="numeric" autoComplete="off" maxLength={9} pattern="[0-9 ]{8,9}" value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="primary" disabled={code.replace(/\s/g, '').length !== 8}>{t('staff.delivery.handOver')}</button>
        </form>
      ) : null}
      {d.can.dispatch ? (
        <form class="inline-form" onSubmit={(e) => {
          e.preventDefault();
          run('/cases/{id}/delivery/dispatch', { carrier: carrier.trim(), tracking_no: tracking.trim() }, t('staff.delivery.dispatched'));
        }}>
          <div class="field">
            <label for="dispatch-carrier">{t('staff.delivery.carrier')}</label>
            <input id="dispatch-carrier" maxLength={32} placeholder="poste-italiane" value={carrier} onInput={(e) => setCarrier((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="dispatch-tracking">{t('staff.delivery.trackingNo')}</label>
            <input id="dispatch-tracking" maxLength={40} value={tracking} onInput={(e) => setTracking((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" disabled={!carrier.trim() || !tracking.trim()}>{t('staff.delivery.dispatch')}</button>
        </form>
      ) : null}
      {d.can.add_event ? (
        <form class="inline-form" onSubmit={async (e) => {
          e.preventDefault();
          if (await run('/cases/{id}/delivery/events', { kind, location: location.trim(), note: note.trim() }, t('staff.delivery.eventAdded'))) {
            setLocation('');
            setNote('');
          }
        }}>
          <div class="field">
            <label for="event-kind">{t('staff.delivery.eventKind')}</label>
            <select id="event-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
              {STAFF_EVENTS.map((k) => <option key={k} value={k}>{t('delivery.event.' + k)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="event-location">{t('staff.delivery.location')}</label>
            <input id="event-location" maxLength={100} value={location} onInput={(e) => setLocation((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="event-note">{t('staff.note')}</label>
            <input id="event-note" maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit">{t('staff.delivery.addEvent')}</button>
        </form>
      ) : null}
      {d.can.assign ? (
        <form class="inline-form" onSubmit={(e) => {
          e.preventDefault();
          if (officer) run('/cases/{id}/delivery/assignee', { user_id: Number(officer) }, t('staff.delivery.assigned'));
        }}>
          <div class="field">
            <label for="delivery-officer">{t('staff.delivery.assignTo')}</label>
            <select id="delivery-officer" value={officer} onChange={(e) => setOfficer((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {officers.map((o) => <option key={o.id} value={String(o.id)}>{o.name} ({t('role.' + o.role)})</option>)}
            </select>
          </div>
          <button type="submit" disabled={!officer}>{t('staff.assign')}</button>
        </form>
      ) : null}
      <div class="buttons">
        {d.can.mark_returned ? (
          <button type="button" onClick={() => {
            if (confirm(t('staff.delivery.confirmReturned'))) run('/cases/{id}/delivery/returned', {}, t('staff.delivery.returned'));
          }}>{t('staff.delivery.markReturned')}</button>
        ) : null}
        {d.can.resend ? (
          <button type="button" onClick={() => run('/cases/{id}/delivery/resend', {}, t('staff.delivery.resent'))}>
            {d.code_locked && d.status === 'ready' ? t('staff.delivery.newCode') : t('staff.delivery.resend')}
          </button>
        ) : null}
      </div>
      <Problem error={error} />
      {done ? <Success text={done} /> : null}
    </>
  );
}

//! The delivery panel of the staff case page.
export function StaffDeliveryPanel(props: { c: Case; onChange: (c: Case) => void }) {
  return <DeliveryPanel c={props.c} onChange={props.onChange} staffPart={(d) => <StaffPart c={props.c} d={d} onChange={props.onChange} />} />;
}
