import { formatDateTime, pick, t } from '../i18n';

export function Timeline(props: { events: any[] }) {
  return (
    <ol class="timeline">
      {props.events.map((e, i) => (
        <li key={i}>
          <div class="when">{formatDateTime(e.at)}</div>
          <div class="what">
            <strong>{t('action.' + e.action)}</strong>
            {e.to ? <> → {t('state.' + e.to)}</> : null} <span class="muted">{t('cases.by', { role: t('role.' + e.actor_role) })}</span>
          </div>
          {e.unit ? <div class="muted">{pick(e.unit)}</div> : null}
          {e.note && e.actor_role !== 'system' ? <div class="note">{t('cases.note', { note: e.note })}</div> : null}
        </li>
      ))}
    </ol>
  );
}
