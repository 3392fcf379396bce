import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { errorText, formatDateTime, t } from '../../i18n';

export function Deliveries() {
  const [list, setList] = useState<any[] | null>(null);
  const [url, setUrl] = useState('');
  const [topics, setTopics] = useState('case.state_changed');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => api('GET', '/deliveries').then((r) => setList(r.deliveries), setError);
  useEffect(() => {
    load();
  }, []);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      const r = await api('POST', '/webhooks', { url, topics: topics.split(/[ ,]+/).filter(Boolean) });
      setSecret(r.webhook.secret);
    } catch (err) {
      const f: Record<string, string> = {};
      for (const [k, v] of Object.entries((err as ApiError).fields ?? {})) f[k] = v.code;
      setFields(f);
      setError(err);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('deliveries.title')}</h1>
      <form class="filters" onSubmit={add} aria-label={t('deliveries.add')}>
        <div class="field">
          <label for="w-url">{t('deliveries.url')}</label>
          <input id="w-url" type="url" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} aria-invalid={fields.url ? 'true' : undefined} />
          {fields.url ? <p class="field-error">{errorText(fields.url)}</p> : null}
        </div>
        <div class="field">
          <label for="w-topics">{t('deliveries.topics')}</label>
          <input id="w-topics" value={topics} onInput={(e) => setTopics((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit">{t('deliveries.add')}</button>
      </form>
      {secret ? <Success text={t('deliveries.secret', { secret })} /> : null}
      <ErrorNotice error={error} />
      {!list ? <Loading /> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('deliveries.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.when')}</th>
                <th scope="col">{t('deliveries.channel')}</th>
                <th scope="col">{t('deliveries.target')}</th>
                <th scope="col">{t('deliveries.event')}</th>
                <th scope="col">{t('deliveries.status')}</th>
                <th scope="col">{t('deliveries.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.updated_at)}</td>
                  <td>{d.channel}</td>
                  <td class="small">{d.target}</td>
                  <td>{d.topic}</td>
                  <td>{d.status}{d.last_error ? <span class="muted small"> — {d.last_error}</span> : null}</td>
                  <td>{d.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
