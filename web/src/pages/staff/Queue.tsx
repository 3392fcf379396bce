import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { DeadlineBadge, PriorityBadge, StateBadge } from '../../components/Badges';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { isStaff } from '../../session';
import { me } from '../../store';

const STATES = ['submitted', 'accepted', 'in_review', 'needs_supplement', 'pending_second', 'approved', 'issued', 'rejected', 'delivered', 'closed', 'withdrawn'];

export function Queue() {
  const [units, setUnits] = useState<any[]>([]);
  const [filters, setFilters] = useState({ unit: '', state: '', overdue: false, priority: '' });
  const [applied, setApplied] = useState(filters);
  const [cases, setCases] = useState<any[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!me.value || !isStaff(me.value.role)) {
      navigate('/signin?next=/staff', true);
      return;
    }
    api('GET', '/units').then((r) => setUnits(r.units.filter((u: any) => u.kind !== 'liaison_site')), setError);
  }, []);
  useEffect(() => {
    if (!me.value) return;
    const q = new URLSearchParams();
    if (applied.unit) q.set('unit', applied.unit);
    if (applied.state) q.set('state', applied.state);
    if (applied.overdue) q.set('overdue', 'true');
    if (applied.priority) q.set('priority', applied.priority);
    q.set('limit', '100');
    setCases(null);
    setError(null);
    api('GET', '/queue?' + q.toString()).then((r) => setCases(r.cases), (e) => {
      setCases([]);
      setError(e);
    });
  }, [applied]);
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.queue')}</h1>
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        setApplied(filters);
      }} aria-label={t('staff.filters')}>
        <div class="field">
          <label for="unit">{t('staff.unit')}</label>
          <select id="unit" value={filters.unit} onChange={(e) => setFilters({ ...filters, unit: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('staff.allUnits')}</option>
            {units.map((u) => <option key={u.id} value={String(u.id)}>{pick(u.name)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="state">{t('staff.status')}</label>
          <select id="state" value={filters.state} onChange={(e) => setFilters({ ...filters, state: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('staff.openStatuses')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t('state.' + s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="priority">{t('staff.priority')}</label>
          <select id="priority" value={filters.priority} onChange={(e) => setFilters({ ...filters, priority: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('staff.anyPriority')}</option>
            {['urgent', 'care', 'normal'].map((p) => <option key={p} value={p}>{t('priority.' + p)}</option>)}
          </select>
        </div>
        <div class="field checkbox">
          <label>
            <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: (e.target as HTMLInputElement).checked })} />
            {t('staff.overdueOnly')}
          </label>
        </div>
        <button type="submit">{t('staff.apply')}</button>
      </form>
      <ErrorNotice error={error} />
      {!cases ? <Loading /> : null}
      {cases && !cases.length && !error ? <p>{t('staff.noCases')}</p> : null}
      {cases && cases.length ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('staff.queue')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cases.caseNo')}</th>
                <th scope="col">{t('staff.item')}</th>
                <th scope="col">{t('staff.applicant')}</th>
                <th scope="col">{t('cases.state')}</th>
                <th scope="col">{t('cases.deadline')}</th>
                <th scope="col">{t('staff.unit')}</th>
                <th scope="col">{t('cases.submittedAt', { date: '' }).trim()}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} class={c.overdue ? 'overdue' : ''}>
                  <td><Link href={'/staff/cases/' + c.id} class="mono">{c.case_no}</Link></td>
                  <td>{pick(c.item.name)}</td>
                  <td>{c.applicant_name}</td>
                  <td><StateBadge state={c.state} /> <PriorityBadge priority={c.priority} /></td>
                  <td><DeadlineBadge c={c} /></td>
                  <td>{pick(c.unit?.name)}</td>
                  <td>{formatDateTime(c.submitted_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
