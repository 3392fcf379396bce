import { FieldSpec, FormField, checkField, normalise } from './Field';
import { lang, t } from '../i18n';

//! A family member without an account of their own, as an officer will check them on the video
//! call: the same rules as the server (identity/persons.cc), so most mistakes show while typing.
export type PersonDraft = Record<string, string>;

export const RELATIONSHIPS = ['parent', 'grandparent', 'child', 'grandchild', 'spouse', 'sibling', 'other'];

const here = (s: string) => ({ zh: s, en: s, [lang.value]: s });

export function personFields(): FieldSpec[] {
  return [
    { name: 'name', type: 'text', label: here(t('family.name')), required: true, max_length: 100, hint: here(t('family.nameHint')) },
    { name: 'name_latin', type: 'text', label: here(t('family.nameLatin')), case: 'upper', max_length: 100, pattern: "[A-Za-z][A-Za-z ,.'-]*" },
    { name: 'id_number', type: 'text', label: here(t('family.idNumber')), required: true, case: 'upper', pattern: '[0-9]{17}[0-9X]', hint: here(t('family.idHint')), example: '330000194805170029' },
    { name: 'birth_date', type: 'date', label: here(t('family.birthDate')), required: true },
    { name: 'phone', type: 'phone', label: here(t('family.phone')), required: true, hint: here(t('family.phoneHint')) },
    {
      name: 'relationship', type: 'select', label: here(t('family.relationship')), required: true,
      options: RELATIONSHIPS.map((r) => ({ value: r, label: here(t('family.rel.' + r)) })),
    },
  ];
}

//! Checks what was typed; the answer names fields as the server does ("person.id_number").
export function checkPerson(p: PersonDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of personFields()) {
    const e = checkField(f, p[f.name]);
    if (e) errors['person.' + f.name] = e;
  }
  return errors;
}

export function cleanPerson(p: PersonDraft): PersonDraft {
  const out: PersonDraft = {};
  for (const f of personFields()) {
    const v = normalise(f, p[f.name] ?? '');
    if (v !== '') out[f.name] = v;
  }
  return out;
}

export function PersonFields(props: { value: PersonDraft; errors: Record<string, string>; onChange: (p: PersonDraft) => void }) {
  return (
    <fieldset>
      <legend>{t('family.detailsTitle')}</legend>
      <p class="small muted">{t('family.detailsHint')}</p>
      {personFields().map((f) => (
        <FormField key={f.name} f={f} value={props.value[f.name]} error={props.errors['person.' + f.name]}
          onChange={(v) => props.onChange({ ...props.value, [f.name]: v })} />
      ))}
    </fieldset>
  );
}
