import { useEffect, useState } from 'preact/hooks';
import { countries, loadPhoneLibrary, phoneCountries, plausiblePhone } from '../countries';
import { errorText, pick, t } from '../i18n';

type Text = { zh: string; en: string; [lang: string]: string };

export interface FieldSpec {
  name: string;
  type: string;
  label: Text;
  required?: boolean;
  pattern?: string;
  options?: { value: string; label: Text }[];
  max_length?: number;
  //! "upper": letters become capitals as they are typed (the server does the same).
  case?: string;
  hint?: Text;
  example?: string;
}

//! What the server will store: trimmed, capitals where the field asks for them.
export function normalise(f: FieldSpec, v: any): any {
  if (typeof v !== 'string') return v;
  let s = v.trim();
  if (f.case === 'upper' || f.type === 'country') s = s.replace(/[a-z]/g, (c) => c.toUpperCase());
  if (f.type === 'phone') s = s.replace(/\s+/g, ' ');
  return s;
}

//! Client-side checks that mirror the server's, so most mistakes show while typing.
export function checkField(f: FieldSpec, raw: any): string | null {
  const v = normalise(f, raw);
  const empty = v === undefined || v === null || v === '' || (f.type === 'checkbox' && v === false);
  if (empty) return f.required ? 'required' : null;
  if (f.type === 'checkbox') return null;
  const s = String(v);
  if (f.max_length && new TextEncoder().encode(s).length > f.max_length) return 'too_long';
  if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'date';
  if (f.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)) return 'email';
  if (f.type === 'phone') {
    if (!s.startsWith('+')) return 'phonePrefix';
    if (!/^\+?[0-9 ()-]{5,24}$/.test(s) || !plausiblePhone(s)) return 'phone';
  }
  if (f.type === 'country' && !countries().some((c) => c.code === s)) return 'country';
  if (f.type === 'select' && !(f.options ?? []).some((o) => o.value === s)) return 'option';
  if (f.pattern) {
    try {
      if (!new RegExp('^(?:' + f.pattern + ')$').test(s)) return 'pattern';
    } catch {
      return null;
    }
  }
  return null;
}

//! Keeps the caret where it was when the typed text is turned to capitals.
function upperInput(e: Event, onChange: (v: string) => void) {
  const el = e.target as HTMLInputElement;
  const upper = el.value.replace(/[a-z]/g, (c) => c.toUpperCase());
  if (upper !== el.value) {
    const [a, b] = [el.selectionStart, el.selectionEnd];
    el.value = upper;
    if (a !== null && b !== null) el.setSelectionRange(a, b);
  }
  onChange(upper);
}

//! "+39 02 1234 5678" → { prefix: "39", rest: "02 1234 5678" } (the longest known prefix wins).
function splitPhone(v: string): { country: string; rest: string } {
  const m = /^\+(\d{1,4})\s*(.*)$/.exec(v ?? '');
  if (!m) return { country: '', rest: v ?? '' };
  const digits = m[1] + m[2].replace(/\D/g, '');
  let best = { country: '', prefix: '' };
  for (const c of phoneCountries())
    if (digits.startsWith(c.prefix) && c.prefix.length > best.prefix.length) best = { country: c.code, prefix: c.prefix };
  if (!best.prefix) return { country: '', rest: v };
  const afterPrefix = v.replace(/^\+\s*/, '').slice(best.prefix.length).trim();
  return { country: best.country, rest: afterPrefix };
}

