// Administration: the units (bureau → centres → service points, overseas liaison sites,
// departments) as a tree; create and edit. The server reloads its unit directory after a change,
// so queues, appointments and the public list follow at once.
import { useState } from 'preact/hooks';
import { send, type Body } from '../../api';
import { DataTable, Loaded } from '../../components/Data';
import { ErrorNotice, Success } from '../../components/Notice';
import { pick, t } from '../../i18n';
import { FieldMsg, UNIT_KINDS, Unit, fieldErrors, unitLabel, unitTree, useUnits } from './shared';

const DAY_RANGE = /^([1-7])(?:-([1-7]))?$/;

//! "1-5 08:30-12:00" lines → opening hours; a line that cannot be read gives null.
function parseHours(text: string): { days: number[]; open: string; close: string }[] | null {
  const out = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([1-7](?:-[1-7])?(?:,[1-7](?:-[1-7])?)*)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    if (!m) return null;
    const days: number[] = [];
    for (const part of m[1].split(',')) {
      const d = DAY_RANGE.exec(part)!;
      const from = Number(d[1]);
      const to = d[2] ? Number(d[2]) : from;
      for (let i = from; i <= to; i++) if (!days.includes(i)) days.push(i);
    }
    out.push({ days, open: m[2], close: m[3] });
  }
  return out;
}

function formatHours(hours: { days: number[]; open: string; close: string }[]): string {
  return hours.map((h) => {
    const d = [...h.days].sort();
    const contiguous = d.every((x, i) => i === 0 || x === d[i - 1] + 1);
    const days = d.length > 1 && contiguous ? d[0] + '-' + d[d.length - 1] : d.join(',');
    return days + ' ' + h.open + '-' + h.close;
  }).join('\n');
}

