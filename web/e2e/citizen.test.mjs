// (a) A citizen on a phone registers, finds an instant item and sees it decided at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, MOBILE, DESKTOP } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('citizen registers, applies for an instant item and sees it approved', async () => {
  const page = await newPage(browser, MOBILE, 'en');
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: 'What do you need to do?' }).waitFor();
  await shoot(page, 'citizen-home-375');

  await register(page, server.url, 'li.na@example.org', 'Li Na');
  await shoot(page, 'citizen-my-cases-empty-375');

  // Search in English finds the certificate; the item page says what is needed.
  await page.goto(server.url + '/');
  await page.fill('#q', 'exit-entry records');
  await page.click('form[role=search] button');
  await page.getByRole('link', { name: 'Certificate of exit-entry records' }).click();
  await page.getByRole('heading', { name: 'Certificate of exit-entry records' }).waitFor();
  assert.ok(await page.getByText('Decided on the spot').isVisible());
  await shoot(page, 'citizen-item-375');

  await page.getByRole('link', { name: 'Apply now' }).click();
  await page.locator('#f-surname').waitFor();
  // A lower-case surname is turned to capitals as typed; a digit is refused while typing, and
  // the error repeats what to type.
  await page.fill('#f-surname', 'li');
  assert.equal(await page.inputValue('#f-surname'), 'LI');
  await page.fill('#f-surname', 'l1');
  await page.locator('#f-surname').blur();
  await page.locator('#f-surname-error', { hasText: 'This does not match what is expected here. In pinyin, as printed in your passport.' }).waitFor();
  await shoot(page, 'citizen-apply-error-375');
  await page.fill('#f-surname', 'LI');
  await page.fill('#f-given_names', 'NA');
  await page.selectOption('#f-sex', 'F');
  await page.fill('#f-date_of_birth', '1990-02-03');
  await page.fill('#f-phone', '+39 333 1234567');
  await page.fill('#f-id_number', '33112119900203002X');
  await page.fill('#f-period_from', '2020-01-01');
  await page.fill('#f-period_to', '2026-01-01');
  await shoot(page, 'citizen-apply-375');
  await page.getByRole('button', { name: 'Submit application' }).click();

  await page.waitForURL(/\/cases\/\d+$/);
  await page.getByText('Issued', { exact: true }).first().waitFor();
  const timeline = await page.locator('.timeline').innerText();
  assert.match(timeline, /Approve/);
  assert.match(timeline, /the system/);
  await shoot(page, 'citizen-case-instant-375');

  // Rate the service once it is done.
  await page.getByText('★★★★★', { exact: true }).click();
  await page.getByRole('button', { name: 'Send rating' }).click();
  await page.getByText('Thank you: you rated 5 of 5.').waitFor();

  // The same case at desktop width.
  await page.setViewportSize(DESKTOP);
  await shoot(page, 'citizen-case-instant-1280');
  await page.goto(server.url + '/cases');
  await page.getByText('Certificate of exit-entry records').waitFor();
  await shoot(page, 'citizen-my-cases-375');
});

test('service points are listed by distance with opening hours', async () => {
  const page = await newPage(browser, MOBILE, 'en');
  await page.goto(server.url + '/sites');
  await page.locator('.card').first().waitFor();
  // Choosing a city asks for the list by distance from it; wait for that answer to be shown
  // (the list already on the page is in another order).
  const byDistance = page.waitForResponse((r) => r.url().includes('/api/v1/units?') && r.url().includes('lat='));
  await page.selectOption('#city', { label: 'Florence' });
  await byDistance;
  const title = page.locator('.card .card-title').first();
  await page.waitForFunction(() => document.querySelector('.card .card-title')?.textContent === 'Prato Overseas Liaison Site', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await title.innerText(), 'Prato Overseas Liaison Site');
  assert.match(await page.locator('.card').first().innerText(), /Local time there/);
  await shoot(page, 'citizen-sites-375');
  await page.setViewportSize(DESKTOP);
  await shoot(page, 'citizen-sites-1280');
});

test('a failed network call keeps what was typed', async () => {
  const page = await newPage(browser, MOBILE, 'en');
  await register(page, server.url, 'offline@example.org', 'Offline');
  await page.goto(server.url + '/items/EE-013/apply');
  await page.fill('#f-surname', 'WANG');
  await page.fill('#f-given_names', 'FANG');
  await page.selectOption('#f-sex', 'F');
  await page.fill('#f-date_of_birth', '1985-07-08');
  await page.fill('#f-phone', '+39 333 7654321');
  await page.fill('#f-id_number', '33112119850708002X');
  await page.fill('#f-document_number', 'E7654321');
  await page.route('**/api/v1/cases', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Submit application' }).click();
  await page.getByText('No connection. Nothing you typed is lost; try again.').waitFor();
  assert.equal(await page.inputValue('#f-surname'), 'WANG');
  assert.equal(await page.inputValue('#f-document_number'), 'E7654321');
  await page.unroute('**/api/v1/cases');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await page.waitForURL(/\/cases\/\d+$/);
});
