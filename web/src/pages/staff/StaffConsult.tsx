import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { onLive } from '../../live';

export function StaffConsult() {
  const [list, setList] = useState<any[] | null>(null);
  const [duty, setDuty] = useState<{ on_duty: any[]; me: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    api('GET', '/consultations').then((r) => setList(r.consultations), setError);
    api('GET', '/duty').then((r) => setDuty(r), setError);
  };
  useEffect(() => {
    load();
    return onLive((m) => {
      if (m.type === 'consultation.message' || m.type === 'notification') load();
    });
  }, []);
  const toggle = async (on: boolean) => {
    // Show the choice at once; the list of who is on duty follows from the server.
    setDuty((d) => ({ on_duty: d?.on_duty ?? [], me: on }));
    try {
      await api('PUT', '/duty', { on_duty: on });
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
          <input type="checkbox" checked={!!duty?.me} onChange={(e) => toggle((e.target as HTMLInputElement).checked)} />
          {t('help.onDuty')}
        </label>
        <span class="small muted">
          {t('help.whoOnDuty')}: {(duty?.on_duty ?? []).map((u) => `${u.display_name} (${u.unit?.timezone ?? ''}, ${u.open})`).join(' · ') || '—'}
        </span>
      </div>
      <ErrorNotice error={error} />
      {!list ? <Loading /> : null}
      {list && !list.length ? <p>{t('help.noneOpen')}</p> : null}
      {list && list.length ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('help.staffTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('help.topic')}</th>
                <th scope="col">{t('staff.applicant')}</th>
                <th scope="col">{t('cases.state')}</th>
                <th scope="col">{t('help.assignee')}</th>
                <th scope="col">{t('help.firstDue')}</th>
                <th scope="col">{t('staff.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} class={c.first_response_overdue ? 'overdue' : ''}>
                  <td><Link href={'/staff/consult/' + c.id}>{c.topic}</Link></td>
                  <td>{c.applicant_name}</td>
                  <td>{t('help.status.' + c.status)}</td>
                  <td>{c.assignee_name ?? t('help.inQueue')}</td>
                  <td>{c.first_response_at ? '✓' : formatDateTime(c.first_response_due)} {c.first_response_overdue ? <span class="badge overdue">{t('help.firstOverdue')}</span> : null}</td>
                  <td>{pick(c.unit?.name)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
