import { useEffect, useRef, useState } from 'preact/hooks';
import { get, send, type Answer, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { DataTable, Loaded, useLoad } from '../../components/Data';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { onLive } from '../../live';

export function StaffConsult() {
  const list = useLoad(() => get('/consultations').then((r) => r.consultations), []);
  const [duty, setDuty] = useState<Answer<'/duty'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Only the newest duty answer counts: an older one arriving after the officer ticked the box
  // would untick it on screen while the server has them on duty.
  const dutyRequest = useRef(0);
  const loadDuty = () => {
    const mine = ++dutyRequest.current;
    get('/duty').then((r) => mine === dutyRequest.current && setDuty(r), setError);
  };
  const load = () => {
    list.reload();
    loadDuty();
  };
  useEffect(() => {
    // useLoad has just asked for the list: only the duty is asked for here.
    loadDuty();
    return onLive((m) => {
      if (m.type === 'consultation.message' || m.type === 'notification') load();
    });
  }, []);
  const toggle = async (on: boolean) => {
    // Show the choice at once; the list of who is on duty follows from the server.
    dutyRequest.current++;
    setDuty((d) => ({ on_duty: d?.on_duty ?? [], me: on }));
    try {
      await send('PUT', '/duty', {}, { on_duty: on });
      load();
    } catch (err) {
      setDuty((d) => ({ on_duty: d?.on_duty ?? [], me: !on }));
      setError(err);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('help.staffTitle')}</h1>
      <div class="filters">
        <label class="toggle-row">
          {/* Disabled until the server has said whether they are on duty: an unticked box
              shown meanwhile would be a guess, and ticking it could turn duty off. */}
          <input type="checkbox" checked={!!duty?.me} disabled={!duty} onChange={(e) => toggle((e.target as HTMLInputElement).checked)} />
          {t('help.onDuty')}
        </label>
        <span class="small muted">
          {t('help.whoOnDuty')}: {(duty?.on_duty ?? []).map((u) => `${u.display_name} (${u.unit?.timezone ?? ''}, ${u.open})`).join(' · ') || '—'}
        </span>
      </div>
      <ErrorNotice error={error} />
      <Loaded load={list} empty={t('help.noneOpen')} isEmpty={(l) => !l.length}>
        {(rows) => (
          <DataTable<Schemas['ConsultationSummary']>
            label={t('help.staffTitle')}
            rows={rows}
            rowKey={(c) => c.id}
            rowClass={(c) => (c.first_response_overdue ? 'overdue' : '')}
            columns={[
              { header: t('help.topic'), cell: (c) => <Link href={'/staff/consult/' + c.id}>{c.topic}</Link> },
              { header: t('staff.applicant'), cell: (c) => c.applicant_name },
              { header: t('cases.state'), cell: (c) => t('help.status.' + c.status) },
              { header: t('help.assignee'), cell: (c) => c.assignee_name ?? t('help.inQueue') },
              {
                header: t('help.firstDue'),
                cell: (c) => <>{c.first_response_at ? '✓' : formatDateTime(c.first_response_due)} {c.first_response_overdue ? <span class="badge overdue">{t('help.firstOverdue')}</span> : null}</>,
              },
              { header: t('staff.unit'), cell: (c) => pick(c.unit?.name) },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
