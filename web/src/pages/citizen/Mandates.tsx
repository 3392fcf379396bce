// Powers of attorney ("Authorisations"): a person abroad lets a relative at home take some steps
// of their cases (submit, answer a request for more documents, pay at the counter, collect the
// result), within a scope and between two dates, after an officer checked the signed letter.
// The grantee switches to "act as …" (store.actingFor): the case pages then work on the
// grantor's cases, with a banner on every page, until they stop.
import { useEffect, useState } from 'preact/hooks';
import { get, send, uploadTo, type Schemas } from '../../api';
import { useConfirm } from '../../components/Confirm';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDate, formatDateTime, pick, t } from '../../i18n';
import { navigate } from '../../router';
import { actingFor, me, setActingFor } from '../../store';

type Mandate = Schemas['Mandate'];
const STEPS = ['submit', 'supplement', 'pay', 'collect', 'sign_delivery'] as const;

function today(offsetDays = 0): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return d.toISOString().slice(0, 10);
}

function itemNames(m: Mandate): string {
  if (m.case_id) return t('mandates.scopeCase', { no: m.case_no ?? String(m.case_id) });
  return m.items.map((i) => (i.name ? pick({ en: i.name, zh: i.name_zh ?? i.name }) : i.code)).join(', ');
}

function StateLabel(props: { state: string }) {
  return <span class={'badge mandate-' + props.state}>{t('mandates.state.' + props.state)}</span>;
}

function Facts(props: { m: Mandate; who: 'grantor' | 'grantee' }) {
  const m = props.m;
  return (
    <dl class="facts">
      <div>
        <dt>{t(props.who === 'grantee' ? 'mandates.grantee' : 'mandates.grantor')}</dt>
        <dd>{props.who === 'grantee' ? m.grantee.name : m.grantor.name}</dd>
      </div>
      <div><dt>{t('mandates.scope')}</dt><dd>{itemNames(m)}</dd></div>
      <div><dt>{t('mandates.steps')}</dt><dd>{m.steps.map((s) => t('mandates.step.' + s)).join(', ')}</dd></div>
      <div><dt>{t('mandates.valid')}</dt><dd>{t('mandates.validRange', { from: formatDate(m.valid_from), until: formatDate(m.valid_until) })}</dd></div>
      <div><dt>{t('mandates.status')}</dt><dd><StateLabel state={m.state} /></dd></div>
      {m.check_note ? <div><dt>{t('mandates.checkNote')}</dt><dd>{m.check_note}</dd></div> : null}
    </dl>
  );
}

