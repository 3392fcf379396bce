// Fees on a phone (375 px), in Chinese and in Italian: an officer cannot issue while the fee is
// unpaid and the page says why; they record that a daughter paid for her elderly father at the
// window, then issue. The applicant sees the fee paid, downloads the numbered receipt (a PDF)
// and opens the printable acknowledgement of the application.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, signIn, register, apiInPage, confirmDialog, dict, T, noOverflow, settled, PNG, PDF, MOBILE } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! Uploads `bytes` as a document of the case from inside the signed-in page.
async function upload(page, caseId, type, bytes, filename) {
  return page.evaluate(async ({ caseId, type, data, filename }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const body = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const res = await fetch(`/api/v1/cases/${caseId}/documents?type=${type}&filename=${filename}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': me.csrf_token ?? '' },
      body,
    });
    return res.status;
  }, { caseId, type, data: bytes.toString('base64'), filename });
}

const RUNS = [
  { lang: 'zh-CN', staffLang: 'zh-CN', email: 'fee-zh@example.org' },
  { lang: 'it', staffLang: 'en', email: 'fee-it@example.org' },
];

for (const run of RUNS) {
  test(`an unpaid fee holds the result back until a relative pays (${run.lang})`, async () => {
    const A = dict(run.lang);
    const S = dict(run.staffLang);

    // The applicant (an elderly man, name in Chinese) applies for a passport observation entry.
    const me = await newPage(browser, MOBILE, run.lang);
    await register(me, server.url, run.email, '张伟');
    const created = await apiInPage(me, 'POST', '/cases', {
      item_code: 'EE-005',
      form: { surname: 'ZHANG', given_names: 'WEI', name_zh: '张伟', sex: 'M', date_of_birth: '1948-03-02', phone: '+39 02 1234 5678', passport_number: 'E12345678', passport_expiry: '2031-01-01' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const caseId = created.body.case.id;
    const caseNo = created.body.case.case_no;
    assert.equal(await upload(me, caseId, 'passport_copy', PNG, 'passport.png'), 201);
    assert.equal(await upload(me, caseId, 'name_evidence', PDF, 'name.pdf'), 201);
    assert.equal((await apiInPage(me, 'POST', `/cases/${caseId}/actions/submit`, {})).status, 200);

    // The applicant's case page: the fee is unpaid, with where and how to pay.
    const loaded = me.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${caseId}`);
    await me.goto(server.url + '/cases/' + caseId);
    await loaded;
    await settled(me);
    const fee = me.locator('section.fee');
    await fee.locator('[data-fee-status="unpaid"]').getByText(T(A, 'fee.status.unpaid'), { exact: true }).waitFor();
    assert.ok((await fee.innerText()).includes(T(A, 'fee.howProxy', { case: caseNo })));
    await noOverflow(me, 'case page, fee unpaid');

    // The officer accepts, reviews and approves.
    const officer = await newPage(browser, MOBILE, run.staffLang);
    await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
    for (const action of ['accept', 'start_review', 'approve'])
      assert.equal((await apiInPage(officer, 'POST', `/cases/${caseId}/actions/${action}`, { note: 'OK' })).status, 200, action);

    // Issuing is refused while unpaid, and the page says why.
    const staffLoaded = officer.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${caseId}`);
    await officer.goto(server.url + '/staff/cases/' + caseId);
    await staffLoaded;
    await settled(officer);
    const issue = officer.getByRole('button', { name: T(S, 'action.issue'), exact: true });
    await issue.waitFor();
    assert.ok(await issue.isDisabled(), 'issue waits for the fee');
    const why = officer.locator('#blocked-issue');
    assert.ok((await why.innerText()).includes(T(S, 'staff.payment.blockedUnpaid')), await why.innerText());
    assert.equal(await issue.getAttribute('aria-describedby'), 'blocked-issue');
    const refused = await apiInPage(officer, 'POST', `/cases/${caseId}/actions/issue`, {});
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.fields.fee.code, 'unpaid');
    await noOverflow(officer, 'staff case, fee unpaid');
    await shoot(officer, `fee-staff-unpaid-${run.lang}-375`);
    await officer.setViewportSize({ width: 320, height: 700 });
    await noOverflow(officer, 'staff case, fee unpaid, 320 px');
    await officer.setViewportSize(MOBILE);

    // His daughter pays at the window; the officer records it.
    await officer.getByLabel(T(S, 'staff.payment.payerProxy')).check();
    await officer.fill('#fee-proxy-name', '张丽');
    await officer.selectOption('#fee-relationship', 'child');
    assert.equal(await officer.inputValue('#fee-amount'), '20');
    const recorded = officer.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}/payments`));
    await officer.getByRole('button', { name: T(S, 'staff.payment.record'), exact: true }).click();
    assert.equal((await recorded).status(), 201);
    await officer.getByText(T(S, 'staff.payment.recorded')).waitFor();
    const receiptLink = officer.locator('section.fee a.receipt-link').first();
    const receiptText = await receiptLink.innerText();
    assert.match(receiptText, /QT-EEB-\d{4}-\d{6}/);
    assert.ok(!(await issue.isDisabled()), 'issue is open once paid');
    await issue.click();
    await confirmDialog(officer, T(S, 'action.issue'), [caseNo]);
    await officer.locator('.facts').getByText(T(S, 'state.issued'), { exact: true }).first().waitFor();
    await noOverflow(officer, 'staff case, paid and issued');
    await officer.context().close();

    // The applicant sees it paid by the daughter and downloads the receipt.
    const again = me.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${caseId}`);
    await me.reload();
    await again;
    await settled(me);
    await fee.locator('[data-fee-status="paid"]').getByText(T(A, 'fee.status.paid'), { exact: true }).waitFor();
    const paidText = await fee.innerText();
    assert.ok(paidText.includes(T(A, 'fee.payer.proxy', { name: '张丽', relationship: T(A, 'fee.relationship.child') })), paidText);
    const link = fee.locator('a.receipt-link').first();
    const href = await link.getAttribute('href');
    const number = receiptText.match(/QT-EEB-\d{4}-\d{6}/)[0];
    assert.ok((await link.innerText()).includes(number));
    const pdf = await me.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href);
    assert.deepEqual(pdf, { status: 200, type: 'application/pdf', head: '%PDF-' });
    await noOverflow(me, 'case page, fee paid');
    await shoot(me, `fee-citizen-paid-${run.lang}-375`);
    await me.setViewportSize({ width: 320, height: 700 });
    await noOverflow(me, 'case page, fee paid, 320 px');
    await me.setViewportSize(MOBILE);

    // The printable acknowledgement of the application.
    await me.getByRole('link', { name: T(A, 'fee.ack.link') }).click();
    await me.waitForURL(new RegExp(`/cases/${caseId}/receipt$`));
    await settled(me);
    const ack = await me.locator('main').innerText();
    for (const s of [caseNo, T(A, 'fee.ack.title'), T(A, 'fee.ack.next'), T(A, 'fee.ack.days', { n: 5 })])
      assert.ok(ack.includes(s), `the acknowledgement shows ${s}: ${ack}`);
    await me.getByRole('button', { name: T(A, 'fee.ack.print') }).waitFor();
    await noOverflow(me, 'acknowledgement');
    await shoot(me, `fee-acknowledgement-${run.lang}-375`);
    await me.setViewportSize({ width: 320, height: 700 });
    await noOverflow(me, 'acknowledgement, 320 px');
    await me.context().close();
  });
}
