// Administration: staff and applicant accounts. Search and filter, create a staff account,
// change role, unit and name, disable or enable. Disabling and demoting are confirmed first;
// an administrator cannot do either to themselves.
import { useState } from 'preact/hooks';
import { get, send, type Body, type Schemas } from '../../api';
import { useConfirm } from '../../components/Confirm';
import { DataTable, Loaded, useLoad } from '../../components/Data';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { formatDateTime, t } from '../../i18n';
import { me } from '../../store';
import { FieldMsg, STAFF_ROLES, fieldErrors, roleName, unitLabel, unitTree, useUnits, Unit } from './shared';

type User = Schemas['AdminUser'];
//! The roles a staff account can be given (the request schemas' enum).
type StaffRole = NonNullable<Body<'/admin/users/{id}', 'patch'>['role']>;

const PAGE = 20;

function UnitSelect(props: { id: string; units: Unit[]; value: string; onChange: (v: string) => void; empty: string; error?: string }) {
  return (
    <select id={props.id} value={props.value} aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={props.error ? props.id + '-error' : undefined}
      onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
      <option value="">{props.empty}</option>
      {unitTree(props.units).map(({ unit, depth }) => (
        <option key={unit.id} value={String(unit.id)}>{'\u00a0\u00a0'.repeat(depth) + unitLabel(unit)}</option>
      ))}
    </select>
  );
}

