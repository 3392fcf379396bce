// Requirements before effort and forms that help: an unverified person learns on the item page
// that a video check comes first, prepares and saves the application, finds it again on another
// device, and types names and countries the way people do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, register, shoot, apiInPage, signIn } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the item page says what is needed and offers the video check first', async () => {
  const page = await newPage(browser, { width: 375, height: 812 }, 'en');
  await register(page, server.url, 'needs@example.org', 'Chen Jing');
  await page.goto(server.url + '/items/CP-001');
  const need = page.locator('section.need');
  await need.getByRole('heading', { name: 'What you need' }).waitFor();
  await need.getByText('First: a video identity check with an officer.').waitFor();
  await need.getByText('Passport data page').first().waitFor();
  // The steps put the check before the form.
  const steps = await page.locator('ol.steps li').allInnerTexts();
  assert.match(steps[0], /identity/i, steps.join(' | '));
  assert.match(steps[1], /form/i, steps.join(' | '));
  await shoot(page, 'journey-item-needs-check-375');
  // Booking is one tap away and remembers what it is for.
  await need.getByRole('link', { name: 'Book the video check' }).click();
  await page.waitForURL(/\/appointments\?item=CP-001/);
  await page.getByText('Book the video identity check for your application.').waitFor();
});

test('an unverified person prepares, saves, and resumes the application on another device', async () => {
  const page = await newPage(browser, { width: 375, height: 812 }, 'en');
  await register(page, server.url, 'drafts@example.org', 'Lin Hua');
  await page.goto(server.url + '/items/CP-001');
  await page.getByRole('link', { name: 'Prepare your application' }).click();
  await page.waitForURL(/\/items\/CP-001\/apply/);
  await page.locator('.notice.attention').getByText('First: a video identity check with an officer.').waitFor();
  // Lower-case names become capitals as typed, and the hint says so.
  await page.fill('#f-surname', 'lin');
  assert.equal(await page.inputValue('#f-surname'), 'LIN');
  await page.fill('#f-given_names', 'hua');
  assert.equal(await page.inputValue('#f-given_names'), 'HUA');
  await page.getByText('we convert it for you').first().waitFor();
  // The country is chosen from a list of names, not typed as a code.
  await page.selectOption('#f-country_of_residence', 'IT');
  assert.equal(await page.locator('#f-country_of_residence option:checked').innerText(), 'Italy');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved.').waitFor();
  // A second device (a new browser context) finds the draft under My cases and continues it.
  const other = await newPage(browser, { width: 375, height: 812 }, 'en');
  await signIn(other, server.url, 'drafts@example.org', 'correct horse battery');
  await other.goto(server.url + '/cases');
  await other.getByRole('heading', { name: 'Saved, not yet submitted' }).waitFor();
  await shoot(other, 'journey-my-drafts-375');
  await other.getByRole('link', { name: 'Continue' }).click();
  await other.waitForURL(/\/items\/CP-001\/apply\?draft=/);
  await other.getByText('You are continuing an application you saved.').waitFor();
  assert.equal(await other.inputValue('#f-surname'), 'LIN');
  assert.equal(await other.inputValue('#f-country_of_residence'), 'IT');
  // Opening the item again offers to continue, and no second draft is made.
  await other.goto(server.url + '/items/CP-001');
  await other.getByRole('link', { name: 'Continue your saved application' }).click();
  await other.waitForURL(/\/items\/CP-001\/apply/);
  await other.getByText('You are continuing an application you saved.').waitFor();
  await other.getByRole('button', { name: 'Save draft' }).click();
  await other.getByText('Draft saved.').waitFor();
  const list = await apiInPage(other, 'GET', '/cases');
  assert.equal(list.body.cases.filter((c) => c.state === 'draft' && c.item.code === 'CP-001').length, 1);
  // The main button saves and goes to booking instead of failing at the end.
  await other.getByRole('button', { name: 'Save and book the identity check' }).click();
  await other.waitForURL(/\/appointments\?item=CP-001&case=\d+/);
});

test('the server normalises what people type and explains what it refuses', async () => {
  const page = await newPage(browser, { width: 375, height: 812 }, 'en');
  await register(page, server.url, 'normalise@example.org', 'Wu Lei');
  const r = await apiInPage(page, 'POST', '/cases', {
    item_code: 'EE-011', submit: true,
    form: { surname: 'wu', given_names: 'lei', sex: 'M', date_of_birth: '1985-03-02', phone: '+39 02 1234 5678',
      id_number: '33112119850302001x', period_from: '2020-01-01', period_to: '2026-01-01' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const c = await apiInPage(page, 'GET', '/cases/' + r.body.case.id);
  assert.equal(c.body.case.form.surname, 'WU');
  assert.equal(c.body.case.form.id_number, '33112119850302001X');
  // A country that does not exist is refused with the field named.
  const bad = await apiInPage(page, 'POST', '/cases', { item_code: 'EE-005', form: { country_of_residence: 'xx' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.fields['form.country_of_residence'].code, 'country');
});

test('in Italian the country list and the phone prefixes are in Italian', async () => {
  const page = await newPage(browser, { width: 375, height: 812 }, 'it');
  await register(page, server.url, 'italiano@example.org', 'Rossi Anna');
  await page.goto(server.url + '/items/CP-001/apply');
  await page.locator('#f-country_of_residence').waitFor();
  await page.selectOption('#f-country_of_residence', 'DE');
  assert.equal(await page.locator('#f-country_of_residence option:checked').innerText(), 'Germania');
  await page.locator('#f-phone-prefix option[value="IT"]').waitFor({ state: 'attached' });
  await page.selectOption('#f-phone-prefix', 'IT');
  await page.fill('#f-phone', '02 1234 5678');
  assert.match(await page.locator('#f-phone-prefix option:checked').innerText(), /Italia \+39/);
  await page.getByRole('button', { name: 'Salva la bozza' }).click();
  await page.locator('.notice.ok').waitFor();
  const list = await apiInPage(page, 'GET', '/cases');
  const draft = await apiInPage(page, 'GET', '/cases/' + list.body.cases[0].id);
  assert.equal(draft.body.case.form.phone, '+39 02 1234 5678');
  assert.equal(draft.body.case.form.country_of_residence, 'DE');
  await shoot(page, 'journey-apply-it-375');
});
