import { errorText, pick, t } from '../i18n';

export interface FieldSpec {
  name: string;
  type: string;
  label: { zh: string; en: string };
  required?: boolean;
  pattern?: string;
  options?: { value: string; label: { zh: string; en: string } }[];
  max_length?: number;
}

//! Client-side checks that mirror the server's, so most mistakes show while typing.
export function checkField(f: FieldSpec, v: any): string | null {
  const empty = v === undefined || v === null || v === '' || (f.type === 'checkbox' && v === false);
  if (empty) return f.required ? 'required' : null;
  if (f.type === 'checkbox') return null;
  const s = String(v).trim();
  if (f.max_length && new TextEncoder().encode(s).length > f.max_length) return 'too_long';
  if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'date';
  if (f.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)) return 'email';
  if (f.type === 'phone' && !/^\+?[0-9 ()-]{5,24}$/.test(s)) return 'phone';
  if (f.type === 'country' && !/^[A-Z]{2}$/.test(s)) return 'country';
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

export function FormField(props: { f: FieldSpec; value: any; error?: string; onChange: (v: any) => void; onBlur?: () => void }) {
  const { f, value, error } = props;
  const id = 'f-' + f.name;
  const errId = id + '-error';
  const common = {
    id,
    name: f.name,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? errId : undefined,
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
      const type = f.type === 'date' ? 'date' : f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text';
      input = (
        <input {...common} type={type} value={value ?? ''} autoComplete="off"
          autoCapitalize={f.pattern?.includes('A-Z') ? 'characters' : undefined}
          onInput={(e) => props.onChange((e.target as HTMLInputElement).value)} />
      );
    }
  }
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>
        {pick(f.label)} <span class="muted small">({f.required ? t('apply.required') : t('apply.optional')})</span>
      </label>
      {input}
      {error ? <p id={errId} class="field-error">{errorText(error)}</p> : null}
    </div>
  );
}
