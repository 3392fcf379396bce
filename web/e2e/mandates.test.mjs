// Powers of attorney on a phone (375 px, and 320 px): a woman in Italy authorises her brother at
// home to submit and pay for her passport observation entry; she uploads the signed letter and
// her passport; an officer checks them in the workbench. The brother (a second browser) switches
// to "act as", sees the banner on every page, applies and submits for her; the officer records
// his payment at the window naming the authorisation. She sees on her case who did what under
// which authorisation, and is told in her notifications.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, signIn, register, apiInPage, confirmDialog, dict, T, noOverflow, settled, PNG, PDF, MOBILE, openMenu } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! Uploads `bytes` as a document of the case from inside the signed-in page, perhaps acting.
async function upload(page, path, bytes, headers = {}) {
  return page.evaluate(async ({ path, data, headers }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const body = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const res = await fetch('/api/v1' + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': me.csrf_token ?? '', ...headers },
      body,
    });
    return res.status;
  }, { path, data: bytes.toString('base64'), headers });
}

async function both(page, label) {
  await noOverflow(page, label);
  await page.setViewportSize({ width: 320, height: 700 });
  await noOverflow(page, label + ', 320 px');
  await page.setViewportSize(MOBILE);
}

test('a relative at home submits and pays under a checked authorisation, and the grantor sees it', async () => {
  const A = dict('it');
  const B = dict('zh-CN');
  const S = dict('en');

  // The brother registers first (he has an account); the sister authorises him by e-mail.
  const brother = await newPage(browser, MOBILE, 'zh-CN');
  await register(brother, server.url, 'fratello@example.org', '张强');
  const sister = await newPage(browser, MOBILE, 'it');
  await register(sister, server.url, 'sorella@example.org', 'Zhang Li');

  const listed = sister.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/mandates');
  await sister.goto(server.url + '/mandates');
  await listed;
  await settled(sister);
  await sister.getByRole('heading', { name: T(A, 'mandates.title'), exact: true }).waitFor();
  await sister.getByRole('button', { name: T(A, 'mandates.new') }).click();
  await sister.fill('#m-email', 'fratello@example.org');
  await sister.locator('input[type=checkbox][value="EE-005"]').check();
  await sister.locator('input[type=checkbox][value="supplement"]').uncheck();
  await sister.locator('input[type=checkbox][value="pay"]').check();
  await both(sister, 'mandate form');
  const created = sister.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/mandates' && r.request().method() === 'POST');
  await sister.getByRole('button', { name: T(A, 'mandates.form.create') }).click();
  const createdBody = await (await created).json();
  const mandateId = createdBody.mandate.id;
  await sister.getByText(T(A, 'mandates.created', { id: mandateId })).waitFor();

  // Evidence: the signed letter and her passport.
  const card = sister.locator(`li.mandate[data-mandate="${mandateId}"]`);
  const ev1 = sister.waitForResponse((r) => r.url().includes(`/api/v1/mandates/${mandateId}/evidence`));
  await card.locator(`#ev-letter-${mandateId}`).setInputFiles({ name: 'delega.png', mimeType: 'image/png', buffer: PNG });
  assert.equal((await ev1).status(), 201);
  const ev2 = sister.waitForResponse((r) => r.url().includes(`/api/v1/mandates/${mandateId}/evidence`));
  await card.locator(`#ev-id_document-${mandateId}`).setInputFiles({ name: 'passaporto.pdf', mimeType: 'application/pdf', buffer: PDF });
  assert.equal((await ev2).status(), 201);
  await card.getByText(T(A, 'mandates.state.requested')).waitFor();
  await both(sister, 'mandate with evidence');
  await shoot(sister, 'mandates-grantor-it-375');

  // Before the check, acting is refused.
  const early = await brother.evaluate(async (id) => (await fetch('/api/v1/cases', { headers: { 'X-Act-For': String(id) } })).status, mandateId);
  assert.equal(early, 403);

  // The officer checks it in the workbench.
  const officer = await newPage(browser, MOBILE, 'en');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  const pending = officer.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/mandate-checks');
  await officer.goto(server.url + '/staff/mandates');
  await pending;
  await settled(officer);
  const check = officer.locator(`li.mandate-check[data-mandate="${mandateId}"]`);
  await check.getByRole('link', { name: T(S, 'staff.mandates.letter') }).waitFor();
  await both(officer, 'mandate checks');
  await check.getByRole('button', { name: T(S, 'staff.mandates.approve') }).click();
  await confirmDialog(officer, T(S, 'staff.mandates.approve'), ['张强']);
  await officer.getByText(T(S, 'staff.mandates.approved', { id: mandateId })).waitFor();

  // The brother switches to "act as" his sister: the banner is on every page until he stops.
  const held = brother.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/mandates');
  await brother.goto(server.url + '/mandates');
  await held;
  await settled(brother);
  const actAs = brother.getByRole('button', { name: T(B, 'mandates.actAs', { name: 'Zhang Li' }) });
  await actAs.waitFor();
  const theirCases = brother.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().headers()['x-act-for'] === String(mandateId));
  await actAs.click();
  await theirCases;
  const banner = brother.locator('.acting-banner');
  await banner.getByText(T(B, 'mandates.banner', { name: 'Zhang Li', id: mandateId })).waitFor();
  await both(brother, 'acting, case list');
  await shoot(brother, 'mandates-acting-zh-375');

  // He applies for her (the web app sends X-Act-For on the case routes only).
  const applied = await brother.evaluate(async ({ mandateId }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch('/api/v1/cases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token ?? '', 'X-Act-For': String(mandateId) },
      body: JSON.stringify({ item_code: 'EE-005', form: { surname: 'ZHANG', given_names: 'LI', name_zh: '张丽', sex: 'F', date_of_birth: '1960-05-01', phone: '+39 06 1234 5678', passport_number: 'E23456789', passport_expiry: '2032-01-01' } }),
    });
    return { status: res.status, body: await res.json() };
  }, { mandateId });
  assert.equal(applied.status, 201, JSON.stringify(applied.body));
  const caseId = applied.body.case.id;
  const caseNo = applied.body.case.case_no;
  const actFor = { 'X-Act-For': String(mandateId) };
  assert.equal(await upload(brother, `/cases/${caseId}/documents?type=passport_copy&filename=p.png`, PNG, actFor), 201);
  assert.equal(await upload(brother, `/cases/${caseId}/documents?type=name_evidence&filename=n.pdf`, PDF, actFor), 201);
  // Submitting from the case page, acting.
  const opened = brother.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${caseId}`);
  await brother.goto(server.url + '/cases/' + caseId);
  await opened;
  await settled(brother);
  await banner.waitFor();
  const submitted = await brother.evaluate(async ({ caseId, mandateId }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch(`/api/v1/cases/${caseId}/actions/submit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token ?? '', 'X-Act-For': String(mandateId) },
      body: '{}',
    });
    return res.status;
  }, { caseId, mandateId });
  assert.equal(submitted, 200);
  // His own account pages are not reached as her: the notifications are his.
  const notes = await brother.evaluate(async (mandateId) => (await fetch('/api/v1/notifications', { headers: { 'X-Act-For': String(mandateId) } })).status, mandateId);
  assert.equal(notes, 403);
  await both(brother, 'acting, case page');

  // He stops acting: the banner goes.
  await brother.getByRole('button', { name: T(B, 'mandates.stopActing') }).click();
  await brother.waitForURL(/\/mandates$/);
  assert.equal(await banner.count(), 0);

  // He pays at the window; the officer records it under the authorisation.
  const staffCase = officer.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${caseId}`);
  await officer.goto(server.url + '/staff/cases/' + caseId);
  await staffCase;
  await settled(officer);
  await officer.getByLabel(T(S, 'staff.payment.payerProxy')).check();
  await officer.fill('#fee-mandate', String(mandateId));
  await officer.selectOption('#fee-relationship', 'sibling');
  const recorded = officer.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}/payments`));
  await officer.getByRole('button', { name: T(S, 'staff.payment.record'), exact: true }).click();
  assert.equal((await recorded).status(), 201);
  await officer.getByText(T(S, 'staff.payment.recorded')).waitFor();
  await noOverflow(officer, 'staff case, paid by proxy');
  await officer.context().close();

  // The sister's case: who did what for her, under which authorisation.
  const mine = sister.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${caseId}`);
  await sister.goto(server.url + '/cases/' + caseId);
  await mine;
  await settled(sister);
  await sister.getByText(caseNo).first().waitFor();
  const timeline = await sister.locator('ol.timeline').innerText();
  assert.ok(timeline.includes(T(A, 'mandates.byProxy', { name: '张强', id: mandateId })), timeline);
  const actions = await sister.locator('section.proxy-actions').innerText();
  for (const a of ['create', 'document', 'submit', 'payment'])
    assert.ok(actions.includes(T(A, 'mandates.actionLine', { name: '张强', action: T(A, 'mandates.action.' + a), id: mandateId })), `${a}: ${actions}`);
  await both(sister, 'case with proxy actions');
  await shoot(sister, 'mandates-timeline-it-375');

  // And her notifications tell her.
  let told = [];
  for (let i = 0; i < 50 && told.length < 4; i++) {
    told = (await apiInPage(sister, 'GET', '/notifications')).body.notifications.filter((n) => n.kind === 'mandate_used');
    if (told.length < 4) await sister.waitForTimeout(200);
  }
  assert.ok(told.length >= 4, JSON.stringify(told));
  assert.ok(told.some((n) => n.title.includes('张强')), JSON.stringify(told[0]));
  const inbox = sister.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/notifications');
  await openMenu(sister);
  await sister.goto(server.url + '/inbox');
  await inbox;
  await settled(sister);
  await sister.getByText(told[0].title).first().waitFor();
  await both(sister, 'inbox with proxy notifications');

  // She revokes with the app's own dialog; his next request acting for her is refused.
  const list = sister.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/mandates');
  await sister.goto(server.url + '/mandates');
  await list;
  await settled(sister);
  await sister.locator(`li.mandate[data-mandate="${mandateId}"]`).getByRole('button', { name: T(A, 'mandates.revoke') }).click();
  await confirmDialog(sister, T(A, 'mandates.revoke'), ['张强']);
  await sister.locator(`li.mandate[data-mandate="${mandateId}"]`).getByText(T(A, 'mandates.state.revoked')).waitFor();
  const after = await brother.evaluate(async ({ caseId, mandateId }) => (await fetch(`/api/v1/cases/${caseId}`, { headers: { 'X-Act-For': String(mandateId) } })).status, { caseId, mandateId });
  assert.equal(after, 403);
  await sister.context().close();
  await brother.context().close();
});
