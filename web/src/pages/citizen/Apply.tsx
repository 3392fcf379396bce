import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas, ApiError, uploadTo } from '../../api';
import { checkField, FieldSpec, FormField, normalise } from '../../components/Field';
import { Link } from '../../components/Link';
import { ErrorNotice, Success } from '../../components/Notice';
import { errorText, pick, t } from '../../i18n';
import { navigate, query } from '../../router';
import { me } from '../../store';
import { draftsOf, Requirements } from './ItemPage';

interface Saved {
  values: Record<string, any>;
  caseId: number | null;
  care: boolean;
}

const storageKey = (code: string) => 'tb.apply.' + code;

//! An officer at a desk filling in the application for the person in front of them, under the
//! consent the person confirmed with their code (staff/Assist.tsx).
export interface Assisting {
  consentId: number;
  applicantId: number;
  name: string;
}

//! What was typed survives a failed request and a reload.
function restore(code: string): Saved {
  try {
    const s = JSON.parse(localStorage.getItem(storageKey(code)) ?? '');
    if (s && typeof s === 'object') return { values: s.values ?? {}, caseId: s.caseId ?? null, care: !!s.care };
  } catch {
    /* nothing saved */
  }
  return { values: {}, caseId: null, care: false };
}

function cleanForm(fields: FieldSpec[], values: Record<string, any>) {
  const out: Record<string, any> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === '' || v === null) continue;
    out[f.name] = normalise(f, v);
  }
  return out;
}