function CreateUser(props: { units: Unit[]; onDone: (msg: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState({ email: '', display_name: '', role: 'officer', unit_id: '', password: '' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string, v: string) => setDraft({ ...draft, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    setBusy(true);
    try {
      const body: Body<'/admin/users', 'post'> = { email: draft.email, display_name: draft.display_name, role: draft.role as StaffRole };
      if (draft.unit_id) body.unit_id = Number(draft.unit_id);
      if (draft.password) body.password = draft.password;
      const r = await send('POST', '/admin/users', {}, body);
      props.onDone(r.password ? t('admin.users.generated', { email: r.user.email, password: r.password }) : t('admin.users.created', { email: r.user.email }));
    } catch (err) {
      setFields(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const text = (key: keyof typeof draft, label: string, type = 'text', hint?: string) => (
    <div class={'field' + (fields[key] ? ' has-error' : '')}>
      <label for={'nu-' + key}>{label}</label>
      {hint ? <p id={'nu-' + key + '-hint'} class="hint">{hint}</p> : null}
      <input id={'nu-' + key} type={type} value={draft[key]} autoComplete="off"
        aria-invalid={fields[key] ? 'true' : undefined}
        aria-describedby={[hint ? 'nu-' + key + '-hint' : '', fields[key] ? 'nu-' + key + '-error' : ''].filter(Boolean).join(' ') || undefined}
        onInput={(e) => set(key, (e.target as HTMLInputElement).value)} />
      <FieldMsg id={'nu-' + key + '-error'} code={fields[key]} />
    </div>
  );
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="nu-title" noValidate>
      <h2 id="nu-title">{t('admin.users.new')}</h2>
      {text('email', t('admin.users.email'), 'email')}
      {text('display_name', t('admin.users.name'))}
      <div class={'field' + (fields.role ? ' has-error' : '')}>
        <label for="nu-role">{t('admin.users.role')}</label>
        <select id="nu-role" value={draft.role} onChange={(e) => set('role', (e.target as HTMLSelectElement).value)}>
          {STAFF_ROLES.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
        </select>
        <FieldMsg id="nu-role-error" code={fields.role} />
      </div>
      <div class={'field' + (fields.unit_id ? ' has-error' : '')}>
        <label for="nu-unit">{t('admin.users.unit')}</label>
        <UnitSelect id="nu-unit" units={props.units} value={draft.unit_id} onChange={(v) => set('unit_id', v)}
          empty={draft.role === 'admin' ? t('admin.users.noUnit') : t('admin.users.chooseUnit')} error={fields.unit_id} />
        <FieldMsg id="nu-unit-error" code={fields.unit_id} />
      </div>
      {text('password', t('admin.users.password'), 'text', t('admin.users.passwordHint'))}
      <ErrorNotice error={error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>{t('admin.users.create')}</button>
        <button type="button" onClick={props.onCancel}>{t('admin.cancel')}</button>
      </div>
    </form>
  );
}

function EditUser(props: { user: User; units: Unit[]; onDone: (msg: string) => void; onCancel: () => void }) {
  const u = props.user;
  const self = me.value?.id === u.id;
  const [draft, setDraft] = useState({ display_name: u.display_name, role: u.role, unit_id: u.unit_id ? String(u.unit_id) : '' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();
  const staff = u.role !== 'applicant';
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFields({});
    const body: Body<'/admin/users/{id}', 'patch'> = {};
    if (draft.display_name !== u.display_name) body.display_name = draft.display_name;
    if (staff && draft.role !== u.role) body.role = draft.role as StaffRole;
    const unitId = draft.unit_id ? Number(draft.unit_id) : null;
    if (staff && unitId !== u.unit_id) body.unit_id = unitId;
    if (!Object.keys(body).length) return props.onCancel();
    // Taking a role away removes access: said and confirmed first.
    if (body.role) {
      const ok = await confirm({
        title: t('admin.users.confirmRoleTitle', { name: u.display_name }),
        body: <p>{t('admin.users.confirmRoleBody', { name: u.display_name, from: roleName(u.role), to: roleName(body.role) })}</p>,
        confirmLabel: t('admin.users.confirmRole'),
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await send('PATCH', '/admin/users/{id}', { id: u.id }, body);
      props.onDone(t('admin.saved'));
    } catch (err) {
      setFields(fieldErrors(err));
      setError(err);
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="eu-title" noValidate>
      <h2 id="eu-title">{t('admin.users.editTitle', { name: u.display_name })}</h2>
      <p class="muted small break">{u.email}</p>
      <div class={'field' + (fields.display_name ? ' has-error' : '')}>
        <label for="eu-name">{t('admin.users.name')}</label>
        <input id="eu-name" value={draft.display_name} aria-invalid={fields.display_name ? 'true' : undefined}
          aria-describedby={fields.display_name ? 'eu-name-error' : undefined}
          onInput={(e) => setDraft({ ...draft, display_name: (e.target as HTMLInputElement).value })} />
        <FieldMsg id="eu-name-error" code={fields.display_name} />
      </div>
      {staff ? (
        <>
          <div class={'field' + (fields.role ? ' has-error' : '')}>
            <label for="eu-role">{t('admin.users.role')}</label>
            {self ? <p id="eu-role-hint" class="hint">{t('admin.users.selfNote')}</p> : null}
            <select id="eu-role" value={draft.role} disabled={self} aria-describedby={self ? 'eu-role-hint' : undefined}
              onChange={(e) => setDraft({ ...draft, role: (e.target as HTMLSelectElement).value })}>
              {STAFF_ROLES.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
            </select>
            <FieldMsg id="eu-role-error" code={fields.role} />
          </div>
          <div class={'field' + (fields.unit_id ? ' has-error' : '')}>
            <label for="eu-unit">{t('admin.users.unit')}</label>
            <UnitSelect id="eu-unit" units={props.units} value={draft.unit_id} onChange={(v) => setDraft({ ...draft, unit_id: v })}
              empty={draft.role === 'admin' ? t('admin.users.noUnit') : t('admin.users.chooseUnit')} error={fields.unit_id} />
            <FieldMsg id="eu-unit-error" code={fields.unit_id} />
          </div>
        </>
      ) : <p class="muted">{t('admin.users.applicantNote')}</p>}
      <ErrorNotice error={error} />
      <div class="buttons">
        <button type="submit" class="primary">{t('admin.save')}</button>
        <button type="button" onClick={props.onCancel}>{t('admin.cancel')}</button>
      </div>
      {dialog}
    </form>
  );
}

export function AdminUsers() {
  const unitsLoad = useUnits();
  const units = unitsLoad.data;
  const [filters, setFilters] = useState({ q: '', role: '', unit: '', disabled: '' });
  const [applied, setApplied] = useState(filters);
  const [offset, setOffset] = useState(0);
  // The page of accounts; `error` is for the changes made from it.
  const list = useLoad(() => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(applied)) if (v) q.set(k, v);
    q.set('limit', String(PAGE));
    q.set('offset', String(offset));
    return get('/admin/users', {}, q);
  }, [applied, offset]);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<{ kind: 'create' } | { kind: 'edit'; user: User } | null>(null);
  const [message, setMessage] = useState('');
  const [dialog, confirm] = useConfirm();
  const load = list.reload;
  const done = (msg: string) => {
    setMode(null);
    setMessage(msg);
    load();
  };
  const toggle = async (u: User) => {
    setMessage('');
    setError(null);
    if (!u.disabled) {
      const ok = await confirm({
        title: t('admin.users.confirmDisableTitle', { name: u.display_name }),
        body: <p>{t('admin.users.confirmDisableBody', { name: u.display_name, email: u.email })}</p>,
        confirmLabel: t('admin.users.confirmDisable'),
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await send('PATCH', '/admin/users/{id}', { id: u.id }, { disabled: !u.disabled });
      setMessage(t(u.disabled ? 'admin.users.enabled' : 'admin.users.disabledNow', { name: u.display_name }));
      load();
    } catch (err) {
      setError(err);
    }
  };
  const setF = (k: string, v: string) => setFilters({ ...filters, [k]: v });
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.users.title')}</h1>
      <p class="muted">{t('admin.users.intro')}</p>
      <ErrorNotice error={unitsLoad.error} />
      {message ? <Success text={message} /> : null}
      {mode?.kind === 'create' && units ? <CreateUser units={units} onDone={done} onCancel={() => setMode(null)} /> : null}
      {mode?.kind === 'edit' && units ? <EditUser key={mode.user.id} user={mode.user} units={units} onDone={done} onCancel={() => setMode(null)} /> : null}
      {!mode ? (
        <p><button type="button" class="primary" onClick={() => {
          setMessage('');
          setMode({ kind: 'create' });
        }}>{t('admin.users.new')}</button></p>
      ) : null}
      <form class="filters admin-filters" role="search" aria-label={t('admin.users.filters')} onSubmit={(e) => {
        e.preventDefault();
        setOffset(0);
        setApplied(filters);
      }}>
        <div class="field">
          <label for="uf-q">{t('admin.users.search')}</label>
          <input id="uf-q" type="search" value={filters.q} onInput={(e) => setF('q', (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="uf-role">{t('admin.users.role')}</label>
          <select id="uf-role" value={filters.role} onChange={(e) => setF('role', (e.target as HTMLSelectElement).value)}>
            <option value="">{t('admin.users.anyRole')}</option>
            {[...STAFF_ROLES, 'applicant'].map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="uf-unit">{t('admin.users.unit')}</label>
          {units ? <UnitSelect id="uf-unit" units={units} value={filters.unit} onChange={(v) => setF('unit', v)} empty={t('admin.users.anyUnit')} /> : <Loading />}
        </div>
        <div class="field">
          <label for="uf-state">{t('admin.users.state')}</label>
          <select id="uf-state" value={filters.disabled} onChange={(e) => setF('disabled', (e.target as HTMLSelectElement).value)}>
            <option value="">{t('admin.users.anyState')}</option>
            <option value="false">{t('admin.active')}</option>
            <option value="true">{t('admin.disabled')}</option>
          </select>
        </div>
        <button type="submit">{t('admin.users.apply')}</button>
      </form>
      <ErrorNotice error={error} />
      <Loaded load={list}>
        {(page) => (
          <>
            <p class="muted" role="status">{t('admin.users.count', { n: page.total })}</p>
            <DataTable<User>
              label={t('admin.users.title')}
              class="admin-table"
              rows={page.users}
              rowKey={(u) => u.id}
              rowAttrs={(u) => ({ 'data-email': u.email })}
              columns={[
                {
                  header: t('admin.users.name'),
                  cell: (u) => (
                    <>
                      <strong>{u.display_name}</strong>{me.value?.id === u.id ? <span class="muted"> {t('admin.users.you')}</span> : null}
                      <div class="small muted">{u.email}</div>
                      {u.role === 'applicant' ? <div class="small muted">{t(u.assurance === 'verified' ? 'admin.users.verified' : 'admin.users.notVerified')}</div> : null}
                    </>
                  ),
                },
                { header: t('admin.users.role'), cell: (u) => roleName(u.role) },
                { header: t('admin.users.unit'), cell: (u) => (u.unit ? unitLabel(u.unit) : '—') },
                {
                  header: t('admin.users.state'),
                  cell: (u) => <span class={'badge ' + (u.disabled ? 'closed' : 'open')}>{u.disabled ? t('admin.disabled') : t('admin.active')}</span>,
                },
                { header: t('admin.users.createdAt'), class: 'small', cell: (u) => formatDateTime(u.created_at) },
                {
                  header: <span class="sr-only">{t('admin.actions')}</span>,
                  cell: (u) => (
                    <div class="cell-buttons">
                      <button type="button" aria-label={t('admin.users.editOne', { name: u.display_name })} onClick={() => {
                        setMessage('');
                        setMode({ kind: 'edit', user: u });
                        window.scrollTo(0, 0);
                      }}>{t('admin.edit')}</button>
                      {me.value?.id === u.id ? null : (
                        <button type="button" class={u.disabled ? '' : 'danger'} onClick={() => toggle(u)}
                          aria-label={t(u.disabled ? 'admin.users.enableOne' : 'admin.users.disableOne', { name: u.display_name })}>
                          {u.disabled ? t('admin.enable') : t('admin.disable')}
                        </button>
                      )}
                    </div>
                  ),
                },
              ]}
            />
            <div class="buttons">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('admin.previous')}</button>
              <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>{t('admin.next')}</button>
            </div>
          </>
        )}
      </Loaded>
      {dialog}
    </>
  );
}
