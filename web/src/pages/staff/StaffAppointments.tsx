import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, send, type Schemas } from '../../api';
import { DataTable, Loaded, useLoad } from '../../components/Data';
import { ErrorNotice, Success } from '../../components/Notice';
import { errorText, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { me } from '../../store';
import { zonedToUtc } from '../../zones';
import { inZone } from '../citizen/Appointments';

export function StaffAppointments() {
  const [units, setUnits] = useState<Schemas['Unit'][]>([]);
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const [form, setForm] = useState({ unit: '', kind: 'video', date: tomorrow, time: '09:00', duration: '20', count: '6', care: false });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const list = useLoad(() => get('/appointments').then((r) => r.appointments), []);
  useEffect(() => {
    get('/units').then((r) => {
      const mineOnly = r.units.filter((u) => u.id === me.value?.unit_id || u.parent_id === me.value?.unit_id);
      setUnits(mineOnly);
      if (mineOnly.length) setForm((f) => ({ ...f, unit: String(mineOnly[0].id) }));
    }, setError);
  }, []);
  const unit = units.find((u) => String(u.id) === form.unit);
  const zone = unit?.timezone ?? 'UTC';
  const publish = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    setDone('');
    try {
      const r = await send('POST', '/slots', {}, {
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
  const join = async (a: Schemas['Appointment']) => {
    try {
      const r = await send('POST', '/appointments/{id}/session', { id: a.id }, {});
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
      <Loaded load={list} empty={t('appt.none')} isEmpty={(l) => !l.length}>
        {(rows) => (
          <DataTable<Schemas['Appointment']>
            label={t('appt.upcoming')}
            rows={rows}
            rowKey={(a) => a.id}
            columns={[
              { header: t('appt.when'), cell: (a) => <>{inZone(a.slot.starts_at, a.slot.unit?.timezone ?? 'UTC')} <span class="muted small">({formatDateTime(a.slot.starts_at)})</span></> },
              { header: t('staff.applicant'), cell: (a) => a.applicant_name },
              { header: t('appt.kind'), cell: (a) => <>{a.purpose === 'identity' ? t('appt.video') : t('appt.window')}{a.slot.care ? ' · ' + t('appt.careWindow') : ''}</> },
              { header: t('staff.unit'), cell: (a) => pick(a.slot.unit?.name) },
              {
                header: <span class="sr-only">{t('staff.actions')}</span>,
                cell: (a) => (a.purpose === 'identity' ? <button type="button" class="primary" onClick={() => join(a)}>{t('appt.host')}</button> : null),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
