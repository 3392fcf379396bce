import { useEffect, useState } from 'preact/hooks';
import { decidesCases, supervises } from '../../access';
import { get, send, type Schemas } from '../../api';

type Case = Schemas['Case'];
import { DeadlineBadge, ExpeditedBadge, PriorityBadge, SpecialistBadge, StateBadge } from '../../components/Badges';
import { StaffGreenChannelPanel } from './GreenChannel';
import { DifficultPanel } from './Difficult';
import { useConfirm } from '../../components/Confirm';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { Timeline } from '../../components/Timeline';
import { StaffResultsPanel } from './StaffResults';
import { StaffFeePanel } from './FeeRecord';
import { StaffDeliveryPanel } from './DeliveryStaff';
import { documentName, formatDateTime, pick, t } from '../../i18n';
import { me } from '../../store';

//! Steps that cannot be taken back or that tell the applicant something: confirmed first.
const CONFIRMED = ['approve', 'second_sign', 'reject', 'issue', 'deliver', 'close', 'request_supplement', 'return'];

//! Who took a step, from the staff's side: their own steps as "by you", a colleague's by name,
//! the applicant's as "the applicant's".
function staffSide(e: Schemas['TimelineEvent']): string {
  if (e.by_you) return t('staff.byYou');
  const role = e.actor_role === 'applicant' ? t('staff.applicantRole') : t('role.' + e.actor_role);
  return e.actor_name ? t('staff.byName', { name: e.actor_name, role }) : t('staff.by', { role });
}

//! Who must act next, from the reader's side: "You", a named colleague, a supervisor to
//! countersign, or the applicant.
export function StaffHolder(props: { c: Schemas['CaseSummary'] }) {
  const h = props.c.holder;
  const since = h.since ? ' · ' + t('staff.holder.since', { date: formatDateTime(h.since) }) : '';
  let text: string;
  if (h.party === 'applicant') text = t('staff.holder.applicant');
  else if (h.party === 'none') return <>{t('staff.holder.none')}</>;
  else if (h.role === 'supervisor') text = t('staff.holder.supervisor', { unit: pick(h.unit) });
  else if (h.officer_id && h.officer_id === me.value?.id) text = t('staff.holder.you', { unit: pick(h.unit) });
  else if (h.officer) text = t('staff.holder.officer', { officer: h.officer, unit: pick(h.unit) });
  else text = t('staff.holder.unassigned', { unit: pick(h.unit) });
  return <>{h.party === 'applicant' || h.officer_id === me.value?.id ? <strong>{text}</strong> : text}<span class="muted small">{since}</span></>;
}

//! Taking a case, giving it back, or (supervisors) assigning it to someone of the unit.
function Assignment(props: { c: Case; onChange: (c: Case) => void }) {
  const { c } = props;
  const role = me.value?.role;
  const supervising = supervises(role);
  const [people, setPeople] = useState<Schemas['AssigneeChoice'][]>([]);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    if (supervising) get('/cases/{id}/assignees', { id: c.id }).then((r) => setPeople(r.assignees), setError);
  }, [c.id]);
  if (c.holder.party === 'none' || c.state === 'draft') return null;
  const mine = c.assignee && c.assignee.id === me.value?.id;
  const assign = async (userId: number | null) => {
    setError(null);
    setDone('');
    try {
      const r = await send('POST', '/cases/{id}/assignee', { id: c.id }, { user_id: userId, version: c.version });
      props.onChange(r.case);
      setDone(t('staff.assigned'));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="panel" aria-labelledby="assignment-title">
      <h2 id="assignment-title">{t('staff.assignment')}</h2>
      <p>{mine ? <strong>{t('staff.assignedToYou')}</strong> : c.assignee ? t('staff.assignedTo', { name: c.assignee.name }) : t('staff.unassigned')}</p>
      <div class="buttons">
        {!c.assignee && decidesCases(role) ? <button type="button" onClick={() => assign(me.value!.id)}>{t('staff.take')}</button> : null}
        {mine ? <button type="button" onClick={() => assign(null)}>{t('staff.giveBack')}</button> : null}
      </div>
      {supervising && people.length ? (
        <form class="inline-form" onSubmit={(e) => {
          e.preventDefault();
          if (choice) assign(Number(choice));
        }}>
          <div class="field">
            <label for="assign-to">{t('staff.assignTo')}</label>
            <select id="assign-to" value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {people.map((p) => <option key={p.id} value={String(p.id)}>{p.name} ({t('role.' + p.role)})</option>)}
            </select>
          </div>
          <button type="submit" disabled={!choice}>{t('staff.assign')}</button>
        </form>
      ) : null}
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
    </section>
  );
}

