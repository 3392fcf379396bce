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
const RAW_KEY = /\b(app|home|catalog|item|auth|apply|cases|state|action|role|priority|sites|staff|errors|appt|video|inbox|help|docType|deliveries)\.[a-zA-Z_]+\b/;

//! The catalogue's key for a web locale: "zh" for "zh-CN", "it" for "it".
const catalogLang = (code) => (code.startsWith('zh') ? 'zh' : code.split('-')[0]);

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
    // The item page speaks the language: name, documents and steps from the catalogue in this
    // language (catalog/i18n), not in English.
    const item = (await (await fetch(server.url + '/api/v1/items/EE-001')).json()).item;
    const cl = catalogLang(code);
    const expected = {
      name: item.name[cl],
      documents: item.documents.map((d) => d.name[cl]),
      steps: item.steps.map((s) => s.text[cl]),
    };
    for (const [what, v] of Object.entries(expected))
      for (const text of [v].flat()) assert.ok(text, `${code}: the catalogue has no ${cl} text for EE-001 ${what}`);
    if (cl !== 'en') {
      assert.notEqual(expected.name, item.name.en, `${code}: the item name is English`);
      expected.documents.forEach((d, i) => assert.notEqual(d, item.documents[i].name.en, `${code}: document ${i} is English`));
      expected.steps.forEach((s, i) => assert.notEqual(s, item.steps[i].text.en, `${code}: step ${i} is English`));
    }
    await page.goto(server.url + '/items/EE-001');
    await page.locator('main h1').waitFor();
    assert.equal((await page.locator('main h1').innerText()).trim(), expected.name);
    // By content, not layout: each document and step in this language, none in English.
    const shown = await page.locator('main').innerText();
    for (const text of [...expected.documents, ...expected.steps]) assert.ok(shown.includes(text), `${code}: the item page does not show "${text}"`);
    if (cl !== 'en')
      for (const text of [...item.documents.map((d) => d.name.en), ...item.steps.map((s) => s.text.en)])
        assert.ok(!shown.includes(text), `${code}: the item page shows English "${text}"`);
    // The home page lists the categories in this language.
    await page.goto(server.url + '/');
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    const categories = (await (await fetch(server.url + '/api/v1/categories')).json()).categories;
    const home = await page.locator('main').innerText();
    for (const c of categories) assert.ok(home.includes(c.name[cl]), `${code}: home does not show the category "${c.name[cl]}"`);
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

test('a closed service point says when it opens next, in the reader’s language', async () => {
  // The Milan liaison site opens Mon–Fri 09:30–18:00 and Sat 10:00–13:00 (Europe/Rome).
  const cases = [
    // Sunday 23:00 in Rome: closed, opens tomorrow.
    { at: '2026-11-22T22:00:00Z', lang: 'en', badge: 'Closed now', when: 'opens tomorrow at 09:30' },
    { at: '2026-11-22T22:00:00Z', lang: 'zh-CN', badge: '非办公时间', when: '明天 09:30 开始办公' },
    // Saturday 14:00: closed until Monday.
    { at: '2026-11-21T13:00:00Z', lang: 'it', badge: 'Chiuso ora', when: 'apre Lun alle 09:30' },
    // Monday 08:00: opens later today; Monday 10:00: open until the evening.
    { at: '2026-11-23T07:00:00Z', lang: 'en', badge: 'Closed now', when: 'opens today at 09:30' },
    { at: '2026-11-23T09:00:00Z', lang: 'en', badge: 'Open now', when: 'until 18:00' },
  ];
  for (const c of cases) {
    const page = await newPage(browser, MOBILE, c.lang);
    await page.clock.setFixedTime(new Date(c.at));
    await page.goto(server.url + '/sites');
    const card = page.locator('main li.card').first(); // nearest to Milan: the Milan site
    await card.waitFor();
    const hours = (await card.locator('.hours p').first().innerText()).replace(/\s+/g, ' ');
    assert.ok(hours.includes(c.badge) && hours.includes(c.when), `${c.lang} at ${c.at}: "${hours}"`);
    assert.ok(!hours.includes('暂停服务'), hours);
    await page.context().close();
  }
});
