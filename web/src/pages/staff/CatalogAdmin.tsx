import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, send, type Schemas } from '../../api';

//! The editor's form, as typed (numbers stay text until saved).
interface Draft {
  nameZh: string;
  nameEn: string;
  descZh: string;
  descEn: string;
  fee: number | string;
  limit: number | string;
  window: number | string;
  proxy: boolean;
}
import { DataTable, Loaded, useLoad } from '../../components/Data';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { errorText, formatMoney, pick, t } from '../../i18n';

function Editor(props: { code: string; onClose: (changed: boolean) => void }) {
  const [item, setItem] = useState<Schemas['Item'] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/items/{code}', { code: props.code }).then((r) => {
      setItem(r.item);
      setDraft({
        nameZh: r.item.name.zh, nameEn: r.item.name.en, descZh: r.item.description.zh, descEn: r.item.description.en,
        fee: r.item.fee?.amount ?? 0, limit: r.item.time_limit_days ?? 0, window: r.item.submission_window_days ?? 14,
        proxy: !!r.item.proxy_allowed,
      });
    }, setError);
  }, [props.code]);
  if (!draft || !item) return error ? <ErrorNotice error={error} /> : <Loading />;
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      await send('PATCH', '/items/{code}', { code: props.code }, {
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
  const input = (key: 'nameZh' | 'nameEn' | 'descZh' | 'descEn' | 'fee' | 'limit' | 'window', label: string, apiKey: string, type = 'text') => (
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
  const items = useLoad(() => get('/items').then((r) => r.items), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.catalog')}</h1>
      {saved ? <Success text={t('staff.saved')} /> : null}
      {editing ? <Editor code={editing} onClose={(changed) => {
        setEditing(null);
        setSaved(changed);
        if (changed) items.reload();
      }} /> : null}
      <Loaded load={items}>
        {(rows) => (
          <DataTable<Schemas['ItemSummary']>
            label={t('staff.catalog')}
            rows={rows}
            rowKey={(i) => i.code}
            columns={[
              { header: t('staff.code'), cell: (i) => <span class="mono">{i.code}</span> },
              { header: t('staff.item'), cell: (i) => pick(i.name) },
              { header: t('staff.mode'), cell: (i) => t('item.mode.' + i.mode) },
              { header: t('item.fee'), cell: (i) => (i.kind === 'business' ? formatMoney(i.fee.amount, i.fee.currency) : '—') },
              { header: t('item.timeLimit'), cell: (i) => (i.time_limit_days ? t('item.days', { n: i.time_limit_days }) : '—') },
              {
                header: <span class="sr-only">{t('staff.edit')}</span>,
                cell: (i) => (
                  <button type="button" onClick={() => {
                    setSaved(false);
                    setEditing(i.code);
                    window.scrollTo(0, 0);
                  }} aria-label={t('staff.edit') + ' ' + i.code}>{t('staff.edit')}</button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