//! Marking a case urgent (with the reason the applicant will read), for care, or normal again.
function Priority(props: { c: Case; onChange: (c: Case) => void }) {
  const { c } = props;
  const [priority, setPriority] = useState(c.priority);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => setPriority(c.priority), [c.priority]);
  const role = me.value?.role;
  if (!decidesCases(role)) return null;
  if (c.holder.party === 'none' || c.state === 'draft') return null;
  return (
    <section class="panel" aria-labelledby="priority-title">
      <h2 id="priority-title">{t('staff.priorityChange')}</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setDone('');
        try {
          const r = await send('POST', '/cases/{id}/priority', { id: c.id }, { priority, reason, version: c.version });
          props.onChange(r.case);
          setReason('');
          setDone(t('staff.prioritySaved'));
        } catch (err) {
          setError(err);
        }
      }}>
        <div class="field">
          <label for="priority-level">{t('staff.priority')}</label>
          <select id="priority-level" value={priority} onChange={(e) => setPriority((e.target as HTMLSelectElement).value as Case['priority'])}>
            {['normal', 'care', 'urgent'].map((p) => <option key={p} value={p}>{t('priority.' + p)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="priority-reason">{t('staff.priorityReason')}</label>
          <p class="hint" id="priority-hint">{t('staff.priorityHint')}</p>
          <textarea id="priority-reason" rows={2} maxLength={500} aria-describedby="priority-hint" value={reason}
            required={priority === 'urgent'} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
        </div>
        <button type="submit" disabled={priority === c.priority}>{t('staff.prioritySave')}</button>
      </form>
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
    </section>
  );
}

function Viewer(props: { doc: Schemas['CaseDocument'] }) {
  const src = '/api/v1/documents/' + props.doc.id + '/content';
  if (props.doc.mime === 'application/pdf')
    return <iframe class="viewer" src={src} title={t('staff.viewer') + ': ' + props.doc.filename} />;
  return <img class="viewer" src={src} alt={documentName(props.doc) + ': ' + props.doc.filename} />;
}

export function StaffCase(props: { id: string }) {
  const [c, setC] = useState<Case | null>(null);
  const [item, setItem] = useState<Schemas['Item'] | null>(null);
  const [note, setNote] = useState('');
  const [doc, setDoc] = useState<Schemas['CaseDocument'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [dialog, confirm] = useConfirm();
  const reload = () => get('/cases/{id}', { id: props.id }).then((r) => setC(r.case), setError);
  useEffect(() => {
    get('/cases/{id}', { id: props.id }).then((r) => {
      setC(r.case);
      setDoc(r.case.documents[0] ?? null);
      get('/items/{code}', { code: r.case.item.code }).then((i) => setItem(i.item), setError);
    }, setError);
  }, [props.id]);
  if (error && !c) return <ErrorNotice error={error} />;
  if (!c) return <Loading />;
  const act = async (action: string) => {
    setError(null);
    setDone('');
    const detail = (c.action_details ?? []).find((x) => x.action === action);
    if (detail?.note_required && !note.trim()) {
      setError(t('staff.noteRequired'));
      document.getElementById('note')?.focus();
      return;
    }
    if (CONFIRMED.includes(action)) {
      const ok = await confirm({
        title: t('staff.confirm.title.' + action),
        body: (
          <>
            <p>{t('staff.confirm.what', { item: pick(c.item.name), applicant: c.applicant_name ?? '', case: c.case_no })}</p>
            {note.trim() ? <p>{t('staff.confirm.note', { note: note.trim() })}</p> : null}
            <p>
              {detail?.to === 'pending_second' ? t('staff.confirm.toSupervisor') + ' ' : ''}
              {detail?.notifies_applicant ? t('staff.confirm.notifies') + ' ' : ''}
              {detail?.final ? <strong>{t('staff.confirm.final')}</strong> : null}
            </p>
          </>
        ),
        confirmLabel: t('action.' + action),
        danger: action === 'reject',
      });
      if (!ok) return;
    }
    try {
      const r = await send('POST', '/cases/{id}/actions/{action}', { id: c.id, action }, { note, version: c.version });
      setC(r.case);
      setNote('');
      setDone(t('action.' + action) + ' ✓');
    } catch (err) {
      setError(err);
    }
  };
  const verifyPhoto = async () => {
    setError(null);
    try {
      await send('POST', '/cases/{id}/verify-photo', { id: c.id }, {});
      setDone(t('staff.photoVerified'));
    } catch (err) {
      setError(err);
    }
  };
  const fieldOf = (name: string) => (item?.fields ?? []).find((x) => x.name === name);
  const label = (name: string) => {
    const f = fieldOf(name);
    return f ? pick(f.label) : name;
  };
  //! Select values shown by their label; the raw value stays visible for the record.
  const display = (name: string, v: unknown) => {
    const opt = (fieldOf(name)?.options ?? []).find((o) => o.value === v);
    return opt ? pick(opt.label) + ' (' + String(v) + ')' : String(v);
  };
  const role = me.value?.role;
  //! Why an offered action would be refused now (an unpaid fee before issue), in the reader's words.
  const blockedWhy = (action: string) => {
    const b = (c.action_details ?? []).find((x) => x.action === action)?.blocked;
    if (!b) return '';
    return b.fields?.fee?.code === 'unpaid' ? t('staff.payment.blockedUnpaid') : b.message;
  };
  return (
    <article>
      <p><Link href="/staff">← {t('staff.queue')}</Link></p>
      <h1 tabIndex={-1}>{pick(c.item.name)} <span class="mono small">{c.case_no}</span></h1>
      <dl class="facts">
        <div><dt>{t('cases.state')}</dt><dd><StateBadge state={c.state} /> <PriorityBadge priority={c.priority} /> <ExpeditedBadge c={c} /> <SpecialistBadge c={c} /></dd></div>
        <div><dt>{t('cases.deadline')}</dt><dd>{c.deadline ? <DeadlineBadge c={c} /> : '—'}</dd></div>
        <div><dt>{t('cases.holder')}</dt><dd><StaffHolder c={c} /></dd></div>
        {c.applicant_name ? <div><dt>{t('staff.applicant')}</dt><dd>{c.applicant_name}</dd></div> : null}
        {c.for_person ? <div><dt>{t('family.appliedFor')}</dt><dd>{c.for_person.name}{c.for_person.name_latin ? ' · ' + c.for_person.name_latin : ''} ({t('family.rel.' + c.for_person.relationship)}) · {t('staff.assist.personVerified', { date: formatDateTime(c.for_person.verified_at) })}</dd></div> : null}
        {c.assisted ? <div><dt>{t('staff.assist.assistedLabel')}</dt><dd>{t('staff.assist.assistedBy', { officer: c.assisted.officer ?? '', unit: pick(c.assisted.unit), time: formatDateTime(c.assisted.confirmed_at ?? '') })}</dd></div> : null}
        <div><dt>{t('staff.unit')}</dt><dd>{pick(c.unit?.name)}</dd></div>
        {c.submitted_at ? <div><dt>{t('cases.submittedAt', { date: '' }).trim()}</dt><dd>{formatDateTime(c.submitted_at)}</dd></div> : null}
      </dl>
      <div class="split">
        <section aria-labelledby="form-title">
          <h2 id="form-title">{t('staff.formData')}</h2>
          <dl class="form-data">
            {Object.entries(c.form).map(([k, v]) => (
              <div key={k}><dt>{label(k)}</dt><dd>{display(k, v)}</dd></div>
            ))}
          </dl>
          <h2>{t('staff.actions')}</h2>
          {c.actions.length ? (
            <div class="panel">
              <div class="field">
                <label for="note">{t('staff.note')}</label>
                <textarea id="note" rows={3} maxLength={2000} placeholder={t('staff.notePlaceholder')} value={note}
                  onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
              </div>
              <div class="buttons">
                {c.actions.map((a: string) => (
                  <button key={a} type="button" class={a === 'reject' ? 'danger' : a === 'approve' || a === 'second_sign' ? 'primary' : ''} onClick={() => act(a)}
                    disabled={!!blockedWhy(a)} aria-describedby={blockedWhy(a) ? 'blocked-' + a : undefined}>
                    {t('action.' + a)}
                  </button>
                ))}
              </div>
              {c.actions.filter(blockedWhy).map((a) => <p key={a} id={'blocked-' + a} class="hint blocked">{t('action.' + a)}: {blockedWhy(a)}</p>)}
            </div>
          ) : (
            <p class="muted">{t('staff.noActions')}</p>
          )}
          {decidesCases(role) && c.documents.some((d) => d.type === 'photo') ? (
            <p><button type="button" onClick={verifyPhoto}>{t('staff.verifyPhoto')}</button></p>
          ) : null}
          <ErrorNotice error={error} />
          {done ? <Success text={done} /> : null}
          <StaffGreenChannelPanel c={c} />
          <DifficultPanel c={c} onChange={setC} />
          <StaffFeePanel c={c} onChange={setC} />
          <Assignment c={c} onChange={setC} />
          <Priority c={c} onChange={setC} />
          <StaffResultsPanel c={c} onChange={reload} />
          <StaffDeliveryPanel c={c} onChange={setC} />
          <h2>{t('cases.timeline')}</h2>
          <Timeline events={c.timeline} by={staffSide} />
        </section>
        <section aria-labelledby="docs-title">
          <h2 id="docs-title">{t('cases.documents')}</h2>
          <ul class="doc-tabs">
            {c.documents.map((d) => (
              <li key={d.id}>
                <button type="button" aria-pressed={doc?.id === d.id} onClick={() => setDoc(d)}>{documentName(d)} · {d.filename}</button>
              </li>
            ))}
          </ul>
          {doc ? <Viewer doc={doc} /> : null}
        </section>
      </div>
      {dialog}
    </article>
  );
}
