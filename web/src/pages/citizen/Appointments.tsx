import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, send, type Schemas, uploadTo } from '../../api';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { PersonDraft, PersonFields, checkPerson, cleanPerson } from '../../components/PersonFields';
import { formatDateTime, lang, pick, t } from '../../i18n';
import { Link } from '../../components/Link';
import { navigate, query } from '../../router';
import { me } from '../../store';
import { ACCOUNT_LOCALES } from '../../session';

//! "Tue 24 Nov, 09:00" in the unit's zone, for reference next to the applicant's own time.
export function inZone(iso: string, zone: string) {
  return new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(iso));
}

//! An appointment whose time is over (nothing to join or move any more).
function isPast(a: Schemas['Appointment']) {
  const end = a.slot?.ends_at ? Date.parse(a.slot.ends_at) : NaN;
  return !Number.isNaN(end) && end < Date.now();
}

//! An appointment whose video session has ended (approved, not approved or void).
function sessionOver(a: Schemas['Appointment']) {
  return ['void', 'approved', 'rejected'].includes(a.session?.state ?? '');
}

export function Appointments() {
  const [kind, setKind] = useState<'video' | 'window'>('video');
  const [slots, setSlots] = useState<Schemas['Slot'][] | null>(null);
  const [mine, setMine] = useState<Schemas['Appointment'][] | null>(null);
  const [cases, setCases] = useState<Schemas['CaseSummary'][]>([]);
  // Arriving from an application ("book the check first"): that draft is preselected and the
  // way back to it is offered once booked.
  const [caseId, setCaseId] = useState(query('case'));
  const forItem = query('item');
  const [care, setCare] = useState(false);
  const [moving, setMoving] = useState<Schemas['Appointment'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const load = () => {
    get('/appointments').then((r) => setMine(r.appointments), setError);
    get('/slots', {}, { kind }).then((r) => setSlots(r.slots), setError);
  };
  useEffect(() => {
    if (!me.value) {
      navigate('/signin?next=/appointments', true);
      return;
    }
    get('/cases').then((r) => setCases(r.cases.filter((c) => c.state === 'draft')), setError);
  }, []);
  useEffect(() => {
    if (me.value) load();
  }, [kind]);
  const book = async (slot: Schemas['Slot']) => {
    setError(null);
    setDone('');
    try {
      if (moving) {
        await send('POST', '/appointments/{id}/reschedule', { id: moving.id }, { slot_id: slot.id, care });
        setMoving(null);
      } else {
        await send('POST', '/appointments', {}, { slot_id: slot.id, care, ...(caseId ? { case_id: Number(caseId) } : {}) });
      }
      setDone(t('appt.booked'));
      load();
    } catch (err) {
      setError(err);
      load();
    }
  };
  const cancel = async (a: Schemas['Appointment']) => {
    if (!confirm(t('appt.confirmCancel'))) return;
    try {
      await send('POST', '/appointments/{id}/cancel', { id: a.id }, {});
      load();
    } catch (err) {
      setError(err);
    }
  };
  const [subjects, setSubjects] = useState<Record<number, string>>({});
  // A family check names the person it is for (they have no account of their own).
  const [person, setPerson] = useState<PersonDraft>({});
  const [personErrors, setPersonErrors] = useState<Record<string, string>>({});
  // A session about a power of attorney names it (mandates/): the officer's decision checks it.
  const [waiting, setWaiting] = useState<Schemas['Mandate'][]>([]);
  const [mandateOf, setMandateOf] = useState<Record<number, string>>({});
  useEffect(() => {
    if (me.value) get('/mandates').then((r) => setWaiting(r.given.filter((m) => m.state === 'requested')), () => {});
  }, []);
  const join = async (a: Schemas['Appointment']) => {
    setError(null);
    const subject = subjects[a.id] ?? 'self';
    if (subject === 'family') {
      const problems = checkPerson(person);
      setPersonErrors(problems);
      if (Object.keys(problems).length) {
        setError(new ApiError(422, 'invalid_argument', ''));
        (document.getElementById('f-' + Object.keys(problems)[0].replace('person.', '')) as HTMLElement | null)?.focus();
        return;
      }
    }
    try {
      const mandateId = subject === 'proxy' || subject === 'authorisation' ? mandateOf[a.id] ?? (waiting[0] ? String(waiting[0].id) : '') : '';
      const body = subject === 'family' ? { subject, person: cleanPerson(person) } : { subject: subject as 'self', ...(mandateId ? { mandate_id: Number(mandateId) } : {}) };
      const r = await send('POST', '/appointments/{id}/session', { id: a.id }, body);
      navigate('/video/' + r.session.id);
    } catch (err) {
      const fields = (err as ApiError).fields ?? {};
      const mine: Record<string, string> = {};
      for (const [k, v] of Object.entries(fields)) if (k.startsWith('person.')) mine[k] = v.code;
      setPersonErrors(mine);
      setError(err);
    }
  };
  const verified = me.value?.assurance === 'verified';
  const [photoProgress, setPhotoProgress] = useState<number | null>(null);
  const uploadPhoto = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      setPhotoProgress(0);
      const r = await uploadTo('/me/photo', {}, undefined, file, setPhotoProgress);
      if (me.value) me.value = { ...me.value, photo: { document_id: r.id, verified: false } };
      setDone(t('appt.photoUploaded'));
    } catch (err) {
      setError(err);
    } finally {
      setPhotoProgress(null);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('appt.title')}</h1>
      <p class={'notice' + (verified ? ' ok' : '')}>{verified ? t('appt.verified') : t('appt.notVerified')}</p>
      <section class="panel">
        <h2 class="small-heading">{t('appt.photoTitle')}</h2>
        <p class="small">{me.value?.photo ? (me.value.photo.verified ? t('appt.photoVerified') : t('appt.photoPending')) : t('appt.photoNone')}</p>
        <label for="photo-file">{t('appt.photoUpload')}</label>
        <input id="photo-file" type="file" accept="image/jpeg,image/png" onChange={(e) => uploadPhoto((e.target as HTMLInputElement).files?.[0])} />
        {photoProgress !== null ? <progress max={1} value={photoProgress} aria-label={t('appt.photoUpload')} /> : null}
      </section>
      {forItem && !verified ? <p class="notice">{t('appt.forApplication')}</p> : null}
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
      {done && forItem ? (
        <p><Link href={'/items/' + encodeURIComponent(forItem) + '/apply' + (caseId ? '?draft=' + caseId : '')}>{t('appt.backToApplication')}</Link></p>
      ) : null}
      <h2>{t('appt.mine')}</h2>
      {!mine ? <Loading /> : null}
      {mine && !mine.length ? <p>{t('appt.none')}</p> : null}
      <ul class="cards">
        {(mine ?? []).map((a) => (
          <li key={a.id} class="card">
            <span class="card-title">{a.purpose === 'identity' ? t('appt.video') : t('appt.window')}</span>
            <span>{formatDateTime(a.slot?.starts_at)}</span>
            <span class="muted small">{pick(a.slot?.unit?.name)} · {t('appt.theirTime', { time: inZone(a.slot?.starts_at, a.slot?.unit?.timezone ?? 'UTC') })}</span>
            <span class="small">{t('appt.status.' + a.status)}{a.session ? ' · ' + t('video.state.' + a.session.state) : ''}{a.reminder_sent_at ? ' · ' + t('appt.reminded') : ''}</span>
            {a.status === 'booked' && a.purpose === 'identity' && !a.session && !isPast(a) ? (
              <div class="field">
                <label for={'subject-' + a.id}>{t('appt.subject')}</label>
                <select id={'subject-' + a.id} value={subjects[a.id] ?? 'self'}
                  onChange={(e) => setSubjects({ ...subjects, [a.id]: (e.target as HTMLSelectElement).value })}>
                  <option value="self">{t('appt.subjectSelf')}</option>
                  <option value="proxy">{t('appt.subjectProxy')}</option>
                  <option value="authorisation">{t('appt.subjectAuth')}</option>
                  <option value="family">{t('appt.subjectFamily')}</option>
                </select>
                {subjects[a.id] === 'proxy' || subjects[a.id] === 'authorisation' ? (
                  waiting.length ? (
                    <>
                      <label for={'mandate-' + a.id}>{t('mandates.apptMandate')}</label>
                      <select id={'mandate-' + a.id} value={mandateOf[a.id] ?? String(waiting[0].id)}
                        onChange={(e) => setMandateOf({ ...mandateOf, [a.id]: (e.target as HTMLSelectElement).value })}>
                        {waiting.map((m) => <option key={m.id} value={String(m.id)}>{t('mandates.number', { id: m.id })} · {m.grantee.name}</option>)}
                      </select>
                    </>
                  ) : <p class="small muted">{t('mandates.apptMandateNone')}</p>
                ) : null}
              </div>
            ) : null}
            {a.status === 'booked' && a.purpose === 'identity' && !a.session && !isPast(a) && subjects[a.id] === 'family' ? (
              <PersonFields value={person} errors={personErrors} onChange={setPerson} />
            ) : null}
            {a.status === 'booked' && isPast(a) ? <span class="small muted">{t('appt.past')}</span> : null}
            {a.status === 'booked' && sessionOver(a) ? <span class="small muted">{t('appt.sessionOver')}</span> : null}
            {a.status === 'booked' && !isPast(a) && !sessionOver(a) ? (
              <div class="buttons">
                {a.purpose === 'identity' ? <button type="button" class="primary" onClick={() => join(a)}>{t('appt.join')}</button> : null}
                <a class="button" href={'/api/v1/appointments/' + a.id + '/calendar.ics' + (ACCOUNT_LOCALES.includes(lang.value) ? '?lang=' + lang.value : '')}
                  download={'tongban-appointment-' + a.id + '.ics'}>{t('appt.addToCalendar')}</a>
                <button type="button" onClick={() => {
                  setMoving(a);
                  setKind(a.purpose === 'identity' ? 'video' : 'window');
                }}>{t('appt.reschedule')}</button>
                <button type="button" class="danger" onClick={() => cancel(a)}>{t('appt.cancel')}</button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>{moving ? t('appt.chooseNew') : t('appt.book')}</h2>
      <div class="filters">
        <div class="field">
          <label for="kind">{t('appt.kind')}</label>
          <select id="kind" value={kind} disabled={!!moving} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'video' | 'window')}>
            <option value="video">{t('appt.video')}</option>
            <option value="window">{t('appt.window')}</option>
          </select>
        </div>
        {kind === 'video' && !moving && cases.length ? (
          <div class="field">
            <label for="for-case">{t('appt.forCase')}</label>
            <select id="for-case" value={caseId} onChange={(e) => setCaseId((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {cases.map((c) => <option key={c.id} value={String(c.id)}>{pick(c.item.name)} ({c.case_no})</option>)}
            </select>
          </div>
        ) : null}
        <div class="field checkbox">
          <label><input type="checkbox" checked={care} onChange={(e) => setCare((e.target as HTMLInputElement).checked)} /> {t('apply.care')}</label>
        </div>
        {moving ? <button type="button" onClick={() => setMoving(null)}>{t('appt.keepTime')}</button> : null}
      </div>
      {!slots ? <Loading /> : null}
      {slots && !slots.length ? <p>{t('appt.noSlots')}</p> : null}
      <ul class="list">
        {(slots ?? []).map((s) => (
          <li key={s.id}>
            <span><strong>{formatDateTime(s.starts_at)}</strong> {s.care ? <span class="badge priority-care">{t('appt.careWindow')}</span> : null}</span>
            <span class="muted small">{pick(s.unit?.name)} · {t('appt.theirTime', { time: inZone(s.starts_at, s.unit?.timezone ?? 'UTC') })}</span>
            <span><button type="button" onClick={() => book(s)} aria-label={t('appt.bookAt', { time: formatDateTime(s.starts_at) })}>{t('appt.bookButton')}</button></span>
          </li>
        ))}
      </ul>
    </>
  );
}
