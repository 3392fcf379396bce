import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { errorText, formatMoney, pick, t } from '../../i18n';

function Editor(props: { code: string; onClose: (changed: boolean) => void }) {
  const [item, setItem] = useState<any>(null);
  const [draft, setDraft] = useState<any>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api('GET', '/items/' + props.code).then((r) => {
      setItem(r.item);
      setDraft({
        nameZh: r.item.name.zh, nameEn: r.item.name.en, descZh: r.item.description.zh, descEn: r.item.description.en,
        fee: r.item.fee?.amount ?? 0, limit: r.item.time_limit_days ?? 0, window: r.item.submission_window_days ?? 14,
        proxy: !!r.item.proxy_allowed,
      });
    }, setError);
  }, [props.code]);
  if (!draft) return error ? <ErrorNotice error={error} /> : <Loading />;
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      await api('PATCH', '/items/' + props.code, {
        name: { zh: draft.nameZh, en: draft.nameEn },
        description: { zh: draft.descZh, en: draft.descEn },
        fee: { amount: Number(draft.fee) },
        time_limit_days: Number(draft.limit),
        submission_window_days: Number(draft.window),
        proxy_allowed: draft.proxy,
      });
      props.onClose(true);
    } catch (err) {
      const f: Record<string, string> = {};
      for (const [k, v] of Object.entries((err as ApiError).fields ?? {})) f[k] = v.code;
      setFields(f);
      setError(err);
    }
  };
  const input = (key: string, label: string, apiKey: string, type = 'text') => (
    <div class={'field' + (fields[apiKey] ? ' has-error' : '')}>
      <label for={'e-' + key}>{label}</label>
      {type === 'textarea' ? (
        <textarea id={'e-' + key} rows={3} value={draft[key]} onInput={(e) => setDraft({ ...draft, [key]: (e.target as HTMLTextAreaElement).value })} />
      ) : (
        <input id={'e-' + key} type={type} value={draft[key]} aria-invalid={fields[apiKey] ? 'true' : undefined}
          onInput={(e) => setDraft({ ...draft, [key]: (e.target as HTMLInputElement).value })} />
      )}
      {fields[apiKey] ? <p class="field-error">{errorText(fields[apiKey])}</p> : null}
    </div>
  );
  return (
    <form class="panel" onSubmit={save} aria-label={t('staff.edit') + ' ' + item.code}>
      <h2>{t('staff.edit')}: {item.code}</h2>
      {input('nameZh', t('staff.nameZh'), 'name.zh')}
      {input('nameEn', t('staff.nameEn'), 'name.en')}
      {input('descZh', t('staff.descZh'), 'description.zh', 'textarea')}
      {input('descEn', t('staff.descEn'), 'description.en', 'textarea')}
      {input('fee', t('staff.fee'), 'fee.amount', 'number')}
      {input('limit', t('staff.timeLimit'), 'time_limit_days', 'number')}
      {input('window', t('staff.window'), 'submission_window_days', 'number')}
      <div class="field checkbox">
        <label><input type="checkbox" checked={draft.proxy} onChange={(e) => setDraft({ ...draft, proxy: (e.target as HTMLInputElement).checked })} /> {t('staff.proxyAllowed')}</label>
      </div>
      <ErrorNotice error={error} />
      <div class="buttons">
        <button type="submit" class="primary">{t('staff.save')}</button>
        <button type="button" onClick={() => props.onClose(false)}>{t('staff.cancel')}</button>
      </div>
    </form>
  );
}

export function CatalogAdmin() {
  const [items, setItems] = useState<any[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = () => api('GET', '/items').then((r) => setItems(r.items), setError);
  useEffect(() => {
    load();
  }, []);
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.catalog')}</h1>
      <ErrorNotice error={error} />
      {saved ? <Success text={t('staff.saved')} /> : null}
      {editing ? <Editor code={editing} onClose={(changed) => {
        setEditing(null);
        setSaved(changed);
        if (changed) load();
      }} /> : null}
      {!items ? <Loading /> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('staff.catalog')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.code')}</th>
                <th scope="col">{t('staff.item')}</th>
                <th scope="col">{t('staff.mode')}</th>
                <th scope="col">{t('item.fee')}</th>
                <th scope="col">{t('item.timeLimit')}</th>
                <th scope="col"><span class="sr-only">{t('staff.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.code}>
                  <td class="mono">{i.code}</td>
                  <td>{pick(i.name)}</td>
                  <td>{t('item.mode.' + i.mode)}</td>
                  <td>{i.kind === 'business' ? formatMoney(i.fee.amount, i.fee.currency) : '—'}</td>
                  <td>{i.time_limit_days ? t('item.days', { n: i.time_limit_days }) : '—'}</td>
                  <td><button type="button" onClick={() => {
                    setSaved(false);
                    setEditing(i.code);
                    window.scrollTo(0, 0);
                  }} aria-label={t('staff.edit') + ' ' + i.code}>{t('staff.edit')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
