// 24-hour consultations: an applicant asks in one browser, an officer on duty answers in
// another, and the answer appears live; FAQ suggestions show while the question is typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, openPage, MOBILE, DESKTOP } from './helpers.mjs';

let server, browserA, browserB;
before(async () => {
  server = await startServer();
  browserA = await launchBrowser();
  browserB = await launchBrowser();
});
after(async () => {
  await browserA?.close();
  await browserB?.close();
  await server?.stop();
});

test('a question asked in one browser is answered live from another', async () => {
  const officer = await newPage(browserB, DESKTOP, 'en', 'Asia/Shanghai');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  // The box is enabled once GET /duty has answered; ticking it before would race that answer.
  await openPage(officer, server.url + '/staff/consult', ['/duty', '/consultations']);
  await officer.getByLabel('I am on duty now').and(officer.locator(':enabled')).check();
  await officer.getByText(/On duty now: Officer Chen/).waitFor();

  const applicant = await newPage(browserA, MOBILE, 'en');
  await register(applicant, server.url, 'asker@example.org', 'Wang Fang');
  await applicant.goto(server.url + '/help');
  await applicant.fill('#faq-q', 'passport lost');
  await applicant.getByText('What do I do if my passport is lost?').waitFor();
  await shoot(applicant, 'help-faq-375');
  await applicant.fill('#c-topic', 'Passport renewal');
  await applicant.fill('#c-body', 'My passport expires next month. Can I renew it from Milan?');
  await applicant.getByRole('region', { name: 'These answers may help' }).waitFor();
  await applicant.getByRole('button', { name: 'Send question' }).click();
  await applicant.waitForURL(/\/help\/\d+$/);
  // Assigned to whoever is on duty; status and assignee read as one phrase.
  await applicant.getByText('Waiting for an answer from Officer Chen (Qingtian)').waitFor();
  const url = applicant.url();

  // The officer sees it in the queue (pushed live) and answers with a canned greeting.
  await officer.getByRole('link', { name: 'Passport renewal' }).click();
  await officer.locator('#canned').selectOption('greeting');
  await officer.fill('#reply', (await officer.inputValue('#reply')) + ' Yes: apply for EE-002 and book a video check.');
  await shoot(officer, 'staff-consult-thread-1280');
  await officer.getByRole('button', { name: 'Send', exact: true }).click();

  // The answer appears in the applicant's open page without a reload.
  await applicant.getByText('Yes: apply for EE-002 and book a video check.').waitFor({ timeout: 10000 });
  assert.equal(applicant.url(), url);
  // Answered: never "answered · in the queue".
  await applicant.locator('.consult-status', { hasText: 'Answered by Officer Chen (Qingtian)' }).waitFor();
  assert.doesNotMatch(await applicant.locator('.consult-status').innerText(), /queue/i);
  await shoot(applicant, 'help-thread-375');
  // The applicant replies; the officer's page shows it live too.
  await applicant.fill('#reply', 'Thank you!');
  await applicant.getByRole('button', { name: 'Send', exact: true }).click();
  await officer.getByText('Thank you!').waitFor({ timeout: 10000 });
  // Rate and close.
  await applicant.getByText('★★★★★', { exact: true }).click();
  await applicant.getByRole('button', { name: 'Rate and close' }).click();
  await applicant.getByText('Thank you: you rated 5 of 5.').waitFor();
  assert.equal((await applicant.locator('.consult-status').innerText()).trim(), 'Closed');
  // The reply also reached the inbox.
  await applicant.goto(server.url + '/inbox');
  await applicant.getByText('New reply to your question').first().waitFor();
  await shoot(applicant, 'inbox-375');
  await openPage(officer, server.url + '/staff/consult', ['/consultations']);
  await shoot(officer, 'staff-consult-queue-1280');
});
