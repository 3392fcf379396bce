// A case's history, newest last. The applicant reads roles ("by you", "by the officer"); the
// workbench passes its own `by`, which reads the history from the staff's side.
import type { Schemas } from '../api';
import { formatDateTime, pick, t } from '../i18n';

type Event = Schemas['TimelineEvent'];

const applicantSide = (e: Event) => t('cases.by', { role: t('role.' + e.actor_role) });

export function Timeline(props: { events: Event[]; by?: (e: Event) => string }) {
  const by = props.by ?? applicantSide;
  return (
    <ol class="timeline">
      {props.events.map((e, i) => (
        <li key={i}>
          <div class="when">{formatDateTime(e.at)}</div>
          <div class="what">
            <strong>{t('action.' + e.action)}</strong>
            {e.to && e.to !== e.from ? <> → {t('state.' + e.to)}</> : null} <span class="muted">{by(e)}</span>
          </div>
          {e.proxy ? (
            <div class="proxy-by">{t('mandates.byProxy', { name: e.proxy.name ?? '', id: e.proxy.mandate_id })}</div>
          ) : null}
          {e.unit ? <div class="muted">{pick(e.unit)}</div> : null}
          {e.note && e.actor_role !== 'system' ? <div class="note">{t('cases.note', { note: e.note })}</div> : null}
        </li>
      ))}
    </ol>
  );
}
