// How the result reaches the person (the case's `delivery`): on the citizen's case page the
// choice (pickup at a site, post, home delivery), the pickup code, tracking and "I have received
// it"; on the staff case page the hand-over against the code, posting, tracking events, returns,
// re-sending and home-delivery assignment (pages/staff/DeliveryStaff.tsx). Texts: `delivery`,
// in every language.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, send, type Schemas } from '../api';
import { countries, countryName } from '../countries';
import { formatDateTime, hasKey, pick, t } from '../i18n';
import { ErrorNotice, Success } from './Notice';

type Case = Schemas['Case'];
export type Delivery = Schemas['CaseDelivery'];
type Address = Schemas['DeliveryAddress'];

//! The delivery's own words for what refused a step (a wrong or used code, a missing field),
//! or the generic error notice.
export function Problem(props: { error: unknown }) {
  const e = props.error;
  if (e instanceof ApiError) {
    for (const [field, fe] of Object.entries(e.fields)) {
      const key = 'delivery.error.' + fe.code;
      if (hasKey(key)) return <p class="notice error" role="alert">{t(key)}{field.startsWith('address.') ? ' (' + t('delivery.address.' + field.slice(8)) + ')' : ''}</p>;
    }
  }
  return <ErrorNotice error={e} />;
}

function siteLabel(u: Schemas['Unit']): string {
  return pick(u.name) + (u.city ? ' · ' + u.city : '');
}

function Facts(props: { d: Delivery }) {
  const { d } = props;
  return (
    <dl class="delivery-facts">
      <div><dt>{t('delivery.how')}</dt><dd>{t('delivery.option.' + d.option)}</dd></div>
      <div><dt>{t('delivery.statusLabel')}</dt><dd>{d.status === 'pending' && !d.chosen ? t('delivery.notChosen') : t('delivery.status.' + d.status)}</dd></div>
      {d.site ? <div><dt>{d.option === 'home' ? t('delivery.homeSite') : t('delivery.site')}</dt><dd>{siteLabel(d.site)}{d.site.address ? <span class="small muted"> — {pick(d.site.address)}</span> : null}</dd></div> : null}
      {d.address ? (
        <div><dt>{t('delivery.addressLabel')}</dt><dd class="pre">{d.address.recipient}{'\n'}{d.address.lines}{d.address.postcode ? '\n' + d.address.postcode : ''}{'\n'}{countryName(d.address.country)}</dd></div>
      ) : null}
      {d.tracking_no ? <div><dt>{t('delivery.tracking')}</dt><dd><span class="mono">{d.tracking_no}</span> · {d.carrier}</dd></div> : null}
      {d.handed_over_at ? <div><dt>{t('delivery.handedOverAt')}</dt><dd>{formatDateTime(d.handed_over_at)}</dd></div> : null}
    </dl>
  );
}

