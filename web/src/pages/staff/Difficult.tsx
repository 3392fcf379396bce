// The difficult-case team: handing a case over from its unit (with an internal reason), the
// team's own queue, and the notes the team and the case's unit share on a case.
import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { PriorityBadge, StateBadge } from '../../components/Badges';
import { useConfirm } from '../../components/Confirm';
import { Loaded, useLoad } from '../../components/Data';
import { Link } from '../../components/Link';
import { ErrorNotice } from '../../components/Notice';
import { formatDate, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { decidesCases } from '../../access';
import { me } from '../../store';

type Case = Schemas['Case'];
type Note = Schemas['CaseNote'];

function Notes(props: { caseId: number; notes: Note[]; onAdded: (n: Note) => void; idPrefix: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await send('POST', '/cases/{id}/notes', { id: props.caseId }, { text: body });
      setBody('');
      props.onAdded({ ...r.note, author: me.value?.display_name });
    } catch (err) {
      setError(err);
    }
  };
  const id = props.idPrefix + '-note';
  return (
    <>
      {props.notes.length ? (
        <ol class="timeline notes">
          {props.notes.map((n) => (
            <li key={n.id}>
              <div class="when">{formatDateTime(n.at)}</div>
              <div class="what"><strong>{n.by_you ? t('staff.byYou') : n.author}</strong>{n.unit ? <span class="muted"> · {pick(n.unit.name)}</span> : null}</div>
              <div class="note">{n.body}</div>
            </li>
          ))}
        </ol>
      ) : <p class="muted small">{t('staff.difficult.noNotes')}</p>}
      <form onSubmit={add}>
        <div class="field">
          <label for={id}>{t('staff.difficult.addNote')}</label>
          <textarea id={id} rows={2} maxLength={2000} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        </div>
        <ErrorNotice error={error} />
        <button type="submit" disabled={!body.trim()}>{t('staff.difficult.saveNote')}</button>
      </form>
    </>
  );
}

//! On the staff case page: hand the case to the team, or what the team has and the shared notes.
export function DifficultPanel(props: { c: Case; onChange: (c: Case) => void }) {
  const s = props.c.specialist;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();
  if (!s) return null;
  if (!s.handling) {
    if (!s.can_hand_over || !decidesCases(me.value?.role)) return null;
    const handOver = async (e: Event) => {
      e.preventDefault();
      setError(null);
      if (!reason.trim()) {
        setError(t('staff.difficult.reasonRequired'));
        return;
      }
      if (!(await confirm({ title: t('staff.difficult.confirm', { case: props.c.case_no }), body: t('staff.difficult.confirmBody'), confirmLabel: t('staff.difficult.handOver') }))) return;
      try {
        const r = await send('POST', '/cases/{id}/difficult', { id: props.c.id }, { reason });
        props.onChange(r.case);
      } catch (err) {
        setError(err);
      }
    };
    return (
      <section class="panel" aria-labelledby="difficult-title">
        <h2 id="difficult-title">{t('staff.difficult.title')}</h2>
        <form onSubmit={handOver}>
          <div class="field">
            <label for="difficult-reason">{t('staff.difficult.reason')}</label>
            <p class="hint" id="difficult-reason-hint">{t('staff.difficult.reasonHint')}</p>
            <textarea id="difficult-reason" rows={2} maxLength={1000} aria-describedby="difficult-reason-hint" value={reason}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </div>
          <ErrorNotice error={error} />
          <button type="submit">{t('staff.difficult.handOver')}</button>
        </form>
        {dialog}
      </section>
    );
  }
  return (
    <section class="panel specialist" aria-labelledby="difficult-title">
      <h2 id="difficult-title">{t('staff.difficult.withTeam', { team: pick(s.team?.name) })}</h2>
      <p>
        {t('staff.difficult.handedBy', { who: s.handed_by ?? '', when: formatDateTime(s.since) })}
        {s.due ? ' · ' + t('staff.difficult.due', { date: formatDate(s.due) }) : ''}
      </p>
      {s.reason ? <p class="quote">{s.reason}</p> : null}
      <h3>{t('staff.difficult.notes')}</h3>
      <Notes caseId={props.c.id} notes={s.notes ?? []} idPrefix="case" onAdded={(n) => props.onChange({ ...props.c, specialist: { ...s, notes: [...(s.notes ?? []), n] } })} />
    </section>
  );
}

export function DifficultQueue() {
  useEffect(() => {
    if (!me.value || !decidesCases(me.value.role)) navigate('/signin?next=/staff/difficult', true);
  }, []);
  const list = useLoad(() => get('/difficult-cases'), []);
  return (
    <>
      <p><Link href="/staff">← {t('staff.queue')}</Link></p>
      <h1 tabIndex={-1}>{t('staff.difficult.queue')}</h1>
      <p class="muted">{t('staff.difficult.queueIntro')}</p>
      <Loaded load={list} empty={t('staff.difficult.none')} isEmpty={(d) => !d.cases.length}>
        {(d) => (
          <ul class="cards">
            {d.cases.map((x, i) => (
              <li key={x.case.id} class={'card' + (x.overdue ? ' overdue' : '')}>
                <span class="card-title">
                  <Link href={'/staff/cases/' + x.case.id} class="mono">{x.case.case_no}</Link> · {pick(x.case.item.name)}
                </span>
                <span>
                  <StateBadge state={x.case.state} /> <PriorityBadge priority={x.case.priority ?? 'normal'} />{' '}
                  {x.due ? <span class={'badge ' + (x.overdue ? 'overdue' : 'due')}>{t('staff.difficult.due', { date: formatDate(x.due) })}</span> : null}
                </span>
                <span class="muted small">{x.case.applicant_name} · {t('staff.difficult.from', { unit: pick(x.from_unit?.name), who: x.handed_by ?? '' })}</span>
                <p class="quote">{x.reason}</p>
                <details>
                  <summary>{t('staff.difficult.notesCount', { n: x.notes.length })}</summary>
                  <Notes caseId={x.case.id} notes={x.notes} idPrefix={'q' + i}
                    onAdded={(n) => list.setData({ cases: d.cases.map((y) => (y === x ? { ...y, notes: [...y.notes, n] } : y)) })} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}
