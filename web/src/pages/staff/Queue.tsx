import { useEffect, useState } from 'preact/hooks';
import { get, type Schemas } from '../../api';
import { DeadlineBadge, ExpeditedBadge, PriorityBadge, SpecialistBadge, StateBadge } from '../../components/Badges';
import { Link } from '../../components/Link';
import { DataTable, Loaded, useLoad } from '../../components/Data';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { worksCases } from '../../access';
import { me } from '../../store';

const PAGE = 50;
const STATES = ['submitted', 'accepted', 'in_review', 'needs_supplement', 'pending_second', 'approved', 'issued', 'rejected', 'delivered', 'closed', 'withdrawn'];

export function Queue() {
  const [units, setUnits] = useState<Schemas['Unit'][]>([]);
  const [onTeam, setOnTeam] = useState(false);  // a member of the difficult-case team
  const [filters, setFilters] = useState({ q: '', unit: '', state: '', overdue: false, priority: '', assignee: '', sort: '' });
  const [applied, setApplied] = useState(filters);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!me.value || !worksCases(me.value.role)) {
      navigate('/signin?next=/staff', true);
      return;
    }
    get('/units').then((r) => {
      setUnits(r.units.filter((u) => u.kind !== 'liaison_site'));
      setOnTeam(r.units.some((u) => u.kind === 'special_team' && u.id === me.value?.unit_id));
    }, setError);
  }, []);
  const query = (offset: number) => {
    const q = new URLSearchParams();
    for (const k of ['q', 'unit', 'state', 'priority', 'assignee', 'sort'] as const) if (applied[k]) q.set(k, applied[k].trim());
    if (applied.overdue) q.set('overdue', 'true');
    q.set('limit', String(PAGE));
    if (offset) q.set('offset', String(offset));
    return q;
  };
  const page = useLoad(() => get('/queue', {}, query(0)), [applied]);
  const showMore = async () => {
    const now = page.data!;
    try {
      const r = await get('/queue', {}, query(now.cases.length));
      page.setData({ cases: [...now.cases, ...r.cases], more: r.more });
    } catch (e) {
      setError(e);
    }
  };
  const set = (k: string) => (e: Event) => setFilters({ ...filters, [k]: (e.target as HTMLInputElement).value });
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.queue')}</h1>
      {me.value?.role === 'supervisor' || onTeam ? (
        <p class="links">
          {me.value?.role === 'supervisor' ? <Link href="/staff/green-channel">{t('staff.greenChannel.title')}</Link> : null}{' '}
          {onTeam ? <Link href="/staff/difficult">{t('staff.difficult.queue')}</Link> : null}
        </p>
      ) : null}
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        setApplied(filters);
      }} aria-label={t('staff.filters')}>
        <div class="field wide">
          <label for="q">{t('staff.search')}</label>
          <p class="hint" id="q-hint">{t('staff.searchHint')}</p>
          <input id="q" type="search" maxLength={100} value={filters.q} aria-describedby="q-hint" onInput={set('q')} />
        </div>
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
        <div class="field">
          <label for="assignee">{t('staff.assignee')}</label>
          <select id="assignee" value={filters.assignee} onChange={set('assignee')}>
            <option value="">{t('staff.assigneeAny')}</option>
            <option value="me">{t('staff.assigneeMe')}</option>
            <option value="none">{t('staff.assigneeNone')}</option>
          </select>
        </div>
        <div class="field">
          <label for="sort">{t('staff.sort')}</label>
          <select id="sort" value={filters.sort} onChange={set('sort')} aria-describedby="sort-hint">
            {['deadline', 'oldest', 'newest', 'updated'].map((o) => <option key={o} value={o === 'deadline' ? '' : o}>{t('staff.sortBy.' + o)}</option>)}
          </select>
          <p class="hint" id="sort-hint">{t('staff.urgentFirst')}</p>
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
      <Loaded load={page} empty={t('staff.noCases')} isEmpty={(p) => !p.cases.length}>
        {(p) => (
          <>
            <DataTable<Schemas['CaseSummary']>
              label={t('staff.queue')}
              rows={p.cases}
              rowKey={(c) => c.id}
              rowClass={(c) => (c.overdue ? 'overdue' : '')}
              columns={[
                { header: t('cases.caseNo'), cell: (c) => <Link href={'/staff/cases/' + c.id} class="mono">{c.case_no}</Link> },
                { header: t('staff.item'), cell: (c) => pick(c.item.name) },
                { header: t('staff.applicant'), cell: (c) => c.applicant_name },
                { header: t('cases.state'), cell: (c) => <><StateBadge state={c.state} /> <PriorityBadge priority={c.priority} /> <ExpeditedBadge c={c} /> <SpecialistBadge c={c} /></> },
                { header: t('cases.deadline'), cell: (c) => <DeadlineBadge c={c} /> },
                {
                  header: t('staff.assignee'),
                  cell: (c) => (c.assignee ? (c.assignee.id === me.value?.id ? <strong>{t('staff.assigneeMe')}</strong> : c.assignee.name) : <span class="muted">{t('staff.notAssigned')}</span>),
                },
                { header: t('staff.unit'), cell: (c) => pick(c.unit?.name) },
                { header: t('cases.submittedAt', { date: '' }).trim(), cell: (c) => formatDateTime(c.submitted_at) },
              ]}
            />
            <p class="muted small" role="status">{t('staff.shown', { n: p.cases.length })}</p>
            {p.more ? <p><button type="button" onClick={showMore}>{t('staff.more')}</button></p> : null}
          </>
        )}
      </Loaded>
    </>
  );
}
