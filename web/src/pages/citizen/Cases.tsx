import { useEffect, useState } from 'preact/hooks';
import { get, send as apiSend, type Schemas, uploadTo } from '../../api';
import { DeadlineBadge, ExpeditedBadge, PriorityBadge, SpecialistBadge, StateBadge } from '../../components/Badges';
import { GreenChannelPanel, SpecialistNotice } from '../../components/GreenChannelPanel';
import { FeePanel } from '../../components/FeePanel';
import { DeliveryPanel } from '../../components/DeliveryPanel';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { Timeline } from '../../components/Timeline';
import { ResultsPanel } from '../../components/ResultsPanel';
import { documentName, formatDate, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { actingFor, me } from '../../store';
import { ProxyActions } from './Mandates';

export function MyCases() {
  const [cases, setCases] = useState<Schemas['CaseSummary'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!me.value) {
      navigate('/signin?next=/cases', true);
      return;
    }
    get('/cases').then((r) => setCases(r.cases), setError);
  }, [actingFor.value?.mandateId]);
  const drafts = (cases ?? []).filter((c) => c.state === 'draft');
  const submitted = (cases ?? []).filter((c) => c.state !== 'draft');
  return (
    <>
      <h1 tabIndex={-1}>{t('cases.title')}</h1>
      <ErrorNotice error={error} />
      {!cases && !error ? <Loading /> : null}
      {cases && !cases.length ? <p>{t('cases.none')} <Link href="/">{t('app.home')}</Link></p> : null}
      {drafts.length ? (
        <>
          <h2>{t('cases.drafts')}</h2>
          <p class="muted small">{t('cases.draftsHint')}</p>
          <ul class="cards">
            {drafts.map((c) => (
              <li key={c.id} class="card">
                <span class="card-title">{pick(c.item.name)}</span>
                <span class="muted small">{t('cases.savedAt', { when: formatDateTime(c.updated_at) })}</span>
                <span><Link class="button" href={'/items/' + encodeURIComponent(c.item.code) + '/apply?draft=' + c.id}>{t('cases.continueDraft')}</Link></span>
              </li>
            ))}
          </ul>
          {submitted.length ? <h2>{t('cases.submitted')}</h2> : null}
        </>
      ) : null}
      <ul class="cards">
        {submitted.map((c) => (
          <li key={c.id} class="card">
            <Link href={'/cases/' + c.id}><span class="card-title">{pick(c.item.name)}</span></Link>
            <span class="muted small">{t('cases.caseNo')}: {c.case_no}</span>
            <span><StateBadge state={c.state} /> <ExpeditedBadge c={c} /> <DeadlineBadge c={c} /></span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function Holder(props: { c: Schemas['CaseSummary'] }) {
  const h = props.c.holder;
  if (h.party === 'applicant') return <strong>{t('cases.holderApplicant')}</strong>;
  if (h.party === 'unit')
    return <>{h.officer ? t('cases.holderOfficer', { unit: pick(h.unit), officer: h.officer }) : t('cases.holderUnit', { unit: pick(h.unit) })}</>;
  return <>{t('cases.holderNone')}</>;
}

export function Documents(props: { docs: Schemas['CaseDocument'][] }) {
  if (!props.docs.length) return null;
  return (
    <ul class="docs">
      {props.docs.map((d) => (
        <li key={d.id}>
          <a href={'/api/v1/documents/' + d.id + '/content'} target="_blank" rel="noopener">{d.filename}</a>{' '}
          <span class="muted small">{documentName(d)} · {Math.ceil(d.size / 1024)} KB · {formatDateTime(d.created_at)}</span>
        </li>
      ))}
    </ul>
  );
}

function Supplement(props: { c: Schemas['Case']; onDone: (c: Schemas['Case']) => void }) {
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  // Files already sent, so a retry after a failure does not send them twice.
  const [sent, setSent] = useState<Record<string, boolean>>({});
  const [progress, setProgress] = useState<{ name: string; p: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const request = [...props.c.timeline].reverse().find((e) => e.action === 'request_supplement');
  const keyOf = (f: File) => f.name + ':' + f.size + ':' + f.lastModified;
  const send = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      for (const file of files) {
        if (sent[keyOf(file)]) continue;
        setProgress({ name: file.name, p: 0 });
        await uploadTo('/cases/{id}/documents', { id: props.c.id }, { type: 'supplement', filename: file.name }, file,
          (p) => setProgress({ name: file.name, p }));
        setSent((s) => ({ ...s, [keyOf(file)]: true }));
      }
      setProgress(null);
      const r = await apiSend('POST', '/cases/{id}/actions/{action}', { id: props.c.id, action: 'supplement' }, { note });
      props.onDone(r.case);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="panel attention" aria-labelledby="supp-title">
      <h2 id="supp-title">{t('cases.supplementTitle')}</h2>
      {request?.note ? <p class="quote">{request.note}</p> : null}
      {props.c.supplement_due ? <p>{t('cases.supplementDue', { date: formatDate(props.c.supplement_due) })}</p> : null}
      <form onSubmit={send}>
        <div class="field">
          <label for="supp-file">{t('cases.supplementFiles')}</label>
          <input id="supp-file" type="file" multiple accept="image/jpeg,image/png,application/pdf"
            onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])])} />
          {files.length ? (
            <ul class="small">
              {files.map((f) => <li key={keyOf(f)}>{sent[keyOf(f)] ? '✓ ' : ''}{f.name}</li>)}
            </ul>
          ) : null}
          {progress !== null ? <progress max={1} value={progress.p} aria-label={t('apply.uploading', { name: progress.name })} /> : null}
        </div>
        <div class="field">
          <label for="supp-note">{t('cases.supplementNote')}</label>
          <textarea id="supp-note" rows={3} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </div>
        <ErrorNotice error={error} />
        <button type="submit" class="primary">{t('cases.sendSupplement')}</button>
      </form>
    </section>
  );
}

