import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDateTime, t } from '../../i18n';
import { onLive, unread } from '../../live';
import { navigate } from '../../router';

export function Inbox() {
  const [items, setItems] = useState<Schemas['Notification'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    get('/notifications').then((r) => {
      setItems(r.notifications);
      unread.value = r.unread;
    }, setError);
  useEffect(() => {
    load();
    return onLive((m) => {
      if (m.type === 'notification') load();
    });
  }, []);
  const open = async (n: Schemas['Notification']) => {
    if (!n.read) await send('POST', '/notifications/{id}/read', { id: n.id }, {}).catch(() => {});
    if (n.link) navigate(n.link);
    else load();
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('inbox.title')}</h1>
      <ErrorNotice error={error} />
      {!items ? <Loading /> : null}
      {items && !items.length ? <p>{t('inbox.none')}</p> : null}
      <ul class="list">
        {(items ?? []).map((n) => (
          <li key={n.id} class={n.read ? '' : 'unread'}>
            <button type="button" class="link" onClick={() => open(n)}>
              {n.read ? null : <span class="sr-only">{t('inbox.new')} </span>}
              {n.title}
            </button>
            <span class="small">{n.body}</span>
            <span class="muted small">{formatDateTime(n.at)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
