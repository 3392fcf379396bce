// Shared pieces of the end-to-end tests: a real tongban server in a temp dir, Debian's
// Chromium driven by playwright-core, axe-core on every page, screenshots for people to read.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { deflateSync } from 'node:zlib';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const repoDir = resolve(webDir, '..');
export const shotsDir = join(repoDir, 'test-output', 'screenshots');
const binary = process.env.TB_BINARY || join(repoDir, 'build', 'tongban');

//! `env`: extra environment for the server (e.g. { TONGBAN_VIDEO_RECONNECT_GRACE_SECONDS: '5' });
//! `synthetic`: that many generated cases in the Qingtian exit-entry office's queue.
export async function startServer({ env: extra = {}, synthetic = 0 } = {}) {
  assert.ok(existsSync(join(webDir, 'dist', 'index.html')), 'web/dist is missing: run `make web` (make test does)');
  assert.ok(existsSync(binary), `tongban binary missing at ${binary}: run make build`);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
  const env = { ...process.env, TONGBAN_FAST_PASSWORD_HASHING: 'true', TONGBAN_LOG_LEVEL: 'info', ...extra };
  execFileSync(binary, ['--data-dir', dir, 'migrate'], { env, stdio: 'ignore' });
  execFileSync(binary, ['--data-dir', dir, '--catalog-dir', join(repoDir, 'catalog'), 'seed', '--demo'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (synthetic) execFileSync(binary, ['--data-dir', dir, 'seed', '--synthetic', String(synthetic)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const proc = spawn(binary, ['--data-dir', dir, 'serve', '--port', '0', '--web-root', join(webDir, 'dist')], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server did not start')), 15000);
    const lines = createInterface({ input: proc.stderr });
    lines.on('line', (line) => {
      try {
        const j = JSON.parse(line);
        if (j.msg === 'listening') {
          clearTimeout(timer);
          ok(j.port);
        }
        if (j.level === 'error') process.stderr.write('server: ' + line + '\n');
      } catch {
        /* not JSON */
      }
    });
    proc.on('exit', (code) => fail(new Error('server exited with ' + code)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

//! `media`: a fake camera and microphone, granted without a prompt (for the video tests).
export async function launchBrowser({ media = false } = {}) {
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  if (media)
    args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
      '--disable-features=WebRtcHideLocalIpsWithMdns');
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
}

export const MOBILE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

export async function newPage(browser, viewport, lang = 'en', timezoneId = 'Europe/Rome') {
  const context = await browser.newContext({ viewport, locale: lang === 'zh-CN' ? 'zh-CN' : lang, timezoneId });
  await context.addInitScript((l) => {
    if (!localStorage.getItem('tb.lang')) localStorage.setItem('tb.lang', l);
  }, lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

const axeSource = readFileSync(join(webDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

//! Runs axe-core on the page; fails on any serious or critical violation.
export async function checkA11y(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${label}: accessibility violations\n${JSON.stringify(bad, null, 2)}`);
}

//! Screenshot to test-output/screenshots/<name>.png, after an accessibility check.
export async function shoot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  await checkA11y(page, name);
  await page.screenshot({ path: join(shotsDir, name + '.png'), fullPage: true });
}

// A real PNG (a pale "scan" with a dark band) so the document viewer shows an image.
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function makePng(w, h) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const dark = y > h * 0.7 && y < h * 0.85;
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = dark ? 40 : 230;
      raw[o + 1] = dark ? 60 : 236;
      raw[o + 2] = dark ? 90 : 245;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
export const PNG = makePng(320, 200);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function register(page, url, email, name = 'Zhang Wei') {
  await page.goto(url + '/register');
  await page.fill('#display_name', name);
  await page.fill('#email', email);
  await page.fill('#password', 'correct horse battery');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/cases$/);
}

export async function signIn(page, url, email, password) {
  await page.goto(url + '/signin');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

//! Calls the API from inside the page, with its session cookie and CSRF token.
export async function apiInPage(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch('/api/v1' + path, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token ?? '' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, { method, path, body });
}

//! The locale file `code` (e.g. 'zh-CN'), so tests read the screens in the language shown.
export const dict = (code) => JSON.parse(readFileSync(join(webDir, 'src', 'i18n', 'locales', code + '.json'), 'utf8'));

//! The text of `key` in `d`, with {placeholders} filled, as the app shows it.
export function T(d, key, vars = {}) {
  let v = d;
  for (const part of key.split('.')) v = v?.[part];
  assert.equal(typeof v, 'string', `missing translation ${key}`);
  return v.replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));
}

//! Fails when the page scrolls sideways.
export async function noOverflow(page, label) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${label}: ${scroll} px wide in a ${inner} px window`);
}

//! Waits for the page on screen to have settled: its heading is there and nothing in `main`
//! is loading any more.
export async function settled(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main .loading'));
}

//! Opens `url` and waits until the page has what it loads first: the answers to the GET
//! requests of `answers` (API paths such as '/duty', without the query), then its heading and
//! no spinner. Reading a control's state before that reads the placeholder shown while loading.
export async function openPage(page, url, answers = []) {
  const waits = answers.map((a) =>
    page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v1' + a));
  await page.goto(url);
  await Promise.all(waits);
  await settled(page);
}

//! On a phone the menu is folded behind one button: opens it when it is folded, once the page
//! shown has settled, and waits until it is open.
export async function openMenu(page) {
  await settled(page);
  const toggle = page.locator('.menu-toggle');
  if (!(await toggle.isVisible())) return;
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#main-menu.open nav').waitFor();
}

//! Answers the confirmation dialog of an irreversible step: checks that it is open, modal and
//! says `mentions` (a case number, a name…), then presses the button named `confirm`.
export async function confirmDialog(page, confirm, mentions = []) {
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'the confirmation is modal');
  const text = await dialog.innerText();
  for (const m of mentions) assert.ok(text.includes(m), `the confirmation mentions ${m}: ${text}`);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}
