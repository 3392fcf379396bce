// Every translation is complete: a locale marked for staff (meta.staff true) has every key of
// en.json; a citizen-only locale every key outside the staff-only namespaces. No value is a
// copy of the English text unless it is on the short allow-list below, no placeholder differs
// from English, and no locale keeps a key English no longer has. Run by ctest (web_translations)
// and with `node --test test/` here. The app still falls back to English at run time, but only
// as a safety net: this test is what keeps text from being left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const localesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'i18n', 'locales');

//! Namespaces only the staff workbench shows; a citizen-only locale (meta.staff false) may leave
//! them out, and the workbench is not offered in it. Documented in web/README.md.
export const STAFF_ONLY = ['staff', 'deliveries', 'admin'];

//! Keys that may equal English, each with its reason: key → locales ('*' for all).
export const SAME_AS_ENGLISH = {
  'app.title': '*', // the product's name, "Tongban"
  'sites.kilometres': '*', // "{n} km": the SI symbol is the same everywhere
  'auth.email': ['it', 'fr', 'pt'], // "E-mail" is the ordinary word in these languages
  'auth.password': ['it'], // "Password" is the ordinary Italian word
  'item.online': ['it', 'de', 'pt'], // "Online" is the ordinary Italian, German and Portuguese word
  'app.menu': ['it', 'fr', 'pt'], // "Menu" is the word in these languages
  'priority.normal': ['de', 'es', 'pt'], // "Normal" is spelled the same
  'video.resolution': ['it', 'de'], // the label of the video's resolution: "Video" in both
  'cases.state': ['de'], // German "Status"
  'role.supervisor': ['es'], // Spanish "supervisor"
  'app.catalogAdmin': ['fr'], // French "Catalogue"
  'apply.documents': ['fr'], // French "Documents"
  'cases.documents': ['fr'], // French "Documents"
  'sites.kind.bureau': ['fr'], // French "Bureau" (office)
  'appt.kind': ['fr'], // French "Type"
  'appt.date': ['fr'], // French "Date ({zone})"
  'help.reply': ['fr'], // French "Message"
  'account.password': ['it'], // "Password" is the ordinary Italian word
  'account.privacy': ['it'], // "Privacy" is the ordinary Italian word
};

//! Leaves of a nested dictionary as "a.b.c" → value (array items as "a.0").
export function flatten(node, prefix = '', out = new Map()) {
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? prefix + '.' + k : k, out);
  } else {
    out.set(prefix, node);
  }
  return out;
}

const placeholders = (s) => (typeof s === 'string' ? [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : []);
//! Text with nothing to translate: only placeholders, digits, punctuation and spaces.
const nothingToTranslate = (s) => !/\p{L}/u.test(s.replace(/\{\w+\}/g, ''));

//! The problems of one locale against English, grouped by kind, each a list of "key" lines.
export function checkLocale(code, dict, en) {
  const E = flatten(en);
  const D = flatten(dict);
  const staff = dict.meta?.staff !== false;
  const needed = [...E.keys()].filter((k) => staff || !STAFF_ONLY.includes(k.split('.')[0]));
  const missing = needed.filter((k) => !D.has(k));
  const stale = [...D.keys()].filter((k) => !E.has(k));
  const sameAsEnglish = [];
  const placeholderMismatch = [];
  const wrongType = [];
  for (const [k, v] of D) {
    if (!E.has(k) || k.startsWith('meta.')) continue;
    const e = E.get(k);
    if (typeof v !== typeof e) {
      wrongType.push(`${k}: ${typeof v} where English has ${typeof e}`);
      continue;
    }
    if (typeof v !== 'string') continue;
    if (code !== 'en' && v === e && !nothingToTranslate(v)) {
      const allowed = SAME_AS_ENGLISH[k];
      if (!(allowed === '*' || (Array.isArray(allowed) && allowed.includes(code)))) sameAsEnglish.push(`${k}: "${v}"`);
    }
    if (placeholders(v).join() !== placeholders(e).join())
      placeholderMismatch.push(`${k}: {${placeholders(v).join('}, {')}} where English has {${placeholders(e).join('}, {')}}`);
  }
  return { missing, stale, sameAsEnglish, placeholderMismatch, wrongType };
}

const files = readdirSync(localesDir).filter((f) => f.endsWith('.json')).sort();
const load = (f) => JSON.parse(readFileSync(join(localesDir, f), 'utf8'));
const en = load('en.json');

test('English is the reference and serves the workbench', () => {
  assert.equal(en.meta?.staff, true);
  assert.equal(typeof en.meta?.name, 'string');
  for (const ns of STAFF_ONLY) assert.ok(en[ns] && typeof en[ns] === 'object', `en.json has no "${ns}" namespace`);
});

for (const file of files.filter((f) => f !== 'en.json')) {
  const code = file.replace('.json', '');
  const dict = load(file);
  const problems = checkLocale(code, dict, en);
  const list = (title, lines) => `${file}: ${lines.length} ${title}:\n  ${lines.join('\n  ')}`;

  test(`${code}: meta.name and meta.staff are set`, () => {
    assert.equal(typeof dict.meta?.name, 'string', `${file}: meta.name`);
    assert.equal(typeof dict.meta?.staff, 'boolean', `${file}: meta.staff must be true or false`);
  });
  test(`${code}: no key is missing (${dict.meta?.staff === false ? 'citizen-only, without ' + STAFF_ONLY.join(', ') : 'staff and citizen'})`, () => {
    assert.deepEqual(problems.missing, [], list('keys missing', problems.missing));
  });
  test(`${code}: no value is a copy of the English text`, () => {
    assert.deepEqual(problems.sameAsEnglish, [], list('values equal to English (translate them, or add them to SAME_AS_ENGLISH with a reason)', problems.sameAsEnglish));
  });
  test(`${code}: placeholders are those of English`, () => {
    assert.deepEqual(problems.placeholderMismatch, [], list('placeholder mismatches', problems.placeholderMismatch));
    assert.deepEqual(problems.wrongType, [], list('values of the wrong type', problems.wrongType));
  });
  test(`${code}: no key that English no longer has`, () => {
    assert.deepEqual(problems.stale, [], list('keys not in en.json', problems.stale));
  });
}

// Every key the code names literally, t('a.b'), is in English (and so, by the tests above, in
// every locale). Keys built at run time (t('state.' + s)) are covered by the namespace checks.
test('every literal t() key of the source is in en.json', () => {
  const srcDir = join(localesDir, '..', '..');
  const E = flatten(en);
  const missing = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name))
        for (const m of readFileSync(p, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'[,)]/g))
          if (!E.has(m[1]) && ![...E.keys()].some((k) => k.startsWith(m[1] + '.'))) missing.push(`${p.slice(srcDir.length + 1)}: ${m[1]}`);
    }
  };
  walk(srcDir);
  assert.deepEqual(missing, [], `keys used in the code but not in en.json:\n  ${missing.join('\n  ')}`);
});