function PhoneInput(props: { id: string; value: string; describedBy?: string; invalid: boolean; required?: boolean;
  onChange: (v: string) => void; onBlur?: () => void; label: string }) {
  useEffect(() => {
    loadPhoneLibrary();
  }, []);
  const list = phoneCountries();
  const parsed = splitPhone(props.value ?? '');
  const [chosen, setCountry] = useState('');
  const country = chosen || parsed.country;
  const prefixOf = (code: string) => list.find((c) => c.code === code)?.prefix ?? '';
  const combine = (code: string, rest: string) => {
    const r = rest.trim();
    const p = prefixOf(code);
    if (r.startsWith('+')) return r;  // a full international number typed in the box wins
    return p ? '+' + p + (r ? ' ' + r : '') : r;
  };
  const rest = parsed.rest;
  return (
    <div class="phone-row">
      <select id={props.id + '-prefix'} aria-label={t('form.phonePrefix', { field: props.label })} value={country}
        onChange={(e) => {
          const c = (e.target as HTMLSelectElement).value;
          setCountry(c);
          props.onChange(combine(c, rest));
        }}>
        <option value="">{t('form.prefixPlaceholder')}</option>
        {list.map((c) => <option key={c.code} value={c.code}>{c.name} +{c.prefix}</option>)}
      </select>
      <input id={props.id} name={props.id} type="tel" inputMode="tel" autoComplete="tel-national" value={rest}
        aria-invalid={props.invalid ? 'true' : undefined} aria-describedby={props.describedBy} required={props.required}
        onInput={(e) => props.onChange(combine(country, (e.target as HTMLInputElement).value))} onBlur={props.onBlur} />
    </div>
  );
}

export function FormField(props: { f: FieldSpec; value: any; error?: string; onChange: (v: any) => void; onBlur?: () => void }) {
  const { f, value, error } = props;
  const id = 'f-' + f.name;
  const errId = id + '-error';
  const hintId = id + '-hint';
  const hasHint = !!(f.hint || f.example);
  const describedBy = [hasHint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: f.name,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    required: f.required,
    onBlur: props.onBlur,
  };
  let input;
  switch (f.type) {
    case 'textarea':
      input = <textarea {...common} rows={3} value={value ?? ''} onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)} />;
      break;
    case 'select':
      input = (
        <select {...common} value={value ?? ''} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          <option value="">{t('apply.selectPlaceholder')}</option>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>{pick(o.label)}</option>
          ))}
        </select>
      );
      break;
    case 'country':
      input = (
        <select {...common} value={normalise(f, value ?? '')} autoComplete="country"
          onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          <option value="">{t('form.countryPlaceholder')}</option>
          {countries().map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
      );
      break;
    case 'phone':
      input = <PhoneInput id={id} value={value ?? ''} describedBy={describedBy} invalid={!!error} required={f.required}
        onChange={props.onChange} onBlur={props.onBlur} label={pick(f.label)} />;
      break;
    case 'checkbox':
      input = <input {...common} type="checkbox" checked={!!value} onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)} />;
      break;
    case 'number':
      input = <input {...common} type="number" value={value ?? ''} onInput={(e) => {
        const s = (e.target as HTMLInputElement).value;
        props.onChange(s === '' ? '' : Number(s));
      }} />;
      break;
    default: {
      const type = f.type === 'date' ? 'date' : f.type === 'email' ? 'email' : 'text';
      const upper = f.case === 'upper';
      input = (
        <input {...common} type={type} value={value ?? ''} autoComplete="off" spellcheck={upper ? false : undefined}
          autoCapitalize={upper ? 'characters' : undefined}
          onInput={(e) => (upper ? upperInput(e, props.onChange) : props.onChange((e.target as HTMLInputElement).value))} />
      );
    }
  }
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>
        {pick(f.label)} <span class="muted small">({f.required ? t('apply.required') : t('apply.optional')})</span>
      </label>
      {hasHint ? (
        <p id={hintId} class="hint">
          {f.hint ? pick(f.hint) : null}
          {f.example ? <> {t('form.example', { value: f.example })}</> : null}
        </p>
      ) : null}
      {input}
      {error ? <p id={errId} class="field-error">{errorText(error)}{error === 'pattern' && f.hint ? ' ' + pick(f.hint) : ''}</p> : null}
    </div>
  );
}
