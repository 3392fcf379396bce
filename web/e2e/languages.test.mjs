// (c) Every language renders: the citizen pages in each locale file, the workbench in those
// marked for staff; no raw translation keys leak; large-text mode works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, shoot, signIn, webDir, MOBILE, DESKTOP } from './helpers.mjs';

const localesDir = join(webDir, 'src', 'i18n', 'locales');
const locales = readdirSync(localesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ code: f.replace('.json', ''), dict: JSON.parse(readFileSync(join(localesDir, f), 'utf8')) }));

// A visible "home.title" or "state.submitted" would mean a missing translation.
const RAW_KEY = /\b(app|home|catalog|item|auth|apply|cases|state|action|role|priority|sites|staff|errors)\.[a-zA-Z_]+\b/;

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('there are at least Chinese, English and Italian', () => {
  const codes = locales.map((l) => l.code);
  for (const c of ['zh-CN', 'en', 'it']) assert.ok(codes.includes(c), c);
});

for (const { code, dict } of locales) {
  test(`citizen pages render in ${code}`, async () => {
    const page = await newPage(browser, MOBILE, code);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: dict.home.title }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), code);
    for (const [path, name] of [['/', 'home'], ['/items/EE-001', 'item'], ['/signin', 'signin'], ['/register', 'register'], ['/sites', 'sites'], ['/help', 'help']]) {
      await page.goto(server.url + path);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const text = await page.locator('body').innerText();
      assert.doesNotMatch(text, RAW_KEY, `${code} ${path} shows an untranslated key`);
      await shoot(page, `lang-${code}-${name}-375`);
    }
    // The choice is remembered across visits.
    await page.goto(server.url + '/');
    assert.equal(await page.inputValue('header select'), code);
    // Server errors reach the person in their language.
    await page.goto(server.url + '/signin');
    // One address per language: five wrong passwords for one account lock it for a while.
    await page.fill('#email', `nobody-${code}@example.org`);
    await page.fill('#password', 'wrong password');
    await page.click('button[type=submit]');
    await page.getByText(dict.errors.wrongLogin).waitFor();
  });
}

for (const { code, dict } of locales.filter((l) => l.dict.meta.staff)) {
  test(`the workbench renders in ${code}`, async () => {
    const page = await newPage(browser, DESKTOP, code);
    await signIn(page, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
    await page.getByRole('heading', { name: dict.staff.queue }).waitFor();
    assert.doesNotMatch(await page.locator('body').innerText(), RAW_KEY);
    await shoot(page, `lang-${code}-staff-queue-1280`);
  });
}

test('switching language in the page and large-text mode', async () => {
  const page = await newPage(browser, MOBILE, 'zh-CN');
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: '您要办什么事？' }).waitFor();
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main h1')).fontSize));
  await page.getByLabel('大字模式').check();
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main h1')).fontSize));
  assert.ok(after > before * 1.15, `large text: ${before} -> ${after}`);
  await shoot(page, 'citizen-home-large-text-375');
  await page.selectOption('header select', 'it');
  await page.getByRole('heading', { name: 'Che cosa deve fare?' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Che cosa deve fare?' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), true);
});
