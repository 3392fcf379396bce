// Administration: webhooks (register one and see its secret once, disable and enable, their
// deliveries counted by status), the event topics they can subscribe to, and the delivery log
// of e-mails and webhooks with a retry for the failed ones.
import { useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { useConfirm } from '../../components/Confirm';
import { DataTable, Loaded, useLoad } from '../../components/Data';
import { ErrorNotice, Success } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { FieldMsg, fieldErrors } from './shared';

type Hook = Schemas['Webhook'];
type Topic = Schemas['EventTopic'];

function statusText(s: string) {
  return ['pending', 'sent', 'failed', 'cancelled'].includes(s) ? t('admin.webhooks.status.' + s) : s;
}

function CreateHook(props: { topics: Topic[]; onDone: (secret: string) => void; onCancel: () => void }) {
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const toggle = (name: string, on: boolean) => setChosen(on ? [...chosen.filter((x) => x !== name), name] : chosen.filter((x) => x !== name));
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      const r = await send('POST', '/webhooks', {}, { url: url.trim(), topics: chosen.includes('*') ? ['*'] : chosen });
      props.onDone(r.webhook.secret);
    } catch (err) {
      setFields(fieldErrors(err));
      setError(err);
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="wh-title" noValidate>
      <h2 id="wh-title">{t('admin.webhooks.new')}</h2>
      <div class={'field' + (fields.url ? ' has-error' : '')}>
        <label for="wh-url">{t('admin.webhooks.url')}</label>
        <p id="wh-url-hint" class="hint">{t('admin.webhooks.urlHint')}</p>
        <input id="wh-url" type="url" value={url} aria-invalid={fields.url ? 'true' : undefined}
          aria-describedby={'wh-url-hint' + (fields.url ? ' wh-url-error' : '')}
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        <FieldMsg id="wh-url-error" code={fields.url} />
      </div>
      <fieldset class={fields.topics ? 'has-error' : ''} aria-describedby={fields.topics ? 'wh-topics-error' : undefined}>
        <legend>{t('admin.webhooks.topics')}</legend>
        <div class="field checkbox">
          <label><input type="checkbox" checked={chosen.includes('*')} onChange={(e) => toggle('*', (e.target as HTMLInputElement).checked)} /> {t('admin.webhooks.allTopics')}</label>
        </div>
        {props.topics.map((tp) => (
          <div class="field checkbox" key={tp.name}>
            <label>
              <input type="checkbox" value={tp.name} disabled={chosen.includes('*')} checked={chosen.includes(tp.name) || chosen.includes('*')}
                onChange={(e) => toggle(tp.name, (e.target as HTMLInputElement).checked)} />
              <span><span class="mono break">{tp.name}</span><br /><span class="small muted">{pick(tp.description)}</span></span>
            </label>
          </div>
        ))}
        <FieldMsg id="wh-topics-error" code={fields.topics} />
      </fieldset>
      <ErrorNotice error={error} />
      <div class="buttons">
        <button type="submit" class="primary">{t('admin.webhooks.create')}</button>
        <button type="button" onClick={props.onCancel}>{t('admin.cancel')}</button>
      </div>
    </form>
  );
}

