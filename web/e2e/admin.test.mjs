// The administrator on a phone (375 px), in Chinese and in English: creates an officer, finds
// them in the list, disables them after reading the confirmation, and the officer can no longer
// sign in; disables and enables a webhook (confirmed); the units page lists the tree. No page
// scrolls sideways. Screenshots in test-output/screenshots/admin-<lang>-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, signIn, apiInPage, openMenu, MOBILE } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fits(page, label) {
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: MOBILE.height });
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= width, `${label} is ${w} px wide at ${width} px`);
  }
  await page.setViewportSize(MOBILE);
}

const TEXT = {
  'zh-CN': {
    users: '用户管理', webhooks: 'Webhook 管理', units: '机构管理', newUser: '新建工作人员账户', create: '创建账户',
    search: '查询', disable: '停用账户', disableHook: '停用 Webhook', disabled: '已停用', active: '正常', enable: '启用',
    created: '已创建', unitsTitle: '机构管理', webhooksTitle: 'Webhook 与投递记录',
  },
  en: {
    users: 'Users', webhooks: 'Webhooks', units: 'Units', newUser: 'New staff account', create: 'Create account',
    search: 'Search', disable: 'Disable account', disableHook: 'Disable webhook', disabled: 'Disabled', active: 'Active', enable: 'Enable',
    created: 'is created', unitsTitle: 'Units', webhooksTitle: 'Webhooks and deliveries',
  },
};

for (const lang of ['zh-CN', 'en']) {
  test(`administrator manages accounts and webhooks at 375 px (${lang})`, async () => {
    const tx = TEXT[lang];
    const page = await newPage(browser, MOBILE, lang);
    await signIn(page, server.url, 'admin@demo.tongban.example', 'demo-admin-2026');
    // A webhook to manage later (registered through the API; the page lists it).
    const hookUrl = `https://receiver.example.org/${lang}/tongban-events`;
    const hook = await apiInPage(page, 'POST', '/webhooks', { url: hookUrl, topics: ['case.state_changed'] });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));

    // Users, reached from the menu.
    await openMenu(page);
    await page.getByRole('link', { name: tx.users, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: tx.users }).waitFor();

    // Create an officer of the Qingtian centre with a temporary password.
    const email = `new.officer.${lang.toLowerCase()}@tongban.example`;
    const password = 'temporary-pass-2026';
    await page.getByRole('button', { name: tx.newUser }).click();
    // A short password is refused next to its field, and nothing is created.
    await page.locator('#nu-email').fill(email);
    await page.locator('#nu-display_name').fill(`Officer ${lang}`);
    await page.locator('#nu-role').selectOption('officer');
    const unitValue = await page.locator('#nu-unit option', { hasText: 'QT-EEB' }).getAttribute('value');
    await page.locator('#nu-unit').selectOption(unitValue);
    await page.locator('#nu-password').fill('short');
    await page.getByRole('button', { name: tx.create }).click();
    await page.locator('#nu-password-error').waitFor();
    assert.equal(await page.locator('#nu-password').getAttribute('aria-invalid'), 'true');
    await page.locator('#nu-password').fill(password);
    await fits(page, 'new user form');
    await shoot(page, `admin-${lang}-01-new-user`);
    await page.getByRole('button', { name: tx.create }).click();
    await page.getByText(tx.created).first().waitFor();

    // Search finds them.
    await page.locator('#uf-q').fill(email.toUpperCase());
    await page.getByRole('button', { name: tx.search, exact: true }).click();
    const row = page.locator(`tr[data-email="${email}"]`);
    await row.waitFor();
    // The unfiltered list (newest first) already shows them: wait for the answer to the search,
    // which holds that one account only (a timeout here means the search did not filter).
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await fits(page, 'users list');
    await shoot(page, `admin-${lang}-02-users`);

    // The officer signs in in another browser, then is disabled: the confirmation says what
    // happens; going back changes nothing, confirming disables.
    const officer = await newPage(browser, MOBILE, lang);
    await signIn(officer, server.url, email, password);
    assert.equal(await officer.evaluate(async () => (await fetch('/api/v1/me')).status), 200);
    await row.getByRole('button', { name: new RegExp(lang === 'en' ? 'Disable' : '停用') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.ok((await dialog.textContent()).includes(email), 'the confirmation names the account');
    await shoot(page, `admin-${lang}-03-confirm-disable`);
    await dialog.getByRole('button', { name: lang === 'en' ? 'Go back' : '返回' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.ok((await row.textContent()).includes(tx.active), 'going back leaves the account active');
    await row.getByRole('button', { name: new RegExp(lang === 'en' ? 'Disable' : '停用') }).click();
    await page.getByRole('dialog').getByRole('button', { name: tx.disable }).click();
    await row.getByText(tx.disabled, { exact: true }).waitFor();
    // Signed out at once, and signing in fails.
    assert.equal(await officer.evaluate(async () => (await fetch('/api/v1/me')).status), 401);
    await officer.goto(server.url + '/signin');
    await officer.fill('#email', email);
    await officer.fill('#password', password);
    await officer.click('button[type=submit]');
    await officer.locator('.notice.error').waitFor();
    assert.ok(officer.url().includes('/signin'), 'a disabled account stays on the sign-in page');
    await officer.context().close();
    await fits(page, 'users list after disabling');

    // Units: the tree is listed.
    await openMenu(page);
    await page.getByRole('link', { name: tx.units, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: tx.unitsTitle }).waitFor();
    await page.getByText('QT-EEB', { exact: true }).waitFor();
    await fits(page, 'units');
    await shoot(page, `admin-${lang}-04-units`);

    // Webhooks: disable (confirmed) and enable again.
    await openMenu(page);
    await page.getByRole('link', { name: tx.webhooks, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: tx.webhooksTitle }).waitFor();
    const item = page.locator(`li[data-hook="${hook.body.webhook.id}"]`);
    await item.waitFor();
    await item.getByRole('button', { name: new RegExp(lang === 'en' ? 'Disable' : '停用') }).click();
    await page.getByRole('dialog').waitFor();
    await shoot(page, `admin-${lang}-05-confirm-disable-webhook`);
    await page.getByRole('dialog').getByRole('button', { name: tx.disableHook }).click();
    await item.getByText(tx.disabled, { exact: true }).waitFor();
    let listed = await apiInPage(page, 'GET', '/admin/webhooks');
    assert.equal(listed.body.webhooks.find((h) => h.id === hook.body.webhook.id).disabled, true);
    await item.getByRole('button', { name: new RegExp(lang === 'en' ? 'Enable' : '启用') }).click();
    await item.getByText(tx.active, { exact: true }).waitFor();
    listed = await apiInPage(page, 'GET', '/admin/webhooks');
    assert.equal(listed.body.webhooks.find((h) => h.id === hook.body.webhook.id).disabled, false);
    await fits(page, 'webhooks');
    await shoot(page, `admin-${lang}-06-webhooks`);
    await page.context().close();
  });
}
