import { useEffect, useRef, useState } from 'preact/hooks';
import { get, send as apiSend, uploadTo, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { onLive, sendLive } from '../../live';
import { navigate, query } from '../../router';
import { me } from '../../store';

//! FAQ articles matching `q`, fetched as the person types (debounced).
function useFaq(q: string, any = false) {
  const [articles, setArticles] = useState<Schemas['FaqArticle'][]>([]);
  useEffect(() => {
    if (q.trim().length < 1) {
      setArticles([]);
      return;
    }
    const timer = setTimeout(() => {
      get('/faq', {}, { q: q.slice(0, 200), any: any ? 1 : undefined }).then((r) => setArticles(r.articles), () => setArticles([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  return articles;
}

function Articles(props: { articles: Schemas['FaqArticle'][]; label: string }) {
  if (!props.articles.length) return null;
  return (
    <section aria-label={props.label} class="panel">
      <h2 class="small-heading">{props.label}</h2>
      {props.articles.map((a) => (
        <details key={a.code} class="faq">
          <summary>{pick(a.title)}</summary>
          <p>{pick(a.body)}</p>
        </details>
      ))}
    </section>
  );
}

export function Help() {
  const [q, setQ] = useState('');
  const [topic, setTopic] = useState('');
  const [item, setItem] = useState(query('item'));
  const [items, setItems] = useState<Schemas['ItemSummary'][]>([]);
  const [body, setBody] = useState('');
  const [mine, setMine] = useState<Schemas['ConsultationSummary'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const found = useFaq(q);
  const suggested = useFaq(topic + ' ' + body.slice(0, 120), true);
  useEffect(() => {
    if (me.value) get('/consultations').then((r) => setMine(r.consultations), setError);
    get('/items', {}, { kind: 'business' }).then((r) => setItems(r.items), () => {});
  }, []);
  const ask = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await apiSend('POST', '/consultations', {}, { topic, body, ...(item ? { item_code: item } : {}) });
      navigate('/help/' + r.consultation.id);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('help.title')}</h1>
      <p class="lead">{t('help.intro')}</p>
      <div class="field">
        <label for="faq-q">{t('help.search')}</label>
        <input id="faq-q" type="search" value={q} maxLength={200} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </div>
      <Articles articles={found} label={t('help.answers')} />
      <h2>{t('help.ask')}</h2>
      {me.value ? (
        <form onSubmit={ask}>
          <div class="field">
            <label for="c-topic">{t('help.topic')}</label>
            <input id="c-topic" value={topic} maxLength={200} required onInput={(e) => setTopic((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="c-item">{t('help.about')}</label>
            <select id="c-item" value={item} onChange={(e) => setItem((e.target as HTMLSelectElement).value)}>
              <option value="">{t('help.general')}</option>
              {items.map((i) => <option key={i.code} value={i.code}>{pick(i.name)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="c-body">{t('help.question')}</label>
            <textarea id="c-body" rows={4} maxLength={4000} required value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
          </div>
          <Articles articles={suggested.slice(0, 3)} label={t('help.maybe')} />
          <ErrorNotice error={error} />
          <button type="submit" class="primary" disabled={!topic.trim() || !body.trim()}>{t('help.send')}</button>
        </form>
      ) : (
        <p><Link href="/signin?next=/help">{t('help.signIn')}</Link></p>
      )}
      {mine && mine.length ? (
        <>
          <h2>{t('help.mine')}</h2>
          <ul class="list">
            {mine.map((c) => (
              <li key={c.id}>
                <Link href={'/help/' + c.id}>{c.topic}</Link>
                <span class="muted small">{t('help.status.' + c.status)} · {formatDateTime(c.updated_at)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

//! Where the consultation stands, status and who has it read as one phrase: an answered
//! question is not "in the queue", a closed one is just closed.
export function statusLine(c: { status: string; assignee_name?: string | null }): string {
  if (c.status === 'closed') return t('help.line.closed');
  if (c.status === 'answered') return c.assignee_name ? t('help.line.answeredBy', { name: c.assignee_name }) : t('help.line.answered');
  return c.assignee_name ? t('help.line.waitingFor', { name: c.assignee_name }) : t('help.line.inQueue');
}

export function Thread(props: { id: string; staff?: boolean }) {
  const [c, setC] = useState<Schemas['Consultation'] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [canned, setCanned] = useState<Schemas['CannedAnswer'][]>([]);
  const [duty, setDuty] = useState<Schemas['OnDuty'][]>([]);
  const [score, setScore] = useState(0);
  const [done, setDone] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const load = () => get('/consultations/{id}', { id: props.id }).then((r) => setC(r.consultation), setError);
  useEffect(() => {
    load();
    if (props.staff) {
      get('/canned-answers').then((r) => setCanned(r.answers), () => {});
      get('/duty').then((r) => setDuty(r.on_duty), () => {});
    }
    return onLive((msg) => {
      if (msg.type === 'consultation.message' && String(msg.consultation_id) === props.id)
        setC((prev) =>
          prev && !(prev.messages ?? []).some((m) => m.id === msg.message.id)
            ? { ...prev, status: msg.message.author_role === 'applicant' ? 'open' : 'answered', messages: [...prev.messages, msg.message] }
            : prev,
        );
    });
  }, [props.id]);
  useEffect(() => end.current?.scrollIntoView({ block: 'nearest' }), [c?.messages?.length]);
  if (!c) return error ? <ErrorNotice error={error} /> : <Loading />;
  const send = async (e: Event) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    setError(null);
    // Live socket first; the REST endpoint when it is down. What was typed stays on failure.
    if (sendLive({ type: 'consultation.message', consultation_id: c.id, body })) {
      setText('');
      return;
    }
    try {
      const r = await apiSend('POST', '/consultations/{id}/messages', { id: c.id }, { body });
      setC(r.consultation);
      setText('');
    } catch (err) {
      setError(err);
    }
  };
  const act = async (path: 'take' | 'handover' | 'close', body: unknown = {}) => {
    setError(null);
    try {
      const r = await apiSend('POST', `/consultations/{id}/${path}`, { id: c.id }, body);
      setC(r.consultation);
      setDone('✓');
    } catch (err) {
      setError(err);
    }
  };
  const attach = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await uploadTo('/consultations/{id}/attachments', { id: c.id }, { filename: file.name }, file, () => {});
      setC(r.consultation);
    } catch (err) {
      setError(err);
    }
  };
  const closed = c.status === 'closed';
  return (
    <>
      <p><Link href={props.staff ? '/staff/consult' : '/help'}>← {t('app.back')}</Link></p>
      <h1 tabIndex={-1}>{c.topic}</h1>
      <p class="muted small">
        <span class="consult-status">{statusLine(c)}</span>
        {c.first_response_overdue ? <> · <span class="badge overdue">{t('help.firstOverdue')}</span></> : null}
      </p>
      <ol class="chat" aria-live="polite">
        {c.messages.map((m) => (
          <li key={m.id} class={m.author_role === 'applicant' ? 'from-applicant' : 'from-staff'}>
            <div class="who small muted">
              {props.staff && m.author_role === 'applicant' ? c.applicant_name : t('role.' + m.author_role)} · {formatDateTime(m.at)}
            </div>
            <div class="bubble">
              {m.attachment ? <a href={`/api/v1/consultations/${c.id}/attachments/${m.attachment.id}`} target="_blank" rel="noopener">📎 {m.attachment.filename}</a> : m.body}
            </div>
          </li>
        ))}
      </ol>
      <div ref={end} />
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
      {!closed ? (
        <form onSubmit={send} class="panel">
          {props.staff && canned.length ? (
            <div class="field">
              <label for="canned">{t('help.canned')}</label>
              <select id="canned" value="" onChange={(e) => {
                const a = canned.find((x) => x.code === (e.target as HTMLSelectElement).value);
                if (a) setText((prev) => (prev ? prev + '\n' : '') + pick(a.body));
              }}>
                <option value="">—</option>
                {canned.map((a) => <option key={a.code} value={a.code}>{pick(a.title)}</option>)}
              </select>
            </div>
          ) : null}
          <div class="field">
            <label for="reply">{t('help.reply')}</label>
            <textarea id="reply" rows={3} maxLength={4000} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          </div>
          <div class="buttons">
            <button type="submit" class="primary">{t('help.sendMessage')}</button>
            <label class="button">
              {t('help.attach')}
              <input type="file" class="sr-only" accept="image/jpeg,image/png,application/pdf" onChange={(e) => attach((e.target as HTMLInputElement).files?.[0])} />
            </label>
          </div>
        </form>
      ) : null}
      {props.staff && !closed ? (
        <section class="panel">
          <div class="buttons">
            {c.assignee_id !== me.value?.id ? <button type="button" onClick={() => act('take')}>{t('help.take')}</button> : null}
            {c.assignee_id !== null ? <button type="button" onClick={() => act('handover', {})}>{t('help.toQueue')}</button> : null}
            <button type="button" onClick={() => act('close')}>{t('help.close')}</button>
          </div>
          {duty.length ? (
            <div class="field">
              <label for="handover">{t('help.handover')}</label>
              <select id="handover" value="" onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                if (v) act('handover', { to_user_id: Number(v) });
              }}>
                <option value="">—</option>
                {duty.map((u) => <option key={u.id} value={String(u.id)}>{u.display_name} · {pick(u.unit?.name)} ({u.unit?.timezone})</option>)}
              </select>
            </div>
          ) : null}
        </section>
      ) : null}
      {!props.staff && (c.status !== 'closed' || !c.rating) && c.messages.some((m) => m.author_role !== 'applicant') ? (
        <form class="panel" onSubmit={(e) => {
          e.preventDefault();
          act('close', { score });
        }}>
          <fieldset class="stars">
            <legend>{t('help.rateAndClose')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name="score" checked={score === n} onChange={() => setScore(n)} />
                <span aria-hidden="true">{'★'.repeat(n)}</span>
                <span class="sr-only">{t('cases.stars', { n })}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={!score}>{t('help.closeRate')}</button>
        </form>
      ) : null}
      {c.rating ? <Success text={t('cases.rated', { score: c.rating })} /> : null}
    </>
  );
}
