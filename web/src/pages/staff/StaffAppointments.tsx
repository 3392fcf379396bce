import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { errorText, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { me } from '../../store';
import { zonedToUtc } from '../../zones';
import { inZone } from '../citizen/Appointments';

export function StaffAppointments() {
  const [units, setUnits] = useState<any[]>([]);
  const [list, setList] = useState<any[] | null>(null);
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const [form, setForm] = useState({ unit: '', kind: 'video', date: tomorrow, time: '09:00', duration: '20', count: '6', care: false });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const load = () => api('GET', '/appointments').then((r) => setList(r.appointments), setError);
  useEffect(() => {
    api('GET', '/units').then((r) => {
      const mineOnly = r.units.filter((u: any) => u.id === me.value?.unit_id || u.parent_id === me.value?.unit_id);
      setUnits(mineOnly);
      if (mineOnly.length) setForm((f) => ({ ...f, unit: String(mineOnly[0].id) }));
    }, setError);
    load();
  }, []);
  const unit = units.find((u) => String(u.id) === form.unit);
  const zone = unit?.timezone ?? 'UTC';
  const publish = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    setDone('');
    try {
      const r = await api('POST', '/slots', {
        unit_id: Number(form.unit), kind: form.kind, starts_at: zonedToUtc(form.date, form.time, zone),
        duration_minutes: Number(form.duration), count: Number(form.count), care: form.care,
      });
      setDone(t('appt.published', { n: r.slots.length }));
    } catch (err) {
      const f: Record<string, string> = {};
      for (const [k, v] of Object.entries((err as ApiError).fields ?? {})) f[k] = v.code;
      setFields(f);
      setError(err);
    }
  };
  const join = async (a: any) => {
    try {
      const r = await api('POST', '/appointments/' + a.id + '/session', {});
      navigate('/staff/video/' + r.session.id);
    } catch (err) {
      setError(err);
    }
  };
  const set = (k: string) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  return (
    <>
      <h1 tabIndex={-1}>{t('appt.staffTitle')}</h1>
      <form class="filters" onSubmit={publish} aria-label={t('appt.publish')}>
        <div class="field">
          <label for="p-unit">{t('staff.unit')}</label>
          <select id="p-unit" value={form.unit} onChange={set('unit')}>
            {units.map((u) => <option key={u.id} value={String(u.id)}>{pick(u.name)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="p-kind">{t('appt.kind')}</label>
          <select id="p-kind" value={form.kind} onChange={set('kind')}>
            <option value="video">{t('appt.video')}</option>
            <option value="window">{t('appt.window')}</option>
          </select>
        </div>
        <div class="field">
          <label for="p-date">{t('appt.date', { zone })}</label>
          <input id="p-date" type="date" value={form.date} onInput={set('date')} />
        </div>
        <div class="field">
          <label for="p-time">{t('appt.time', { zone })}</label>
          <input id="p-time" type="time" value={form.time} onInput={set('time')} aria-invalid={fields.starts_at ? 'true' : undefined} />
          {fields.starts_at ? <p class="field-error">{errorText(fields.starts_at)}</p> : null}
        </div>
        <div class="field">
          <label for="p-duration">{t('appt.duration')}</label>
          <input id="p-duration" type="number" min={5} max={240} value={form.duration} onInput={set('duration')} />
        </div>
        <div class="field">
          <label for="p-count">{t('appt.count')}</label>
          <input id="p-count" type="number" min={1} max={48} value={form.count} onInput={set('count')} />
        </div>
        <div class="field checkbox">
          <label><input type="checkbox" checked={form.care} onChange={(e) => setForm({ ...form, care: (e.target as HTMLInputElement).checked })} /> {t('appt.careWindow')}</label>
        </div>
        <button type="submit" class="primary">{t('appt.publish')}</button>
      </form>
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
      <h2>{t('appt.upcoming')}</h2>
      {!list ? <Loading /> : null}
      {list && !list.length ? <p>{t('appt.none')}</p> : null}
      {list && list.length ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('appt.upcoming')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('appt.when')}</th>
                <th scope="col">{t('staff.applicant')}</th>
                <th scope="col">{t('appt.kind')}</th>
                <th scope="col">{t('staff.unit')}</th>
                <th scope="col"><span class="sr-only">{t('staff.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id}>
                  <td>{inZone(a.slot.starts_at, a.slot.unit?.timezone ?? 'UTC')} <span class="muted small">({formatDateTime(a.slot.starts_at)})</span></td>
                  <td>{a.applicant_name}</td>
                  <td>{a.purpose === 'identity' ? t('appt.video') : t('appt.window')}{a.slot.care ? ' · ' + t('appt.careWindow') : ''}</td>
                  <td>{pick(a.slot.unit?.name)}</td>
                  <td>{a.purpose === 'identity' ? <button type="button" class="primary" onClick={() => join(a)}>{t('appt.host')}</button> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
