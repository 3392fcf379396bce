// The green channel on the applicant's case page: ask for urgent handling (a reason category,
// an explanation and evidence, uploaded to the case as `urgent_evidence`), then follow the
// request: waiting, approved (the case goes first, with a shorter deadline) or refused with the
// reason. Also the notice that a specialist team handles the case (never why).
import { useState } from 'preact/hooks';
import { send, type Schemas, uploadTo } from '../api';
import { formatDate, formatDateTime, t } from '../i18n';
import { ErrorNotice } from './Notice';

type Case = Schemas['Case'];

function Request(props: { r: Schemas['GreenChannelRequest'] }) {
  const r = props.r;
  return (
    <li class="gc-request">
      <p>
        <span class={'badge gc-' + r.status}>{t('greenChannel.status.' + r.status)}</span>{' '}
        <strong>{t('greenChannel.category.' + r.category)}</strong>{' '}
        <span class="muted small">{t('greenChannel.askedOn', { when: formatDateTime(r.requested_at) })}</span>
      </p>
      {r.status === 'pending' ? <p>{t('greenChannel.waiting', { when: formatDateTime(r.due_at) })}</p> : null}
      {r.status === 'approved' ? (
        <p>{r.expedited_deadline ? t('greenChannel.approvedBy', { date: formatDate(r.expedited_deadline) }) : t('greenChannel.approved')}</p>
      ) : null}
      {r.status === 'refused' ? (
        <>
          <p>{t('greenChannel.refused')}</p>
          {r.decision_reason ? <p class="quote">{r.decision_reason}</p> : null}
        </>
      ) : null}
      {r.status === 'approved' && r.decision_reason ? <p class="quote">{r.decision_reason}</p> : null}
    </li>
  );
}

export function GreenChannelPanel(props: { c: Case; onChange: (c: Case) => void }) {
  const gc = props.c.green_channel;
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('');
  const [explanation, setExplanation] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [uploaded, setUploaded] = useState<Record<string, number>>({});
  const [progress, setProgress] = useState<{ name: string; p: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!gc || (!gc.requests.length && !gc.can_request)) return null;
  const keyOf = (f: File) => f.name + ':' + f.size + ':' + f.lastModified;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!files.length) {
      setError(t('greenChannel.needEvidence'));
      return;
    }
    setBusy(true);
    try {
      const ids: number[] = [];
      const done = { ...uploaded };
      for (const file of files) {
        if (!done[keyOf(file)]) {
          setProgress({ name: file.name, p: 0 });
          const d = await uploadTo('/cases/{id}/documents', { id: props.c.id }, { type: 'urgent_evidence', filename: file.name }, file,
            (p) => setProgress({ name: file.name, p }));
          done[keyOf(file)] = d.document.id;
          setUploaded({ ...done });
        }
        ids.push(done[keyOf(file)]);
      }
      setProgress(null);
      const r = await send('POST', '/cases/{id}/green-channel', { id: props.c.id }, { category, explanation, evidence_document_ids: ids });
      setOpen(false);
      props.onChange(r.case);
    } catch (err) {
      setProgress(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel green-channel" aria-labelledby="gc-title">
      <h2 id="gc-title">{t('greenChannel.title')}</h2>
      {gc.requests.length ? <ul class="plain">{gc.requests.map((r) => <Request key={r.id} r={r} />)}</ul> : null}
      {gc.can_request && !open ? (
        <>
          <p class="muted small">{t('greenChannel.intro')}</p>
          <button type="button" onClick={() => setOpen(true)}>{t('greenChannel.open')}</button>
        </>
      ) : null}
      {gc.can_request && open ? (
        <form onSubmit={submit} noValidate>
          <p class="muted small">{t('greenChannel.intro')}</p>
          <div class="field">
            <label for="gc-category">{t('greenChannel.categoryLabel')}</label>
            <select id="gc-category" required value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
              <option value="">{t('greenChannel.choose')}</option>
              {gc.categories.map((k) => <option key={k} value={k}>{t('greenChannel.category.' + k)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="gc-explanation">{t('greenChannel.explanation')}</label>
            <p class="hint" id="gc-explanation-hint">{t('greenChannel.explanationHint')}</p>
            <textarea id="gc-explanation" rows={4} maxLength={2000} required aria-describedby="gc-explanation-hint" value={explanation}
              onInput={(e) => setExplanation((e.target as HTMLTextAreaElement).value)} />
          </div>
          <div class="field">
            <label for="gc-evidence">{t('greenChannel.evidence')}</label>
            <p class="hint" id="gc-evidence-hint">{t('greenChannel.evidenceHint')}</p>
            <input id="gc-evidence" type="file" multiple accept="image/jpeg,image/png,application/pdf" aria-describedby="gc-evidence-hint"
              onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])])} />
            {files.length ? <ul class="small">{files.map((f) => <li key={keyOf(f)}>{uploaded[keyOf(f)] ? '✓ ' : ''}{f.name}</li>)}</ul> : null}
            {progress ? <progress max={1} value={progress.p} aria-label={t('apply.uploading', { name: progress.name })} /> : null}
          </div>
          <ErrorNotice error={error} />
          <div class="buttons">
            <button type="submit" class="primary" disabled={busy}>{t('greenChannel.send')}</button>
            <button type="button" onClick={() => setOpen(false)}>{t('greenChannel.cancel')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

//! "A specialist team is handling your case", when one is.
export function SpecialistNotice(props: { c: Case }) {
  if (!props.c.specialist?.handling) return null;
  return (
    <section class="panel specialist" aria-labelledby="specialist-title">
      <h2 id="specialist-title">{t('specialist.title')}</h2>
      <p>{t('specialist.body')}</p>
    </section>
  );
}
