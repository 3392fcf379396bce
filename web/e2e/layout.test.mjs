// No page may be wider than the phone it is read on. For every role, every page its menu
// reaches (so a new page is checked as soon as it is linked) plus the detail pages behind
// lists, at 320 and 375 px, in normal and large-text mode, in English and in a long-worded
// language: the document must not scroll sideways. A failure names the elements that stick out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, register, apiInPage, PNG } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! Elements whose right edge passes the viewport, widest first (what a person would have to scroll to).
async function overflow(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= vw) return null;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > vw + 0.5) {
        const id = el.id ? '#' + el.id : '';
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        out.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport: vw, elements: out.slice(0, 6) };
  });
}

//! The menu's links, as the signed-in (or anonymous) person sees them.
async function menuLinks(page) {
  return page.$$eval('header nav a[href]', (as) => as.map((a) => a.getAttribute('href')));
}

async function setLarge(page, on) {
  await page.evaluate((on) => {
    localStorage.setItem('tb.largeText', on ? '1' : '0');
  }, on);
}

// Citizens are checked in German (long compound words), staff in English (the workbench
// speaks Chinese and English; Chinese never overflows where English does not).
const ROLES = [
  { name: 'anonymous', lang: 'de' },
  { name: 'applicant', lang: 'de', email: 'applicant@demo.tongban.example', password: 'demo-applicant-2026' },
  { name: 'officer', lang: 'en', email: 'officer.qingtian@demo.tongban.example', password: 'demo-officer-2026' },
  { name: 'supervisor', lang: 'en', email: 'supervisor.qingtian@demo.tongban.example', password: 'demo-supervisor-2026' },
  { name: 'liaison', lang: 'en', email: 'liaison.milan@demo.tongban.example', password: 'demo-liaison-2026' },
  { name: 'admin', lang: 'en', email: 'admin@demo.tongban.example', password: 'demo-admin-2026' },
];

let caseId, draftItem;
test('an applicant with a submitted case, a draft and a question (the pages behind the lists)', async () => {
  const page = await newPage(browser, { width: 375, height: 800 }, 'en');
  await signIn(page, server.url, 'applicant@demo.tongban.example', 'demo-applicant-2026');
  const c = await apiInPage(page, 'POST', '/cases', {
    item_code: 'EE-011', submit: true,
    form: { surname: 'ZHANG', given_names: 'WEI', sex: 'M', date_of_birth: '1980-05-06', phone: '+39 02 1234 5678',
      id_number: '33112119800506001X', period_from: '2020-01-01', period_to: '2026-01-01' },
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  caseId = c.body.case.id;
  draftItem = 'EE-005';
  const d = await apiInPage(page, 'POST', '/cases', { item_code: draftItem, form: { surname: 'ZHANG' } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  await page.context().close();
});

{
  for (const role of ROLES) {
    const lang = role.lang;
    test(`no page scrolls sideways: ${role.name}, ${lang}, 320 and 375 px, normal and large text`, async () => {
      const problems = [];
      for (const width of [320, 375]) {
        const page = await newPage(browser, { width, height: 740 }, lang);
        if (role.email) await signIn(page, server.url, role.email, role.password);
        else await page.goto(server.url + '/');
        await page.locator('main h1').waitFor();
        const paths = new Set(await menuLinks(page));
        for (const p of ['/', '/items/EE-001', '/items/EE-005', '/category/exit_entry', '/search?q=passport', '/sites', '/help'])
          paths.add(p);
        if (!role.email) for (const p of ['/signin', '/register']) paths.add(p);
        if (role.name === 'applicant') {
          paths.add(`/cases/${caseId}`);
          paths.add(`/items/${draftItem}/apply`);
        }
        if (role.name === 'officer' || role.name === 'supervisor') paths.add(`/staff/cases/${caseId}`);
        for (const large of [false, true]) {
          await setLarge(page, large);
          for (const p of paths) {
            await page.goto(server.url + p);
            await page.locator('main h1').first().waitFor();
            await page.waitForLoadState('networkidle');
            const bad = await overflow(page);
            if (bad) problems.push(`${p} at ${width}px${large ? ' large text' : ''}: ${bad.scrollWidth}px wide: ${bad.elements.join(', ')}`);
          }
        }
        await page.context().close();
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
}

test('the apply page with a file chosen and a long file name still fits 320 px', async () => {
  const page = await newPage(browser, { width: 320, height: 740 }, 'en');
  await register(page, server.url, 'layout-upload@example.org', 'Maria Bianchi');
  await page.goto(server.url + '/items/EE-005/apply');
  await page.locator('main h1').waitFor();
  const input = page.locator('input[type=file]').first();
  await input.setInputFiles({ name: 'a-very-long-scanned-passport-page-file-name-from-the-phone-camera-2026-11-23.png', mimeType: 'image/png', buffer: PNG });
  await page.getByText(/a-very-long-scanned/).first().waitFor();
  const bad = await overflow(page);
  assert.equal(bad, null, JSON.stringify(bad));
});
