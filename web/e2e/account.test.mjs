// The person's account on a phone (375 px): the language they choose is saved and shown in the
// profile; the password changes and other sessions end; "who looked at my data" shows the
// office that opened their case; an appointment downloads as a calendar file; and the account
// is deleted after reading what the law keeps. Every page fits the screen, also in large text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, shoot, register, signIn, apiInPage, MOBILE, openMenu } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! Fails if the page is wider than the screen, in normal and in large-text mode.
async function fits(page, label) {
  for (const large of [false, true]) {
    await page.evaluate((on) => document.documentElement.classList.toggle('large-text', on), large);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= MOBILE.width, `${label}${large ? ' (large text)' : ''} is ${width} px wide at ${MOBILE.width} px`);
  }
  await page.evaluate(() => document.documentElement.classList.remove('large-text'));
}

const EMAIL = 'ana.account@example.org';
const FIRST = 'correct horse battery';
const SECOND = 'a brand new secret 42';

test('a person manages their account: language, password, access log, calendar, deletion', async () => {
  const page = await newPage(browser, MOBILE, 'en');
  await register(page, server.url, EMAIL, 'Ana Li');

  // The language menu saves the choice to the account; the profile shows it.
  await page.selectOption('header select', 'it');
  await page.getByRole('heading', { name: 'Le mie pratiche' }).waitFor();
  await openMenu(page);
  await page.getByRole('link', { name: 'Il mio account' }).click();
  await page.getByRole('heading', { name: 'Il mio account' }).waitFor();
  assert.equal(await page.inputValue('#acc-locale'), 'it');
  const saved = await apiInPage(page, 'GET', '/me');
  assert.equal(saved.body.user.locale, 'it');
  await fits(page, 'profile');
  await shoot(page, 'account-profile-it-375');

  // Back to English from the profile form: the page follows, the account too.
  await page.selectOption('#acc-locale', 'en');
  await page.getByRole('button', { name: 'Salva i dati' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  assert.equal(await page.inputValue('header select'), 'en');
  assert.equal((await apiInPage(page, 'GET', '/me')).body.user.locale, 'en');

  // E-mail choices: case news off, and it stays off.
  await page.getByLabel('News about my applications').uncheck();
  await page.getByRole('button', { name: 'Save notification choices' }).click();
  await page.getByText('Saved.').first().waitFor();
  const prefs = await apiInPage(page, 'GET', '/me/notification-preferences');
  assert.equal(prefs.body.preferences.email.cases, false);
  assert.equal(prefs.body.preferences.email.appointments, true);

  // Change the password: a wrong current one is refused in words; then it works, and another
  // browser that was signed in is signed out.
  const other = await newPage(browser, MOBILE, 'en');
  await signIn(other, server.url, EMAIL, FIRST);
  await page.fill('#pw-current', 'not my password');
  await page.fill('#pw-new', SECOND);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('This is not your current password.').waitFor();
  await page.fill('#pw-current', FIRST);
  await page.fill('#pw-new', SECOND);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password is changed.', { exact: false }).waitFor();
  assert.equal((await other.evaluate(async () => (await fetch('/api/v1/me')).status)), 401);
  await other.context().close();

  // An application, opened by an officer in another browser.
  const created = await apiInPage(page, 'POST', '/cases', {
    item_code: 'EE-011', submit: true,
    form: { surname: 'LI', given_names: 'ANA', sex: 'F', date_of_birth: '1990-02-03', phone: '+39 333 1234567',
      id_number: '33112119900203002X', period_from: '2020-01-01', period_to: '2026-01-01' },
  });
  assert.equal(created.status, 201);
  const officer = await newPage(browser, MOBILE, 'en');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  await officer.goto(server.url + '/staff/cases/' + created.body.case.id);
  await officer.getByText(created.body.case.case_no).first().waitFor();
  await officer.context().close();

  // Who looked at my data: reached from the profile; the officer appears by role and office.
  await page.goto(server.url + '/account');
  await page.getByRole('link', { name: 'Who looked at my data' }).click();
  await page.getByRole('heading', { name: 'Who looked at my data' }).waitFor();
  const entry = page.locator('.access-log li', { hasText: 'Opened your application' }).first();
  await entry.waitFor();
  const text = await entry.innerText();
  assert.match(text, /Officer · /);
  assert.match(text, new RegExp(created.body.case.case_no));
  assert.match(text, /to handle your application/);
  assert.doesNotMatch(text, /Chen/); // never the officer's name
  await fits(page, 'access log');
  await shoot(page, 'account-access-log-375');

  // An appointment at the Milan liaison site goes into the phone's calendar.
  const liaison = await newPage(browser, MOBILE, 'en');
  await signIn(liaison, server.url, 'liaison.milan@demo.tongban.example', 'demo-liaison-2026');
  const start = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  start.setUTCMinutes(0, 0, 0);
  const slots = await apiInPage(liaison, 'POST', '/slots', { kind: 'window', starts_at: start.toISOString().replace(/\.\d+Z$/, 'Z'), duration_minutes: 30 });
  assert.equal(slots.status, 201, JSON.stringify(slots.body));
  await liaison.context().close();
  const booked = await apiInPage(page, 'POST', '/appointments', { slot_id: slots.body.slots[0].id });
  assert.equal(booked.status, 201);
  await page.goto(server.url + '/appointments');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Add to calendar' }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /^tongban-appointment-\d+\.ics$/);
  const ics = readFileSync(await download.path(), 'utf8');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends in CRLF');
  assert.match(ics, /\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
  assert.match(ics.replace(/\r\n /g, ''), /LOCATION:.*Via Paolo Sarpi\\, Milan\\, Italy/);
  await fits(page, 'appointments');

  // Delete the account: the page says what is kept and what goes, and asks for the password.
  await page.goto(server.url + '/account');
  await page.getByRole('link', { name: 'Delete my account' }).click();
  await page.getByRole('heading', { name: 'Delete my account' }).waitFor();
  await page.getByText('Kept, because the law requires it').waitFor();
  assert.ok(await page.getByText(/audit trail/).isVisible());
  assert.ok(await page.getByText(/Drafts you have not submitted/).isVisible());
  await fits(page, 'delete account');
  await shoot(page, 'account-delete-375');
  await page.fill('#delete-password', SECOND);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByText('Please tick the box to confirm.').waitFor();
  await page.getByLabel('I understand that this cannot be undone.').check();
  await page.fill('#delete-password', 'wrong password 1');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByText('This is not your current password.').waitFor();
  await page.fill('#delete-password', SECOND);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
  await page.getByRole('link', { name: 'Sign in' }).waitFor(); // signed out
  // The account can no longer sign in.
  await page.goto(server.url + '/signin');
  await page.fill('#email', EMAIL);
  await page.fill('#password', SECOND);
  await page.click('button[type=submit]');
  await page.getByText('E-mail or password is wrong.').waitFor();
});

test('the account pages are in Chinese and Italian too', async () => {
  for (const [code, title, log] of [['zh-CN', '我的账户', '谁查看了我的数据'], ['it', 'Il mio account', 'Chi ha visto i miei dati']]) {
    const page = await newPage(browser, MOBILE, code);
    await register(page, server.url, `account-${code}@example.org`, 'Li Ming');
    await page.goto(server.url + '/account');
    await page.getByRole('heading', { name: title }).waitFor();
    await fits(page, `profile ${code}`);
    await page.goto(server.url + '/account/access-log');
    await page.getByRole('heading', { name: log }).waitFor();
    await fits(page, `access log ${code}`);
    await page.goto(server.url + '/account/delete');
    await page.locator('main h1').waitFor();
    await fits(page, `delete ${code}`);
    await shoot(page, `account-delete-${code}-375`);
    await page.context().close();
  }
});
