// Shared pieces of the end-to-end tests: a real tongban server in a temp dir, Debian's
// Chromium driven by playwright-core, axe-core on every page, screenshots for people to read.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const repoDir = resolve(webDir, '..');
export const shotsDir = join(repoDir, 'test-output', 'screenshots');
const binary = process.env.TB_BINARY || join(repoDir, 'build', 'tongban');

export async function startServer() {
  assert.ok(existsSync(join(webDir, 'dist', 'index.html')), 'web/dist is missing: run `make web` (make test does)');
  assert.ok(existsSync(binary), `tongban binary missing at ${binary}: run make build`);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
  const env = { ...process.env, TONGBAN_FAST_PASSWORD_HASHING: 'true', TONGBAN_LOG_LEVEL: 'info' };
  execFileSync(binary, ['--data-dir', dir, 'migrate'], { env, stdio: 'ignore' });
  execFileSync(binary, ['--data-dir', dir, '--catalog-dir', join(repoDir, 'catalog'), 'seed', '--demo'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
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

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const MOBILE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

export async function newPage(browser, viewport, lang = 'en') {
  const context = await browser.newContext({ viewport, locale: lang === 'zh-CN' ? 'zh-CN' : lang, timezoneId: 'Europe/Rome' });
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

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

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
