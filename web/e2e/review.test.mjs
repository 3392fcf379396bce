// (b) A review item: the citizen uploads documents, an officer asks for a supplement, the
// citizen answers in place, the officer approves, and the citizen sees the whole timeline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, confirmDialog, MOBILE, DESKTOP, PNG, PDF } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('review item with upload, supplement request and approval', async () => {
  const citizen = await newPage(browser, MOBILE, 'en');
  await register(citizen, server.url, 'chen.jie@example.org', 'Chen Jie');
  await citizen.goto(server.url + '/items/EE-005');
  await citizen.getByRole('link', { name: 'Apply now' }).click();
  await citizen.locator('#f-surname').waitFor();
  await citizen.fill('#f-surname', 'CHEN');
  await citizen.fill('#f-given_names', 'JIE');
  await citizen.selectOption('#f-sex', 'M');
  await citizen.fill('#f-date_of_birth', '1975-11-30');
  await citizen.fill('#f-phone', '+39 06 1234 5678');
  await citizen.fill('#f-passport_number', 'E98765432');
  await citizen.fill('#f-passport_expiry', '2031-05-01');
  // Submitting without the documents points at them.
  await citizen.getByRole('button', { name: 'Submit application' }).click();
  assert.equal(await citizen.locator('.upload .field-error').count(), 2);
  await citizen.setInputFiles('#doc-passport_copy', { name: 'passport.png', mimeType: 'image/png', buffer: PNG });
  await citizen.getByText('Uploaded: passport.png').waitFor();
  await citizen.setInputFiles('#doc-name_evidence', { name: 'deed.pdf', mimeType: 'application/pdf', buffer: PDF });
  await citizen.getByText('Uploaded: deed.pdf').waitFor();
  await shoot(citizen, 'citizen-apply-uploads-375');
  await citizen.getByRole('button', { name: 'Submit application' }).click();
  await citizen.waitForURL(/\/cases\/\d+$/);
  const caseUrl = citizen.url();
  const caseNo = (await citizen.locator('dd.mono').innerText()).trim();
  await citizen.getByText('Submitted', { exact: true }).first().waitFor();

  // The officer works the case in the workbench.
  const officer = await newPage(browser, DESKTOP, 'en');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  await officer.waitForURL(/\/staff$/);
  await officer.getByRole('link', { name: caseNo }).waitFor();
  await shoot(officer, 'staff-queue-1280');
  await officer.getByRole('link', { name: caseNo }).click();
  await officer.getByRole('button', { name: 'Accept' }).click();
  await officer.getByRole('button', { name: 'Start review' }).click();
  await officer.locator('img.viewer, iframe.viewer').first().waitFor();
  await shoot(officer, 'staff-case-1280');
  await officer.fill('#note', 'Please send the notarised name-change deed.');
  await officer.getByRole('button', { name: 'Ask for documents' }).click();
  await confirmDialog(officer, 'Ask for documents', [caseNo, 'Please send the notarised name-change deed.', 'The applicant is told at once.']);
  await officer.getByText('More documents needed').first().waitFor();

  // The citizen sees the request and answers it in place.
  await citizen.goto(caseUrl);
  await citizen.getByRole('heading', { name: 'The office needs more from you' }).waitFor();
  assert.ok(await citizen.getByText('Please send the notarised name-change deed.').first().isVisible());
  assert.match(await citizen.locator('.facts').innerText(), /Waiting for you/);
  await shoot(citizen, 'citizen-case-supplement-375');
  await citizen.setInputFiles('#supp-file', { name: 'notarised.pdf', mimeType: 'application/pdf', buffer: PDF });
  await citizen.fill('#supp-note', 'Notarised deed attached.');
  await citizen.getByRole('button', { name: 'Send', exact: true }).click();
  await citizen.getByText('Under review').first().waitFor();

  // The officer approves.
  await officer.reload();
  await officer.getByRole('button', { name: 'Approve' }).click();
  await confirmDialog(officer, 'Approve', [caseNo, 'This cannot be undone.']);
  await officer.getByText('Approved', { exact: true }).first().waitFor();
  // Documents are named, never coded (passport_copy, name_evidence, supplement).
  const tabs = await officer.locator('.doc-tabs').innerText();
  assert.match(tabs, /Passport data page · passport\.png/);
  assert.match(tabs, /Additional document · notarised\.pdf/);
  assert.doesNotMatch(tabs, /passport_copy|name_evidence|supplement/);

  await citizen.reload();
  await citizen.getByText('Approved', { exact: true }).first().waitFor();
  const timeline = await citizen.locator('.timeline').innerText();
  for (const step of ['Created', 'Submit', 'Accept', 'Start review', 'Ask for documents', 'Documents sent', 'Approve'])
    assert.ok(timeline.includes(step), `timeline lacks ${step}: ${timeline}`);
  assert.match(timeline, /Please send the notarised name-change deed\./);
  assert.equal(await citizen.locator('.docs li').count(), 3);
  const docs = await citizen.locator('.docs').innerText();
  assert.match(docs, /Passport data page/);
  assert.match(docs, /Additional document/);
  assert.doesNotMatch(docs, /passport_copy|name_evidence|supplement/);
  await shoot(citizen, 'citizen-case-approved-375');
  await citizen.setViewportSize(DESKTOP);
  await shoot(citizen, 'citizen-case-approved-1280');
});

test('administrator edits an item in the catalogue view', async () => {
  const admin = await newPage(browser, DESKTOP, 'en');
  await signIn(admin, server.url, 'admin@demo.tongban.example', 'demo-admin-2026');
  await admin.goto(server.url + '/staff/catalog');
  await admin.getByRole('button', { name: 'Edit TV-001' }).click();
  await admin.fill('#e-fee', '15');
  await admin.fill('#e-limit', '4');
  await shoot(admin, 'staff-catalog-edit-1280');
  await admin.getByRole('button', { name: 'Save' }).click();
  await admin.getByText('Saved.').waitFor();
  const row = await admin.locator('tr', { hasText: 'TV-001' }).innerText();
  assert.match(row, /4 working days/);
  assert.match(row, /15/);
  // The citizen-facing item page shows the new figures.
  const page = await newPage(browser, MOBILE, 'en');
  await page.goto(server.url + '/items/TV-001');
  await page.getByText('4 working days').waitFor();
});