export function Apply(props: { code: string; assist?: Assisting }) {
  const assist = props.assist;
  const key = assist ? 'tb.assist.' + assist.consentId : storageKey(props.code);
  const [item, setItem] = useState<Schemas['Item'] | null>(null);
  const [saved, setSaved] = useState<Saved>(() => (assist ? { values: {}, caseId: null, care: false } : restore(props.code)));
  // Family members verified on a video call, whom the person may apply for instead of themselves.
  const [persons, setPersons] = useState<Schemas['Person'][]>([]);
  const [forPerson, setForPerson] = useState<string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [docs, setDocs] = useState<Record<string, { name: string; progress: number; done: boolean }>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    get('/items/{code}', { code: props.code }).then((r) => setItem(r.item), setError);
  }, [props.code]);
  useEffect(() => {
    localStorage.setItem(key, JSON.stringify(saved));
  }, [saved]);
  useEffect(() => {
    if (!assist && me.value?.role === 'applicant') get('/persons').then((r) => setPersons(r.persons), () => setPersons([]));
  }, []);
  // Resume a draft: the one this device remembers, the one named in the address, or the
  // newest draft of this item on the server (started on another device). Values typed here
  // and not yet saved win over the server's copy.
  useEffect(() => {
    if (!me.value || assist) return;
    const named = Number(query('draft')) || null;
    const pickDraft = async (): Promise<number | null> => {
      if (named) return named;
      if (saved.caseId) return saved.caseId;
      const drafts = await draftsOf(props.code);
      return drafts.length ? drafts[0].id : null;
    };
    pickDraft()
      .then(async (id) => {
        if (!id) return;
        const r = await get('/cases/{id}', { id });
        if (r.case.state !== 'draft' || r.case.item?.code !== props.code) {
          setSaved((s) => ({ ...s, caseId: null }));
          return;
        }
        const d: typeof docs = {};
        for (const doc of r.case.documents) d[doc.type] = { name: doc.filename, progress: 1, done: true };
        setDocs(d);
        setSaved((s) => ({
          values: s.caseId === id ? { ...(r.case.form ?? {}), ...s.values } : { ...(r.case.form ?? {}) },
          caseId: id,
          care: s.care || r.case.priority === 'care',
        }));
      })
      .catch(() => setSaved((s) => ({ ...s, caseId: null })));
  }, []);

  if (!me.value) {
    navigate('/signin?next=' + encodeURIComponent('/items/' + props.code + '/apply'), true);
    return null;
  }
  if (!item) return <ErrorNotice error={error} />;
  const fields: FieldSpec[] = item.fields ?? [];
  // Every item that needs a verified identity asks for the check first (an automatic item
  // would otherwise be sent to an officer who could only wait for it).
  const mustVerifyFirst = !assist && item.assurance === 'verified' && me.value?.assurance !== 'verified';

  const setValue = (name: string, v: any) => {
    setSaved({ ...saved, values: { ...saved.values, [name]: v } });
    if (errors['form.' + name]) {
      const f = fields.find((x) => x.name === name)!;
      const e = checkField(f, v);
      const next = { ...errors };
      if (e) next['form.' + name] = e;
      else delete next['form.' + name];
      setErrors(next);
    }
  };
  const blur = (f: FieldSpec) => () => {
    const v = saved.values[f.name];
    if (v === undefined || v === '') return;  // empty fields are reported on submit
    const e = checkField(f, v);
    setErrors((prev) => {
      const next = { ...prev };
      if (e) next['form.' + f.name] = e;
      else delete next['form.' + f.name];
      return next;
    });
  };

  const fromServer = (err: unknown) => {
    const a = err as ApiError;
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(a.fields ?? {})) f[k] = v.code;
    setErrors(f);
    const general = Object.keys(f).filter((k) => !k.startsWith('form.') && !k.startsWith('documents.'));
    setError(Object.keys(f).length && !general.length ? new ApiError(422, 'invalid_argument', '') : general.includes('assurance') ? new ApiError(422, 'verification_required', '') : err);
  };

  const ensureDraft = async (): Promise<number> => {
    if (saved.caseId) {
      await send('PUT', '/cases/{id}/form', { id: saved.caseId }, { form: cleanForm(fields, saved.values) });
      return saved.caseId;
    }
    const r = await send('POST', '/cases', {}, { item_code: item.code, form: cleanForm(fields, saved.values), priority: saved.care ? 'care' : 'normal', ...whose() });
    setSaved((s) => ({ ...s, caseId: r.case.id }));
    return r.case.id;
  };

  //! Whom the new case is for: the person at the desk (with their consent) or a family member.
  function whose() {
    if (assist) return { on_behalf_of: assist.applicantId, consent_id: assist.consentId };
    return forPerson ? { person_id: Number(forPerson) } : {};
  }

  const onFile = async (type: string, file: File | undefined) => {
    if (!file) return;
    setError(null);
    setDocs((d) => ({ ...d, [type]: { name: file.name, progress: 0, done: false } }));
    try {
      const id = await ensureDraft();
      await uploadTo('/cases/{id}/documents', { id }, { type, filename: file.name }, file,
        (p) => setDocs((d) => ({ ...d, [type]: { name: file.name, progress: p, done: false } })));
      setDocs((d) => ({ ...d, [type]: { name: file.name, progress: 1, done: true } }));
      setErrors((e) => {
        const n = { ...e };
        delete n['documents.' + type];
        return n;
      });
    } catch (err) {
      setDocs((d) => {
        const n = { ...d };
        delete n[type];
        return n;
      });
      setError(err);
    }
  };

  const reusePhoto = async () => {
    setError(null);
    try {
      const id = await ensureDraft();
      await send('POST', '/cases/{id}/documents/reuse-photo', { id }, {});
      setDocs((d) => ({ ...d, photo: { name: t('apply.reusePhoto'), progress: 1, done: true } }));
    } catch (err) {
      setError(err);
    }
  };

  const saveDraft = async (then?: (id: number) => void) => {
    setError(null);
    setNotice('');
    setBusy(true);
    try {
      const id = await ensureDraft();
      if (then) then(id);
      else setNotice(t('apply.draftSaved'));
    } catch (err) {
      fromServer(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice('');
    if (mustVerifyFirst) {
      // Nothing is lost: the draft is saved and the person goes to book the check.
      await saveDraft((id) => navigate('/appointments?item=' + encodeURIComponent(item.code) + '&case=' + id));
      return;
    }
    const local: Record<string, string> = {};
    for (const f of fields) {
      const problem = checkField(f, saved.values[f.name]);
      if (problem) local['form.' + f.name] = problem;
    }
    for (const d of item.documents ?? []) if (d.required && !docs[d.type]?.done) local['documents.' + d.type] = 'documentMissing';
    const ruled = item.mode === 'instant' || item.mode === 'auto';
    const blocking = Object.keys(local).filter((k) => k.startsWith('form.') || !ruled);
    if (blocking.length) {
      setErrors(local);
      setError(new ApiError(422, 'invalid_argument', ''));
      (document.getElementById('f-' + blocking[0].replace('form.', '')) as HTMLElement | null)?.focus();
      return;
    }
    setBusy(true);
    try {
      let id: number;
      if (!saved.caseId && !(item.documents ?? []).length) {
        const r = await send('POST', '/cases', {}, { item_code: item.code, submit: true, form: cleanForm(fields, saved.values), priority: saved.care ? 'care' : 'normal', ...whose() });
        id = r.case.id;
      } else {
        id = await ensureDraft();
        await send('POST', '/cases/{id}/actions/{action}', { id, action: 'submit' }, {});
      }
      localStorage.removeItem(key);
      navigate((assist ? '/staff/cases/' : '/cases/') + id);
    } catch (err) {
      fromServer(err);
    } finally {
      setBusy(false);
    }
  };

  const photoVerified = !assist && me.value?.photo?.verified;
  return (
    <section>
      {assist ? <h2>{t('apply.title', { item: pick(item.name) })}</h2> : <h1 tabIndex={-1}>{t('apply.title', { item: pick(item.name) })}</h1>}
      {saved.caseId ? <p class="muted small">{t('apply.resumed')}</p> : null}
      {mustVerifyFirst ? (
        <div class="notice attention" role="note">
          <p><strong>{t('need.checkFirst')}</strong></p>
          <p>{t('apply.prepareNow')}</p>
          <p><Link class="button" href={'/appointments?item=' + encodeURIComponent(item.code) + (saved.caseId ? '&case=' + saved.caseId : '')}>{t('need.book')}</Link></p>
        </div>
      ) : null}
      <details class="need-details">
        <summary>{t('need.title')}</summary>
        <Requirements item={item} />
      </details>
      <form onSubmit={submit} noValidate>
        {persons.length && !saved.caseId ? (
          <div class="field">
            <label for="for-whom">{t('family.forWhom')}</label>
            <select id="for-whom" value={forPerson} onChange={(e) => setForPerson((e.target as HTMLSelectElement).value)}>
              <option value="">{t('family.forMe')}</option>
              {persons.map((p) => <option key={p.id} value={String(p.id)}>{t('family.forPerson', { name: p.name, relationship: t('family.rel.' + p.relationship) })}</option>)}
            </select>
          </div>
        ) : null}
        <fieldset>
          <legend>{t('apply.form')}</legend>
          {fields.map((f) => (
            <FormField key={f.name} f={f} value={saved.values[f.name]} error={errors['form.' + f.name]}
              onChange={(v) => setValue(f.name, v)} onBlur={blur(f)} />
          ))}
          <div class="field checkbox">
            <label>
              <input type="checkbox" checked={saved.care} onChange={(e) => setSaved({ ...saved, care: (e.target as HTMLInputElement).checked })} />
              {t('apply.care')}
            </label>
          </div>
        </fieldset>
        {item.documents?.length ? (
          <fieldset>
            <legend>{t('apply.documents')}</legend>
            <p class="muted small">{t('apply.fileTypes')}</p>
            {(item.documents ?? []).map((d) => {
              const state = docs[d.type];
              const err = errors['documents.' + d.type];
              return (
                <div key={d.type} class={'field upload' + (err ? ' has-error' : '')}>
                  <label for={'doc-' + d.type}>
                    {pick(d.name)} <span class="muted small">({d.required ? t('apply.required') : t('apply.optional')})</span>
                  </label>
                  <input id={'doc-' + d.type} type="file" accept="image/jpeg,image/png,application/pdf"
                    aria-describedby={err ? 'doc-' + d.type + '-error' : undefined}
                    onChange={(e) => onFile(d.type, (e.target as HTMLInputElement).files?.[0])} />
                  {d.type === 'photo' && photoVerified ? (
                    <button type="button" onClick={reusePhoto}>{t('apply.reusePhoto')}</button>
                  ) : null}
                  {state ? (
                    <div class="progress-row">
                      <progress max={1} value={state.progress} aria-label={t('apply.uploading', { name: state.name })} />
                      <span class="small">{state.done ? '✓ ' + t('apply.uploaded') + ': ' + state.name : t('apply.uploading', { name: state.name })}</span>
                    </div>
                  ) : null}
                  {err ? <p id={'doc-' + d.type + '-error'} class="field-error">{errorText(err)}</p> : null}
                </div>
              );
            })}
          </fieldset>
        ) : null}
        <ErrorNotice error={error} />
        {notice ? <Success text={notice} /> : null}
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>{mustVerifyFirst ? t('apply.saveAndBook') : t('apply.submit')}</button>
          <button type="button" disabled={busy} onClick={() => saveDraft()}>{t('apply.saveDraft')}</button>
        </div>
        {assist ? null : <p class="muted small">{t('apply.draftHint')} <Link href="/cases">{t('app.myCases')}</Link></p>}
      </form>
    </section>
  );
}