function UnitForm(props: { unit: Unit | null; units: Unit[]; onDone: (msg: string) => void; onCancel: () => void }) {
  const u = props.unit;
  const [draft, setDraft] = useState({
    code: u?.code ?? '', parent_id: u?.parent_id ? String(u.parent_id) : '', kind: u?.kind ?? 'service_site',
    nameZh: u?.name.zh ?? '', nameEn: u?.name.en ?? '', country: u?.country ?? '', city: u?.city ?? '',
    timezone: u?.timezone ?? 'Asia/Shanghai', addressZh: u?.address.zh ?? '', addressEn: u?.address.en ?? '',
    phone: u?.phone ?? '', hours: u ? formatHours(u.opening_hours ?? []) : '1-5 09:00-12:00\n1-5 14:00-17:00',
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const set = (k: string, v: string) => setDraft({ ...draft, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const hours = parseHours(draft.hours);
    if (!hours) {
      setFields({ opening_hours: 'hours' });
      return;
    }
    setFields({});
    const body: Body<'/admin/units', 'post'> = {
      code: draft.code.trim(), kind: draft.kind as Body<'/admin/units', 'post'>['kind'], parent_id: draft.parent_id ? Number(draft.parent_id) : null,
      name: { zh: draft.nameZh.trim(), en: draft.nameEn.trim() }, country: draft.country.trim().toUpperCase(),
      city: draft.city.trim(), timezone: draft.timezone.trim(), address: { zh: draft.addressZh.trim(), en: draft.addressEn.trim() },
      phone: draft.phone.trim(), opening_hours: hours,
    };
    try {
      const r = u ? await send('PATCH', '/admin/units/{id}', { id: u.id }, body) : await send('POST', '/admin/units', {}, body);
      props.onDone(t('admin.units.saved', { name: pick(r.unit.name) }));
    } catch (err) {
      const f = fieldErrors(err);
      // Errors inside the opening hours ("opening_hours[1].close") belong to the one box.
      for (const k of Object.keys(f)) if (k.startsWith('opening_hours[')) f.opening_hours = f[k];
      setFields(f);
      setError(err);
    }
  };
  const err = (key: string) => fields[key];
  const describe = (id: string, key: string, hint = false) =>
    [hint ? id + '-hint' : '', err(key) ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
  const text = (key: keyof typeof draft, apiKey: string, label: string, hint?: string, extra: Record<string, string | number | boolean> = {}) => {
    const id = 'un-' + key;
    return (
      <div class={'field' + (err(apiKey) ? ' has-error' : '')}>
        <label for={id}>{label}</label>
        {hint ? <p id={id + '-hint'} class="hint">{hint}</p> : null}
        <input id={id} value={draft[key]} aria-invalid={err(apiKey) ? 'true' : undefined}
          aria-describedby={describe(id, apiKey, !!hint)} {...extra}
          onInput={(e) => set(key, (e.target as HTMLInputElement).value)} />
        <FieldMsg id={id + '-error'} code={err(apiKey)} />
      </div>
    );
  };
  // A unit cannot go under itself or a unit below it.
  const below = new Set<number>();
  if (u) {
    below.add(u.id);
    for (let grew = true; grew;) {
      grew = false;
      for (const x of props.units) if (x.parent_id && below.has(x.parent_id) && !below.has(x.id)) {
        below.add(x.id);
        grew = true;
      }
    }
  }
  const nameErr = err('name.zh') || err('name.en') ? undefined : err('name');
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="un-title" noValidate>
      <h2 id="un-title">{u ? t('admin.units.editTitle', { name: pick(u.name) }) : t('admin.units.new')}</h2>
      {text('code', 'code', t('admin.units.code'), t('admin.units.codeHint'), { autoCapitalize: 'characters', spellcheck: false })}
      <div class={'field' + (err('kind') ? ' has-error' : '')}>
        <label for="un-kind">{t('admin.units.kind')}</label>
        <select id="un-kind" value={draft.kind} onChange={(e) => set('kind', (e.target as HTMLSelectElement).value)}>
          {UNIT_KINDS.map((k) => <option key={k} value={k}>{t('sites.kind.' + k)}</option>)}
        </select>
        <FieldMsg id="un-kind-error" code={err('kind')} />
      </div>
      <div class={'field' + (err('parent_id') ? ' has-error' : '')}>
        <label for="un-parent">{t('admin.units.parent')}</label>
        <select id="un-parent" value={draft.parent_id} aria-invalid={err('parent_id') ? 'true' : undefined}
          aria-describedby={err('parent_id') ? 'un-parent-error' : undefined}
          onChange={(e) => set('parent_id', (e.target as HTMLSelectElement).value)}>
          <option value="">{t('admin.units.noParent')}</option>
          {unitTree(props.units).filter(({ unit }) => !below.has(unit.id)).map(({ unit, depth }) => (
            <option key={unit.id} value={String(unit.id)}>{'\u00a0\u00a0'.repeat(depth) + unitLabel(unit)}</option>
          ))}
        </select>
        <FieldMsg id="un-parent-error" code={err('parent_id')} />
      </div>
      {text('nameZh', 'name.zh', t('admin.units.nameZh'))}
      {text('nameEn', 'name.en', t('admin.units.nameEn'))}
      {nameErr ? <FieldMsg id="un-name-error" code={nameErr} /> : null}
      {text('country', 'country', t('admin.units.country'), t('admin.units.countryHint'), { autoCapitalize: 'characters', maxLength: 2 })}
      {text('city', 'city', t('admin.units.city'))}
      {text('timezone', 'timezone', t('admin.units.timezone'), t('admin.units.timezoneHint'))}
      {text('addressZh', 'address.zh', t('admin.units.addressZh'))}
      {text('addressEn', 'address.en', t('admin.units.addressEn'))}
      {err('address') ? <FieldMsg id="un-address-error" code={err('address')} /> : null}
      {text('phone', 'phone', t('admin.units.phone'), t('admin.units.phoneHint'), { type: 'tel' })}
      <div class={'field' + (err('opening_hours') ? ' has-error' : '')}>
        <label for="un-hours">{t('admin.units.hours')}</label>
        <p id="un-hours-hint" class="hint">{t('admin.units.hoursHint')}</p>
        <textarea id="un-hours" rows={4} value={draft.hours} aria-invalid={err('opening_hours') ? 'true' : undefined}
          aria-describedby={describe('un-hours', 'opening_hours', true)}
          onInput={(e) => set('hours', (e.target as HTMLTextAreaElement).value)} />
        <FieldMsg id="un-hours-error" code={err('opening_hours')} />
      </div>
      <ErrorNotice error={error} />
      <div class="buttons">
        <button type="submit" class="primary">{u ? t('admin.save') : t('admin.units.create')}</button>
        <button type="button" onClick={props.onCancel}>{t('admin.cancel')}</button>
      </div>
    </form>
  );
}

export function AdminUnits() {
  const list = useUnits();
  const units = list.data;
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [message, setMessage] = useState('');
  const byId = new Map((units ?? []).map((u) => [u.id, u]));
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.units.title')}</h1>
      <p class="muted">{t('admin.units.intro')}</p>
      {message ? <Success text={message} /> : null}
      {editing && units ? (
        <UnitForm key={editing === 'new' ? 'new' : editing.id} unit={editing === 'new' ? null : editing} units={units}
          onCancel={() => setEditing(null)} onDone={(msg) => {
            setEditing(null);
            setMessage(msg);
            list.reload();
          }} />
      ) : (
        <p><button type="button" class="primary" onClick={() => {
          setMessage('');
          setEditing('new');
        }}>{t('admin.units.new')}</button></p>
      )}
      <Loaded load={list}>
        {(all) => (
          <DataTable<{ unit: Unit; depth: number }>
            label={t('admin.units.title')}
            class="admin-table"
            rows={unitTree(all)}
            rowKey={({ unit }) => unit.id}
            columns={[
              {
                header: t('admin.units.name'),
                cell: ({ unit, depth }) => (
                  <div style={{ paddingInlineStart: Math.min(depth, 4) * 0.9 + 'rem' }}>
                    {depth ? <span aria-hidden="true" class="muted">└ </span> : null}
                    <strong>{pick(unit.name)}</strong>
                    <div class="small muted mono">{unit.code}</div>
                  </div>
                ),
              },
              { header: t('admin.units.kind'), cell: ({ unit }) => t('sites.kind.' + unit.kind) },
              { header: t('admin.units.place'), cell: ({ unit }) => <>{unit.city}, {unit.country}<div class="small muted">{unit.timezone}</div></> },
              {
                header: t('admin.units.parent'),
                cell: ({ unit }) => (unit.parent_id && byId.get(unit.parent_id) ? pick(byId.get(unit.parent_id)!.name) : '—'),
              },
              {
                header: <span class="sr-only">{t('admin.actions')}</span>,
                cell: ({ unit }) => (
                  <button type="button" aria-label={t('admin.units.editOne', { name: pick(unit.name) })} onClick={() => {
                    setMessage('');
                    setEditing(unit);
                    window.scrollTo(0, 0);
                  }}>{t('admin.edit')}</button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