function Rating(props: { c: Schemas['Case']; onDone: (c: Schemas['Case']) => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (props.c.rating) return <Success text={t('cases.rated', { score: props.c.rating.score })} />;
  if (!props.c.can_rate) return null;
  const send = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await apiSend('POST', '/cases/{id}/rating', { id: props.c.id }, { score, comment });
      props.onDone(r.case);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="panel">
      <form onSubmit={send}>
        <fieldset class="stars">
          <legend>{t('cases.rateTitle')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
              <span aria-hidden="true">{'★'.repeat(n)}</span>
              <span class="sr-only">{t('cases.stars', { n })}</span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="rate-comment">{t('cases.comment')}</label>
          <textarea id="rate-comment" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
        </div>
        <ErrorNotice error={error} />
        <button type="submit" disabled={!score}>{t('cases.rate')}</button>
      </form>
    </section>
  );
}

export function CaseDetail(props: { id: string }) {
  const [c, setC] = useState<Schemas['Case'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/cases/{id}', { id: props.id }).then((r) => setC(r.case), setError);
  }, [props.id]);
  if (error && !c) return <ErrorNotice error={error} />;
  if (!c) return <Loading />;
  const withdraw = async () => {
    if (!confirm(t('cases.confirmWithdraw'))) return;
    try {
      const r = await apiSend('POST', '/cases/{id}/actions/{action}', { id: c.id, action: 'withdraw' }, { version: c.version });
      setC(r.case);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <article>
      <p><Link href="/cases">← {t('cases.title')}</Link></p>
      <h1 tabIndex={-1}>{pick(c.item.name)}</h1>
      <dl class="facts">
        <div><dt>{t('cases.caseNo')}</dt><dd class="mono">{c.case_no}</dd></div>
        <div><dt>{t('cases.state')}</dt><dd><StateBadge state={c.state} /> <PriorityBadge priority={c.priority} /> <ExpeditedBadge c={c} /> <SpecialistBadge c={c} /></dd></div>
        <div><dt>{t('cases.holder')}</dt><dd><Holder c={c} /></dd></div>
        {c.deadline ? <div><dt>{t('cases.deadline')}</dt><dd><DeadlineBadge c={c} /></dd></div> : null}
        {c.submitted_at ? <div><dt>{t('state.submitted')}</dt><dd>{formatDateTime(c.submitted_at)}</dd></div> : null}
        {c.for_person ? <div><dt>{t('family.appliedFor')}</dt><dd>{t('family.forPerson', { name: c.for_person.name, relationship: t('family.rel.' + c.for_person.relationship) })}</dd></div> : null}
      </dl>
      {c.assisted ? (
        <p class="notice">{t('cases.assisted', { officer: c.assisted.officer ?? '', unit: pick(c.assisted.unit), time: formatDateTime(c.assisted.confirmed_at ?? '') })}</p>
      ) : null}
      {c.decided_rule && c.decided_rule.startsWith('passed') ? <p class="muted small">{t('cases.ruleDecided')}</p> : null}
      {c.submitted_at ? <p><Link href={'/cases/' + c.id + '/receipt'}>{t('fee.ack.link')}</Link></p> : null}
      <ErrorNotice error={error} />
      {c.state === 'needs_supplement' ? <Supplement c={c} onDone={setC} /> : null}
      <SpecialistNotice c={c} />
      <GreenChannelPanel c={c} onChange={setC} />
      <ResultsPanel c={c} />
      <FeePanel c={c} />
      <DeliveryPanel c={c} onChange={setC} />
      <Rating c={c} onDone={setC} />
      <h2>{t('cases.timeline')}</h2>
      <Timeline events={c.timeline} />
      <ProxyActions c={c} />
      {c.documents.length ? (
        <>
          <h2>{t('cases.documents')}</h2>
          <Documents docs={c.documents} />
        </>
      ) : null}
      {c.actions.includes('withdraw') && !actingFor.value ? (
        <p><button type="button" class="danger" onClick={withdraw}>{t('cases.withdraw')}</button></p>
      ) : null}
    </article>
  );
}
