// After `vite build`: writes NAME.br (brotli, quality 11) and NAME.gz (gzip, level 9) next to
// every text file in dist/, so the server sends the smallest encoding the browser accepts
// without compressing anything per request. Node's own zlib; no dependency.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = /\.(html|js|mjs|css|json|svg|txt|map|webmanifest)$/;
const MIN_BYTES = 512; // smaller files gain nothing worth a second round of headers

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let before = 0, afterBr = 0, afterGz = 0;
for (const path of files(dist)) {
  if (!TEXT.test(path)) continue;
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  // A variant is only worth serving when it is smaller.
  if (br.length < raw.length) writeFileSync(path + '.br', br);
  if (gz.length < raw.length) writeFileSync(path + '.gz', gz);
  before += raw.length;
  afterBr += Math.min(br.length, raw.length);
  afterGz += Math.min(gz.length, raw.length);
  if (!path.endsWith('.map'))
    console.log(`  ${relative(dist, path)}: ${raw.length} B, gzip ${gz.length} B, brotli ${br.length} B`);
}
console.log(`compress: ${before} B → gzip ${afterGz} B, brotli ${afterBr} B (source maps included)`);