//! The letter and the ID document of a mandate still waiting for its check.
function Evidence(props: { m: Mandate; onChange: (m: Mandate) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState('');
  const put = async (kind: 'letter' | 'id_document', file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy(kind);
    try {
      const r = await uploadTo('/mandates/{id}/evidence', { id: props.m.id }, { kind, filename: file.name }, file, () => {});
      props.onChange(r.mandate);
    } catch (err) {
      setError(err);
    } finally {
      setBusy('');
    }
  };
  const row = (kind: 'letter' | 'id_document') => (
    <div class="field">
      <label for={`ev-${kind}-${props.m.id}`}>
        {t('mandates.evidence.' + kind)} {props.m.evidence[kind] ? <span class="badge ok">{t('mandates.evidence.uploaded')}</span> : null}
      </label>
      <input id={`ev-${kind}-${props.m.id}`} type="file" accept="image/jpeg,image/png,application/pdf" disabled={busy !== ''}
        onChange={(e) => put(kind, (e.target as HTMLInputElement).files?.[0])} />
    </div>
  );
  return (
    <div class="mandate-evidence">
      <p class="small">{t('mandates.evidence.hint')}</p>
      {row('letter')}
      {row('id_document')}
      {props.m.evidence.letter && props.m.evidence.id_document ? (
        <p class="small">{t('mandates.evidence.complete')} <Link href="/appointments">{t('mandates.evidence.video')}</Link></p>
      ) : null}
      <ErrorNotice error={error} />
    </div>
  );
}

function Given(props: { m: Mandate; onChange: (m: Mandate) => void }) {
  const [dialog, confirm] = useConfirm();
  const [error, setError] = useState<unknown>(null);
  const m = props.m;
  const revoke = async () => {
    const ok = await confirm({
      title: t('mandates.revokeTitle'),
      body: t('mandates.revokeBody', { name: m.grantee.name }),
      confirmLabel: t('mandates.revoke'),
      danger: true,
    });
    if (!ok) return;
    try {
      const r = await send('POST', '/mandates/{id}/revoke', { id: m.id }, {});
      props.onChange(r.mandate);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li class="card mandate" data-mandate={m.id}>
      <span class="card-title">{t('mandates.number', { id: m.id })}</span>
      <Facts m={m} who="grantee" />
      {m.state === 'requested' ? <Evidence m={m} onChange={props.onChange} /> : null}
      {['requested', 'verified', 'active'].includes(m.state) ? (
        <p><button type="button" class="danger" onClick={revoke}>{t('mandates.revoke')}</button></p>
      ) : null}
      <ErrorNotice error={error} />
      {dialog}
    </li>
  );
}

function Held(props: { m: Mandate }) {
  const m = props.m;
  const acting = actingFor.value?.mandateId === m.id;
  return (
    <li class="card mandate" data-mandate={m.id}>
      <span class="card-title">{t('mandates.number', { id: m.id })}</span>
      <Facts m={m} who="grantor" />
      {m.state === 'active' && !acting ? (
        <p>
          <button type="button" class="primary" onClick={() => {
            setActingFor({ mandateId: m.id, name: m.grantor.name });
            navigate('/cases');
          }}>{t('mandates.actAs', { name: m.grantor.name })}</button>
        </p>
      ) : null}
      {acting ? <p class="small">{t('mandates.actingNow')}</p> : null}
    </li>
  );
}

function CreateForm(props: { onCreated: (m: Mandate, code?: string) => void }) {
  const [kind, setKind] = useState<'email' | 'home'>('email');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [items, setItems] = useState<Schemas['ItemSummary'][] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [steps, setSteps] = useState<string[]>(['submit', 'supplement']);
  const [from, setFrom] = useState(today());
  const [until, setUntil] = useState(today(365));
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/items').then((r) => setItems(r.items.filter((i) => i.proxy_allowed)), setError);
  }, []);
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!chosen.length) return setError(t('mandates.form.chooseItem'));
    if (!steps.length) return setError(t('mandates.form.chooseStep'));
    try {
      const r = await send('POST', '/mandates', {}, {
        grantee: kind === 'email' ? { email } : { name, id_number: idNumber, phone },
        scope: { items: chosen },
        steps: steps as (typeof STEPS)[number][],
        valid_from: from,
        valid_until: until,
      });
      props.onCreated(r.mandate, r.claim_code);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="mandate-form" onSubmit={submit}>
      <h2>{t('mandates.form.title')}</h2>
      <fieldset>
        <legend>{t('mandates.form.who')}</legend>
        <label><input type="radio" name="gkind" checked={kind === 'email'} onChange={() => setKind('email')} /> {t('mandates.form.registered')}</label>
        <label><input type="radio" name="gkind" checked={kind === 'home'} onChange={() => setKind('home')} /> {t('mandates.form.atHome')}</label>
      </fieldset>
      {kind === 'email' ? (
        <div class="field">
          <label for="m-email">{t('mandates.form.email')}</label>
          <input id="m-email" type="email" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </div>
      ) : (
        <>
          <p class="small">{t('mandates.form.atHomeHint')}</p>
          <div class="field">
            <label for="m-name">{t('mandates.form.name')}</label>
            <input id="m-name" required maxLength={100} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="m-idno">{t('mandates.form.idNumber')}</label>
            <input id="m-idno" required maxLength={40} value={idNumber} onInput={(e) => setIdNumber((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="m-phone">{t('mandates.form.phone')}</label>
            <input id="m-phone" type="tel" required maxLength={40} value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
          </div>
        </>
      )}
      <fieldset>
        <legend>{t('mandates.form.items')}</legend>
        {!items ? <Loading /> : null}
        {(items ?? []).map((i) => (
          <label key={i.code} class="check">
            <input type="checkbox" value={i.code} checked={chosen.includes(i.code)} onChange={() => setChosen(toggle(chosen, i.code))} /> {pick(i.name)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('mandates.form.steps')}</legend>
        {STEPS.map((s) => (
          <label key={s} class="check">
            <input type="checkbox" value={s} checked={steps.includes(s)} onChange={() => setSteps(toggle(steps, s))} /> {t('mandates.step.' + s)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="m-from">{t('mandates.form.from')}</label>
        <input id="m-from" type="date" required min={today()} value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="m-until">{t('mandates.form.until')}</label>
        <input id="m-until" type="date" required min={from} value={until} onInput={(e) => setUntil((e.target as HTMLInputElement).value)} />
        <p class="small muted">{t('mandates.form.untilHint')}</p>
      </div>
      <ErrorNotice error={error} />
      <button type="submit" class="primary">{t('mandates.form.create')}</button>
    </form>
  );
}

function ClaimForm(props: { onClaimed: (m: Mandate) => void }) {
  const [code, setCode] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await send('POST', '/mandates/claim', {}, { code, id_number: idNumber });
      props.onClaimed(r.mandate);
      setCode('');
      setIdNumber('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="mandate-claim" onSubmit={submit}>
      <h3>{t('mandates.claim.title')}</h3>
      <p class="small">{t('mandates.claim.hint')}</p>
      <div class="field">
        <label for="claim-code">{t('mandates.claim.code')}</label>
        <input id="claim-code" required maxLength={20} autoComplete="off" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="claim-id">{t('mandates.claim.idNumber')}</label>
        <input id="claim-id" required maxLength={40} value={idNumber} onInput={(e) => setIdNumber((e.target as HTMLInputElement).value)} />
      </div>
      <ErrorNotice error={error} />
      <button type="submit">{t('mandates.claim.submit')}</button>
    </form>
  );
}

export function Mandates() {
  const [data, setData] = useState<{ given: Mandate[]; held: Mandate[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<{ id: number; code?: string } | null>(null);
  const load = () => get('/mandates').then(setData, setError);
  useEffect(() => {
    if (!me.value) {
      navigate('/signin?next=/mandates', true);
      return;
    }
    load();
  }, []);
  const replace = (m: Mandate) =>
    setData((d) => (d ? { given: d.given.map((x) => (x.id === m.id ? m : x)), held: d.held.map((x) => (x.id === m.id ? m : x)) } : d));
  return (
    <>
      <h1 tabIndex={-1}>{t('mandates.title')}</h1>
      <p>{t('mandates.intro')}</p>
      <ErrorNotice error={error} />
      {!data && !error ? <Loading /> : null}
      {done ? (
        <div class="notice ok" role="status">
          <p>{t('mandates.created', { id: done.id })}</p>
          {done.code ? (
            <>
              <p>{t('mandates.codeIntro')}</p>
              <p class="claim-code mono">{done.code}</p>
              <p class="small">{t('mandates.codeHint')}</p>
            </>
          ) : null}
        </div>
      ) : null}
      {data ? (
        <>
          <h2>{t('mandates.given')}</h2>
          {!data.given.length ? <p class="muted">{t('mandates.noneGiven')}</p> : null}
          <ul class="cards">{data.given.map((m) => <Given key={m.id} m={m} onChange={replace} />)}</ul>
          {creating ? (
            <CreateForm onCreated={(m, code) => {
              setCreating(false);
              setDone({ id: m.id, code });
              setData((d) => (d ? { ...d, given: [m, ...d.given] } : d));
            }} />
          ) : (
            <p><button type="button" class="primary" onClick={() => { setCreating(true); setDone(null); }}>{t('mandates.new')}</button></p>
          )}
          <h2>{t('mandates.held')}</h2>
          {!data.held.length ? <p class="muted">{t('mandates.noneHeld')}</p> : null}
          <ul class="cards">{data.held.map((m) => <Held key={m.id} m={m} />)}</ul>
          <ClaimForm onClaimed={(m) => setData((d) => (d ? { ...d, held: [m, ...d.held.filter((x) => x.id !== m.id)] } : d))} />
        </>
      ) : null}
    </>
  );
}

//! On every page while acting for someone: whose cases these are, and the way out.
export function ActingBanner() {
  const a = actingFor.value;
  if (!a) return null;
  return (
    <div class="acting-banner" role="status">
      <span>{t('mandates.banner', { name: a.name, id: a.mandateId })}</span>
      <button type="button" onClick={() => {
        setActingFor(null);
        navigate('/mandates');
      }}>{t('mandates.stopActing')}</button>
    </div>
  );
}

//! On the grantor's case: what was done for them, by whom, under which authorisation.
export function ProxyActions(props: { c: Schemas['Case'] }) {
  const list = props.c.proxy_actions ?? [];
  if (!list.length) return null;
  return (
    <section class="proxy-actions">
      <h2>{t('mandates.actionsTitle')}</h2>
      <ul>
        {list.map((u, i) => (
          <li key={i}>
            <span class="when">{formatDateTime(u.at)}</span>{' '}
            {t('mandates.actionLine', { name: u.by, action: t('mandates.action.' + u.action), id: u.mandate_id })}
            {u.reference && u.action === 'payment' ? <span class="muted"> · {u.reference}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
