import type { Schemas } from '../api';
import { formatDate, t } from '../i18n';

export function StateBadge(props: { state: string }) {
  return <span class={'badge state-' + props.state}>{t('state.' + props.state)}</span>;
}

//! The deadline with how much time is left, or that it has passed.
export function DeadlineBadge(props: { c: Pick<Schemas['CaseSummary'], 'deadline' | 'overdue' | 'working_days_left'> }) {
  const c = props.c;
  if (!c.deadline) return null;
  if (c.overdue)
    return (
      <span class="badge overdue">
        {t('cases.overdue')} · {formatDate(c.deadline)}
      </span>
    );
  const left = c.working_days_left;
  return (
    <span class={'badge ' + (left !== undefined && left <= 2 ? 'due-soon' : 'due')}>
      {formatDate(c.deadline)}
      {left !== undefined ? ' · ' + t('cases.daysLeft', { n: left }) : ''}
    </span>
  );
}

export function PriorityBadge(props: { priority: string }) {
  if (props.priority === 'normal') return null;
  return <span class={'badge priority-' + props.priority}>{t('priority.' + props.priority)}</span>;
}

//! The green-channel marker: an approved request put the case first (staff and applicant alike).
export function ExpeditedBadge(props: { c: { expedited?: boolean } }) {
  if (!props.c.expedited) return null;
  return <span class="badge expedited">{t('greenChannel.marker')}</span>;
}

//! The difficult-case team has the case.
export function SpecialistBadge(props: { c: { specialist_team?: boolean } }) {
  if (!props.c.specialist_team) return null;
  return <span class="badge specialist">{t('specialist.marker')}</span>;
}