// Case states and actions are shown as words: every one the workflows declare has a key.
test('every workflow state and action of catalog/workflows.json has a translation key', () => {
  const workflows = JSON.parse(readFileSync(join(localesDir, '..', '..', '..', '..', 'catalog', 'workflows.json'), 'utf8')).workflows;
  const E = flatten(en);
  const missing = [];
  for (const w of workflows) {
    for (const st of w.states) if (!E.has('state.' + st.name)) missing.push(`${w.code}: state.${st.name}`);
    for (const tr of w.transitions) if (!E.has('action.' + tr.action)) missing.push(`${w.code}: action.${tr.action}`);
  }
  assert.deepEqual(missing, [], `workflow words missing from en.json:\n  ${missing.join('\n  ')}`);
});

// Citizen pages never show staff-only text: a citizen-only locale need not have it.
test('citizen pages and shared components use no staff-only key', () => {
  const srcDir = join(localesDir, '..', '..');
  const used = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name))
        for (const m of readFileSync(p, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_]+)\./g))
          if (STAFF_ONLY.includes(m[1])) used.push(`${p.slice(srcDir.length + 1)}: ${m[0]}`);
    }
  };
  for (const d of ['pages/citizen', 'components']) walk(join(srcDir, d));
  assert.deepEqual(used, [], `staff-only keys on citizen pages:\n  ${used.join('\n  ')}`);
});

// The checker itself, on made-up dictionaries: each kind of problem is found.
test('the check finds missing, copied, mismatched and stale keys', () => {
  const ref = { meta: { name: 'English', staff: true }, a: { hello: 'Hello {name}', bye: 'Goodbye' }, staff: { queue: 'Queue' }, app: { title: 'Tongban' }, days: ['Mon', 'Tue'] };
  const citizen = { meta: { name: 'X', staff: false }, a: { hello: 'Ciao {nome}', bye: 'Goodbye', old: 'Vecchio' }, app: { title: 'Tongban' }, days: ['Lun'] };
  const p = checkLocale('xx', citizen, ref);
  assert.deepEqual(p.missing, ['days.1']); // staff.queue is not needed in a citizen-only locale
  assert.deepEqual(p.sameAsEnglish, ['a.bye: "Goodbye"']); // app.title is allowed everywhere
  assert.deepEqual(p.placeholderMismatch, ['a.hello: {nome} where English has {name}']);
  assert.deepEqual(p.stale, ['a.old']);
  const staffLocale = checkLocale('xx', { ...citizen, meta: { name: 'X', staff: true } }, ref);
  assert.deepEqual(staffLocale.missing, ['staff.queue', 'days.1']);
  assert.deepEqual(checkLocale('xx', { meta: { name: 'X', staff: true }, a: { hello: '{name}', bye: 'Ciao' }, staff: { queue: 'Coda' }, app: { title: 'Tongban' }, days: ['L', 'M'] }, ref),
    { missing: [], stale: [], sameAsEnglish: [], placeholderMismatch: [], wrongType: [] });
});
