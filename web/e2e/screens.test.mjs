// Every main page at phone (375 px) and desktop (1280 px) width, each checked by axe-core and
// saved to test-output/screenshots/ for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, apiInPage, MOBILE, DESKTOP } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const PUBLIC = [['/', 'home'], ['/category/exit_entry', 'category'], ['/search?q=passport', 'search'], ['/items/EE-001', 'item'],
  ['/signin', 'signin'], ['/register', 'register'], ['/sites', 'sites'], ['/help', 'help']];

for (const [width, viewport] of [[375, MOBILE], [1280, DESKTOP]]) {
  test(`main pages at ${width} px`, async () => {
    const page = await newPage(browser, viewport, 'en');
    for (const [path, name] of PUBLIC) {
      await page.goto(server.url + path);
      await page.locator('main h1').waitFor();
      await shoot(page, `screen-${name}-${width}`);
    }
    await register(page, server.url, `screens${width}@example.org`, 'Li Ming');
    const draft = await apiInPage(page, 'POST', '/cases', { item_code: 'EE-005', form: { surname: 'LI', given_names: 'MING' } });
    assert.equal(draft.status, 201);
    for (const [path, name] of [['/cases', 'my-cases'], [`/cases/${draft.body.case.id}`, 'case'], ['/items/EE-005/apply', 'apply'],
      ['/appointments', 'appointments'], ['/inbox', 'inbox'], ['/account', 'account'], ['/account/access-log', 'access-log'],
      ['/account/delete', 'delete-account']]) {
      await page.goto(server.url + path);
      await page.locator('main h1').waitFor();
      await shoot(page, `screen-${name}-${width}`);
    }
    const staff = await newPage(browser, viewport, 'en');
    await signIn(staff, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
    for (const [path, name] of [['/staff', 'staff-queue'], ['/staff/appointments', 'staff-appointments'], ['/staff/consult', 'staff-consult'], ['/staff/assist', 'staff-assist']]) {
      await staff.goto(server.url + path);
      await staff.locator('main h1').waitFor();
      await shoot(staff, `screen-${name}-${width}`);
    }
    const admin = await newPage(browser, viewport, 'en');
    await signIn(admin, server.url, 'admin@demo.tongban.example', 'demo-admin-2026');
    for (const [path, name] of [['/staff/catalog', 'staff-catalog'], ['/staff/deliveries', 'staff-deliveries']]) {
      await admin.goto(server.url + path);
      await admin.locator('main h1').waitFor();
      await shoot(admin, `screen-${name}-${width}`);
    }
  });
}