function Events(props: { d: Delivery; staff: boolean }) {
  if (!props.d.events.length) return null;
  return (
    <>
      <h3 class="small-heading">{t('delivery.events')}</h3>
      <ol class="delivery-steps">
        {props.d.events.map((e, i) => (
          <li key={i}>
            <div class="when">{formatDateTime(e.at)}{e.location ? ' · ' + e.location : ''}</div>
            <div>
              {hasKey('delivery.event.' + e.kind) ? t('delivery.event.' + e.kind) : e.kind}
              {props.staff && e.actor_name ? <span class="muted small"> · {e.actor_name}</span> : null}
            </div>
            {e.note ? <div class="note">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function emptyAddress(d: Delivery): Address {
  const s = (d.address_suggestion ?? {}) as Partial<Address>;
  return d.address ?? { recipient: s.recipient ?? '', lines: s.lines ?? '', country: s.country ?? '', postcode: '', phone: s.phone ?? '' };
}

//! The applicant's choice: big radio cards, then the site or the address.
function Choose(props: { c: Case; d: Delivery; onChange: (c: Case) => void }) {
  const { c, d } = props;
  const offered = [...d.options.filter((o) => o !== 'electronic' || d.options.length > 1), ...(d.home_offered ? ['home'] : [])];
  const [option, setOption] = useState<string>(d.chosen ? d.option : '');
  const sites = d.sites ?? [];
  const [site, setSite] = useState<string>(d.site ? String(d.site.id) : '');
  const [address, setAddress] = useState<Address>(emptyAddress(d));
  const [needsHome, setNeedsHome] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = (name: keyof Address, label: string, input: JSX.Element) => (
    <div class="field">
      <label for={'delivery-' + name}>{label}</label>
      {input}
    </div>
  );
  const text = (name: keyof Address, max: number, autocomplete: string) => (
    <input id={'delivery-' + name} maxLength={max} autoComplete={autocomplete} value={(address[name] as string) ?? ''}
      onInput={(e) => setAddress({ ...address, [name]: (e.target as HTMLInputElement).value })} />
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const body: Record<string, unknown> = { option };
    if (option === 'pickup' || option === 'home') body.site_unit_id = site ? Number(site) : undefined;
    if (option === 'post' || option === 'home') {
      const a: Record<string, string> = {};
      for (const [k, v] of Object.entries(address)) if (v) a[k] = String(v).trim();
      body.address = a;
    }
    if (option === 'home' && !d.home_eligible) body.needs_home_delivery = needsHome;
    try {
      const r = await send('POST', '/cases/{id}/delivery', { id: c.id }, body);
      props.onChange(r.case);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit}>
      <fieldset class="choice-cards plain">
        <legend class="sr-only">{t('delivery.choose')}</legend>
        {offered.map((o) => (
          <label key={o} class={'choice-card' + (option === o ? ' selected' : '')}>
            <input type="radio" name="delivery-option" value={o} checked={option === o} onChange={() => setOption(o)} />
            <span>
              <strong>{t('delivery.option.' + o)}</strong>
              <span class="small muted">{t('delivery.optionHint.' + o)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {option === 'pickup' || option === 'home' ? (
        <div class="field">
          <label for="delivery-site">{option === 'home' ? t('delivery.homeSite') : t('delivery.site')}</label>
          <select id="delivery-site" value={site} onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {sites.map((u) => <option key={u.id} value={String(u.id)}>{siteLabel(u)}</option>)}
          </select>
        </div>
      ) : null}
      {option === 'home' && !d.home_eligible ? (
        <div class="field checkbox">
          <label><input type="checkbox" checked={needsHome} onChange={(e) => setNeedsHome((e.target as HTMLInputElement).checked)} /> {t('delivery.needsHome')}</label>
        </div>
      ) : null}
      {option === 'post' || option === 'home' ? (
        <fieldset class="plain">
          <legend>{t('delivery.addressLabel')}</legend>
          {field('recipient', t('delivery.address.recipient'), text('recipient', 100, 'name'))}
          {field('lines', t('delivery.address.lines'), (
            <textarea id="delivery-lines" rows={3} maxLength={300} autoComplete="street-address" value={address.lines}
              onInput={(e) => setAddress({ ...address, lines: (e.target as HTMLTextAreaElement).value })} />
          ))}
          {field('postcode', t('delivery.address.postcode'), text('postcode', 20, 'postal-code'))}
          {field('country', t('delivery.address.country'), (
            <select id="delivery-country" value={address.country} autoComplete="country"
              onChange={(e) => setAddress({ ...address, country: (e.target as HTMLSelectElement).value })}>
              <option value="">—</option>
              {countries().map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
            </select>
          ))}
          {field('phone', t('delivery.address.phone'), text('phone', 40, 'tel'))}
        </fieldset>
      ) : null}
      <Problem error={error} />
      <button type="submit" class="primary" disabled={!option}>{t('delivery.save')}</button>
    </form>
  );
}

function CitizenPart(props: { c: Case; d: Delivery; onChange: (c: Case) => void }) {
  const { c, d } = props;
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const received = async () => {
    if (!confirm(t('delivery.confirmReceived'))) return;
    setError(null);
    try {
      const r = await send('POST', '/cases/{id}/delivery/received', { id: c.id }, {});
      props.onChange(r.case);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      {d.pickup_code ? (
        <div class="pickup-code" role="group" aria-labelledby="pickup-code-label">
          <p id="pickup-code-label"><strong>{t('delivery.code')}</strong></p>
          <p class="code mono" aria-label={d.pickup_code.split('').join(' ')}>{d.pickup_code.slice(0, 4)} {d.pickup_code.slice(4)}</p>
          <p class="small">{d.option === 'home' ? t('delivery.codeHintHome') : t('delivery.codeHint', { site: d.site ? siteLabel(d.site) : '' })}</p>
        </div>
      ) : null}
      {d.code_locked ? <p class="notice warn">{t('delivery.locked')}</p> : null}
      {d.assigned && d.option === 'home' ? <p class="notice">{t('delivery.assignedHome')}</p> : null}
      {d.can.confirm_received ? (
        <p><button type="button" class="primary big" onClick={received}>{t('delivery.received')}</button></p>
      ) : null}
      <Problem error={error} />
      {saved ? <Success text={t('delivery.saved')} /> : null}
      {d.can.choose ? (
        // Open until a choice is saved; then folded, so the code and the steps come first.
        <details class="delivery-change" open={!d.chosen}>
          <summary>{d.chosen ? t('delivery.change') : t('delivery.choose')}</summary>
          <Choose c={c} d={d} onChange={(next) => {
            setSaved(true);
            props.onChange(next);
          }} />
        </details>
      ) : null}
    </>
  );
}

//! `staffPart`: the workbench's controls (pages/staff/DeliveryStaff.tsx), in place of the
//! applicant's; this file stays free of staff-only texts, which not every language has.
export function DeliveryPanel(props: { c: Case; onChange: (c: Case) => void; staffPart?: (d: Delivery) => JSX.Element }) {
  const d = props.c.delivery;
  if (!d) return null;
  const staff = !!props.staffPart;
  return (
    <section class="panel delivery" aria-labelledby="delivery-title">
      <h2 id="delivery-title">{t('delivery.title')}</h2>
      {d.option === 'electronic' && d.status !== 'returned' ? <p>{t('delivery.electronic')}</p> : <Facts d={d} />}
      {props.staffPart ? props.staffPart(d) : <CitizenPart c={props.c} d={d} onChange={props.onChange} />}
      <Events d={d} staff={staff} />
    </section>
  );
}
