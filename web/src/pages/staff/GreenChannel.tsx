// The duty supervisors' green-channel page: the requests waiting at their unit (escalated ones
// from below included), due first, each with its case, reason, explanation and evidence;
// approve (the case goes first, with a shorter deadline) or refuse with a reason the applicant
// reads. Also the requests as the staff case page shows them.
import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { useConfirm } from '../../components/Confirm';
import { Loaded, useLoad } from '../../components/Data';
import { Link } from '../../components/Link';
import { ErrorNotice, Success } from '../../components/Notice';
import { formatDate, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { me } from '../../store';

type Request = Schemas['GreenChannelRequest'];

function Evidence(props: { r: Request }) {
  if (!props.r.evidence.length) return null;
  return (
    <ul class="small">
      {props.r.evidence.map((d) => (
        <li key={d.id}><a href={'/api/v1/documents/' + d.id + '/content'} target="_blank" rel="noopener">{d.filename}</a></li>
      ))}
    </ul>
  );
}

function Decide(props: { r: Request; onDone: (r: Request) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();
  const id = 'gc-reason-' + props.r.id;
  const decide = async (outcome: 'approve' | 'refuse') => {
    setError(null);
    if (outcome === 'refuse' && !reason.trim()) {
      setError(t('staff.greenChannel.reasonRequired'));
      return;
    }
    const ok = await confirm({
      title: t(outcome === 'approve' ? 'staff.greenChannel.confirmApprove' : 'staff.greenChannel.confirmRefuse', { case: props.r.case?.case_no ?? '' }),
      body: t(outcome === 'approve' ? 'staff.greenChannel.confirmApproveBody' : 'staff.greenChannel.confirmRefuseBody'),
      confirmLabel: t(outcome === 'approve' ? 'staff.greenChannel.approve' : 'staff.greenChannel.refuse'),
      danger: outcome === 'refuse',
    });
    if (!ok) return;
    try {
      const r = await send('POST', '/green-channel/requests/{id}/decision', { id: props.r.id }, { outcome, reason });
      props.onDone(r.request);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="panel">
      <div class="field">
        <label for={id}>{t('staff.greenChannel.reason')}</label>
        <p class="hint" id={id + '-hint'}>{t('staff.greenChannel.reasonHint')}</p>
        <textarea id={id} rows={2} maxLength={1000} aria-describedby={id + '-hint'} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </div>
      <ErrorNotice error={error} />
      <div class="buttons">
        <button type="button" class="primary" onClick={() => decide('approve')}>{t('staff.greenChannel.approve')}</button>
        <button type="button" class="danger" onClick={() => decide('refuse')}>{t('staff.greenChannel.refuse')}</button>
      </div>
      {dialog}
    </div>
  );
}

//! One request as staff read it: who must decide by when, escalations, the outcome.
export function StaffRequest(props: { r: Request }) {
  const r = props.r;
  return (
    <>
      <p>
        <span class={'badge gc-' + r.status}>{t('greenChannel.status.' + r.status)}</span>{' '}
        <strong>{t('greenChannel.category.' + r.category)}</strong>{' '}
        <span class="muted small">{t('greenChannel.askedOn', { when: formatDateTime(r.requested_at) })}</span>
      </p>
      <p class="quote">{r.explanation}</p>
      <Evidence r={r} />
      {r.status === 'pending' ? (
        <p class={r.overdue ? 'blocked' : ''}>
          {t('staff.greenChannel.waitsAt', { unit: pick(r.level_unit?.name), when: formatDateTime(r.due_at) })}
          {r.overdue ? ' · ' + t('staff.greenChannel.overdue') : ''}
        </p>
      ) : (
        <p>
          {t('staff.greenChannel.decided', { who: r.decided_by ?? '', when: formatDateTime(r.decided_at) })}
          {r.expedited_deadline ? ' · ' + t('staff.greenChannel.newDeadline', { date: formatDate(r.expedited_deadline) }) : ''}
        </p>
      )}
      {r.decision_reason ? <p class="muted">{t('cases.note', { note: r.decision_reason })}</p> : null}
      {(r.escalations ?? []).length ? (
        <ul class="small muted">
          {(r.escalations ?? []).map((e, i) => (
            <li key={i}>{t('staff.greenChannel.escalated', { from: pick(e.from_unit?.name), to: pick(e.to_unit?.name), when: formatDateTime(e.at) })}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

//! The case page's part: the requests and their outcome.
export function StaffGreenChannelPanel(props: { c: Schemas['Case'] }) {
  const gc = props.c.green_channel;
  if (!gc || !gc.requests.length) return null;
  return (
    <section class="panel green-channel" aria-labelledby="staff-gc-title">
      <h2 id="staff-gc-title">{t('staff.greenChannel.title')}</h2>
      <ul class="plain">{gc.requests.map((r) => <li key={r.id}><StaffRequest r={r} /></li>)}</ul>
      {gc.requests.some((r) => r.can_decide) ? <p><Link href="/staff/green-channel">{t('staff.greenChannel.toDecide')}</Link></p> : null}
    </section>
  );
}

export function GreenChannelDecisions() {
  const [done, setDone] = useState('');
  useEffect(() => {
    if (!me.value || me.value.role !== 'supervisor') navigate('/signin?next=/staff/green-channel', true);
  }, []);
  const list = useLoad(() => get('/green-channel/requests'), []);
  return (
    <>
      <p><Link href="/staff">← {t('staff.queue')}</Link></p>
      <h1 tabIndex={-1}>{t('staff.greenChannel.title')}</h1>
      <p class="muted">{t('staff.greenChannel.intro')}</p>
      {done ? <Success text={done} /> : null}
      <Loaded load={list} empty={t('staff.greenChannel.none')} isEmpty={(d) => !d.requests.length}>
        {(d) => (
          <ul class="cards">
            {d.requests.map((r) => (
              <li key={r.id} class="card gc-card">
                <span class="card-title">
                  <Link href={'/staff/cases/' + r.case_id} class="mono">{r.case?.case_no}</Link> · {pick(r.case?.item.name)}
                </span>
                <span class="muted small">
                  {r.case?.applicant_name} · {pick(r.case?.unit?.name)}
                  {r.level > 0 ? ' · ' + t('staff.greenChannel.fromBelow', { n: r.level }) : ''}
                </span>
                <StaffRequest r={r} />
                {r.can_decide ? (
                  <Decide r={r} onDone={(x) => {
                    setDone(t(x.status === 'approved' ? 'staff.greenChannel.approvedDone' : 'staff.greenChannel.refusedDone', { case: r.case?.case_no ?? '' }));
                    list.setData({ requests: d.requests.filter((y) => y.id !== x.id) });
                  }} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}
