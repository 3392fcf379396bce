import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { DeadlineBadge, PriorityBadge, StateBadge } from '../../components/Badges';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { Timeline } from '../../components/Timeline';
import { documentName, formatDateTime, pick, t } from '../../i18n';
import { Holder } from '../citizen/Cases';
import { me } from '../../store';

function Viewer(props: { doc: any }) {
  const src = '/api/v1/documents/' + props.doc.id + '/content';
  if (props.doc.mime === 'application/pdf')
    return <iframe class="viewer" src={src} title={t('staff.viewer') + ': ' + props.doc.filename} />;
  return <img class="viewer" src={src} alt={documentName(props.doc) + ': ' + props.doc.filename} />;
}

export function StaffCase(props: { id: string }) {
  const [c, setC] = useState<any>(null);
  const [item, setItem] = useState<any>(null);
  const [note, setNote] = useState('');
  const [doc, setDoc] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    api('GET', '/cases/' + encodeURIComponent(props.id)).then((r) => {
      setC(r.case);
      setDoc(r.case.documents[0] ?? null);
      api('GET', '/items/' + r.case.item.code).then((i) => setItem(i.item), setError);
    }, setError);
  }, [props.id]);
  if (error && !c) return <ErrorNotice error={error} />;
  if (!c) return <Loading />;
  const act = async (action: string) => {
    setError(null);
    setDone('');
    try {
      const r = await api('POST', '/cases/' + c.id + '/actions/' + action, { note, version: c.version });
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
      await api('POST', '/cases/' + c.id + '/verify-photo', {});
      setDone(t('staff.photoVerified'));
    } catch (err) {
      setError(err);
    }
  };
  const fieldOf = (name: string) => (item?.fields ?? []).find((x: any) => x.name === name);
  const label = (name: string) => {
    const f = fieldOf(name);
    return f ? pick(f.label) : name;
  };
  //! Select values shown by their label; the raw value stays visible for the record.
  const display = (name: string, v: unknown) => {
    const opt = (fieldOf(name)?.options ?? []).find((o: any) => o.value === v);
    return opt ? pick(opt.label) + ' (' + String(v) + ')' : String(v);
  };
  const role = me.value?.role;
  return (
    <article>
      <p><Link href="/staff">← {t('staff.queue')}</Link></p>
      <h1 tabIndex={-1}>{pick(c.item.name)} <span class="mono small">{c.case_no}</span></h1>
      <dl class="facts">
        <div><dt>{t('cases.state')}</dt><dd><StateBadge state={c.state} /> <PriorityBadge priority={c.priority} /></dd></div>
        <div><dt>{t('cases.deadline')}</dt><dd>{c.deadline ? <DeadlineBadge c={c} /> : '—'}</dd></div>
        <div><dt>{t('cases.holder')}</dt><dd><Holder c={c} /></dd></div>
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
                  <button key={a} type="button" class={a === 'reject' ? 'danger' : a === 'approve' || a === 'second_sign' ? 'primary' : ''} onClick={() => act(a)}>
                    {t('action.' + a)}
                  </button>
                ))}
              </div>
            </div>
          ) : (
            <p class="muted">{t('staff.noActions')}</p>
          )}
          {(role === 'officer' || role === 'supervisor') && c.documents.some((d: any) => d.type === 'photo') ? (
            <p><button type="button" onClick={verifyPhoto}>{t('staff.verifyPhoto')}</button></p>
          ) : null}
          <ErrorNotice error={error} />
          {done ? <Success text={done} /> : null}
          <h2>{t('cases.timeline')}</h2>
          <Timeline events={c.timeline} />
        </section>
        <section aria-labelledby="docs-title">
          <h2 id="docs-title">{t('cases.documents')}</h2>
          <ul class="doc-tabs">
            {c.documents.map((d: any) => (
              <li key={d.id}>
                <button type="button" aria-pressed={doc?.id === d.id} onClick={() => setDoc(d)}>{documentName(d)} · {d.filename}</button>
              </li>
            ))}
          </ul>
          {doc ? <Viewer doc={doc} /> : null}
        </section>
      </div>
    </article>
  );
}