export function AdminWebhooks() {
  const hooks = useLoad(() => get('/admin/webhooks').then((r) => r.webhooks), []);
  const log = useLoad(() => get('/deliveries').then((r) => r.deliveries), []);
  const topicList = useLoad(() => get('/event-topics').then((r) => r.topics), []);
  const topics = topicList.data;
  // Errors of the changes made from the page (the lists show their own).
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState('');
  const [dialog, confirm] = useConfirm();
  const load = () => {
    hooks.reload();
    log.reload();
  };
  const toggle = async (h: Hook) => {
    setMessage('');
    setError(null);
    if (!h.disabled) {
      const ok = await confirm({
        title: t('admin.webhooks.confirmDisableTitle'),
        body: <p>{t('admin.webhooks.confirmDisableBody', { url: h.url })}</p>,
        confirmLabel: t('admin.webhooks.confirmDisable'),
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await send('PATCH', '/admin/webhooks/{id}', { id: h.id }, { disabled: !h.disabled });
      setMessage(t(h.disabled ? 'admin.webhooks.enabledNow' : 'admin.webhooks.disabledNow', { url: h.url }));
      load();
    } catch (err) {
      setError(err);
    }
  };
  const retry = async (id: number) => {
    setMessage('');
    setError(null);
    try {
      await send('POST', '/admin/deliveries/{id}/retry', { id }, {});
      setMessage(t('admin.webhooks.retried'));
      load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.webhooks.title')}</h1>
      <p class="muted">{t('admin.webhooks.intro')}</p>
      {secret ? (
        <div class="notice ok" role="status">
          <p>{t('admin.webhooks.secretShown')}</p>
          <p class="mono break" data-testid="webhook-secret">{secret}</p>
        </div>
      ) : null}
      {message ? <Success text={message} /> : null}
      <ErrorNotice error={error} />
      {creating && topics ? (
        <CreateHook topics={topics} onCancel={() => setCreating(false)} onDone={(s) => {
          setCreating(false);
          setSecret(s);
          load();
        }} />
      ) : (
        <p><button type="button" class="primary" onClick={() => {
          setSecret('');
          setMessage('');
          setCreating(true);
        }}>{t('admin.webhooks.new')}</button></p>
      )}
      <h2>{t('admin.webhooks.list')}</h2>
      <Loaded load={hooks} empty={<span class="muted">{t('admin.webhooks.none')}</span>} isEmpty={(l) => !l.length}>
        {(list) => (
          <ul class="list hooks">
            {list.map((h) => (
              <li key={h.id} data-hook={h.id}>
                <div class="hook-head">
                  <span class="mono break">{h.url}</span>
                  <span class={'badge ' + (h.disabled ? 'closed' : 'open')}>{h.disabled ? t('admin.disabled') : t('admin.active')}</span>
                </div>
                <div class="small">{t('admin.webhooks.topics')}: <span class="mono break">{h.topics.join(', ')}</span></div>
                <div class="small muted">
                  {t('admin.webhooks.counts', { pending: h.deliveries.pending, sent: h.deliveries.sent, failed: h.deliveries.failed })}
                  {' · '}{t('admin.webhooks.since', { date: formatDateTime(h.created_at) })}
                </div>
                {h.last_error ? <div class="small bad-text break">{t('admin.webhooks.lastError', { error: h.last_error, date: formatDateTime(h.last_error_at) })}</div> : null}
                <div class="buttons">
                  <button type="button" class={h.disabled ? '' : 'danger'} onClick={() => toggle(h)}
                    aria-label={t(h.disabled ? 'admin.webhooks.enableOne' : 'admin.webhooks.disableOne', { url: h.url })}>
                    {h.disabled ? t('admin.enable') : t('admin.disable')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <h2>{t('admin.webhooks.deliveries')}</h2>
      <Loaded load={log} empty={<span class="muted">{t('admin.webhooks.noDeliveries')}</span>} isEmpty={(l) => !l.length}>
        {(deliveries) => (
          <DataTable<Schemas['Delivery']>
            label={t('admin.webhooks.deliveries')}
            class="admin-table"
            rows={deliveries.slice(0, 50)}
            rowKey={(d) => d.id}
            columns={[
              { header: t('deliveries.when'), class: 'small', cell: (d) => formatDateTime(d.updated_at) },
              {
                header: t('deliveries.target'),
                class: 'small',
                cell: (d) => <><span class="muted">{d.channel === 'email' ? t('admin.webhooks.email') : 'Webhook'}</span><div class="break">{d.target}</div></>,
              },
              { header: t('deliveries.event'), class: 'small mono', cell: (d) => d.topic },
              {
                header: t('deliveries.status'),
                class: 'small',
                cell: (d) => (
                  <>
                    {statusText(d.status)} <span class="muted">({t('admin.webhooks.attempts', { n: d.attempts })})</span>
                    {d.last_error ? <div class="muted break">{d.last_error}</div> : null}
                  </>
                ),
              },
              {
                header: <span class="sr-only">{t('admin.actions')}</span>,
                cell: (d) => (d.status === 'failed' ? <button type="button" onClick={() => retry(d.id)} aria-label={t('admin.webhooks.retryOne', { id: d.id })}>{t('admin.webhooks.retry')}</button> : null),
              },
            ]}
          />
        )}
      </Loaded>
      <h2>{t('admin.webhooks.topicsTitle')}</h2>
      <Loaded load={topicList}>
        {(all) => (
          <dl class="topics">
            {all.map((tp) => (
              <div key={tp.name}>
                <dt class="mono break">{tp.name}</dt>
                <dd>{pick(tp.description)}</dd>
              </div>
            ))}
            <div>
              <dt class="mono">*</dt>
              <dd>{t('admin.webhooks.allTopicsMeaning')}</dd>
            </div>
          </dl>
        )}
      </Loaded>
      {dialog}
    </>
  );
}
