#!/usr/bin/env node
// Lists the catalogue's texts for translators: every {"zh", "en"} object in catalog/*.json and
// catalog/items/*.json, as one JSON object {"English text": "Chinese text", …} (the English is
// the key a translation file uses; the Chinese is context).
//
//   node scripts/catalog-msgids.mjs              all texts
//   node scripts/catalog-msgids.mjs --missing it   only those catalog/i18n/it.json lacks
//
// The unit test CatalogTranslations.* checks the same thing (see catalog/README.md).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const catalogDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'catalog');
const files = (dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
const texts = {};
const walk = (v) => {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === 'object') {
    if (typeof v.zh === 'string' && typeof v.en === 'string' && v.en && !(v.en in texts)) texts[v.en] = v.zh;
    Object.values(v).forEach(walk);
  }
};
for (const f of [...files(catalogDir), ...files(join(catalogDir, 'items'))]) walk(JSON.parse(readFileSync(f, 'utf8')));

const i = process.argv.indexOf('--missing');
if (i > 0) {
  const lang = process.argv[i + 1];
  const file = join(catalogDir, 'i18n', lang + '.json');
  const have = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const k of Object.keys(texts)) if (k in have) delete texts[k];
}
process.stdout.write(JSON.stringify(texts, null, 1) + '\n');
