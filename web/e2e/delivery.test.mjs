// Receiving the result on a phone (375 px, and 320 px): the applicant chooses to collect it at
// the Milan liaison site, the office issues it, the applicant sees the one-time pickup code, the
// liaison officer enters it at the desk and the case becomes delivered; the same code again is
// refused. Once with everyone in Chinese, once with the applicant in Italian and staff in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, openPage, apiInPage, dict, T, noOverflow, MOBILE, PNG } from './helpers.mjs';

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

const runs = [
  { person: 'zh-CN', staff: 'zh-CN', email: 'li.na@example.org', name: '李娜', n: 1 },
  { person: 'it', staff: 'en', email: 'maria.rossi@example.org', name: 'Rossi Maria', n: 2 },
];

//! Uploads `bytes` as a document of `type` to case `id`, from inside the signed-in page.
async function upload(page, id, type, bytes) {
  const status = await page.evaluate(async ({ id, type, bytes }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch(`/api/v1/cases/${id}/documents?type=${type}&filename=${type}.png`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': me.csrf_token ?? '' },
      body: new Uint8Array(bytes),
    });
    return res.status;
  }, { id, type, bytes: [...PNG] });
  assert.equal(status, 201);
}

for (const run of runs) {
  test(`a pickup code at a liaison site works once (applicant in ${run.person}, staff in ${run.staff})`, async () => {
    const A = dict(run.person);
    const S = dict(run.staff);

    // An officer of the household registration centre, which owns HR-008 (free of charge).
    const admin = await newPage(browserB, MOBILE, 'en');
    await signIn(admin, server.url, 'admin@demo.tongban.example', 'demo-admin-2026');
    const units = (await apiInPage(admin, 'GET', '/units')).body.units;
    const unit = (code) => units.find((u) => u.code === code).id;
    const officerEmail = `hr${run.n}@demo.tongban.example`;
    const created = await apiInPage(admin, 'POST', '/admin/users', {
      email: officerEmail, display_name: 'Officer Xu (Household)', role: 'officer', unit_id: unit('QT-HR'), password: 'officer-password-2026',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await admin.context().close();

    // The applicant applies (by the API: the form is not what this test is about).
    const person = await newPage(browserA, MOBILE, run.person, 'Europe/Rome');
    await register(person, server.url, run.email, run.name);
    const c = await apiInPage(person, 'POST', '/cases', {
      item_code: 'HR-008',
      form: { surname: 'ROSSI', given_names: 'MARIA', sex: 'F', date_of_birth: '1949-12-31', phone: '+39 02 1234567', id_number: '11010519491231002X' },
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.case.id;
    await upload(person, id, 'household_book', PNG);
    await upload(person, id, 'housing_proof', PNG);
    assert.equal((await apiInPage(person, 'POST', `/cases/${id}/actions/submit`, {})).status, 200);

    // On the case page: collect it in person, at the Milan liaison site.
    await openPage(person, `${server.url}/cases/${id}`, [`/cases/${id}`]);
    await person.locator('summary', { hasText: T(A, 'delivery.choose') }).waitFor();
    await person.locator('input[name=delivery-option][value=pickup]').check();
    await person.selectOption('#delivery-site', String(unit('LS-MILAN')));
    await noOverflow(person, 'delivery choice');
    const saved = person.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/cases/${id}/delivery`));
    await person.getByRole('button', { name: T(A, 'delivery.save') }).click();
    assert.equal((await saved).status(), 200);
    await person.getByText(T(A, 'delivery.saved')).waitFor();

    // The office decides and issues it.
    const officer = await newPage(browserB, MOBILE, run.staff);
    await signIn(officer, server.url, officerEmail, 'officer-password-2026');
    for (const action of ['accept', 'start_review', 'approve', 'issue']) {
      const r = await apiInPage(officer, 'POST', `/cases/${id}/actions/${action}`, {});
      assert.equal(r.status, 200, action + ': ' + JSON.stringify(r.body));
    }
    // The office cannot mark it delivered before the person has it.
    assert.equal((await apiInPage(officer, 'POST', `/cases/${id}/actions/deliver`, {})).status, 409);
    const staffView = await apiInPage(officer, 'GET', `/cases/${id}`);
    assert.equal(staffView.body.case.delivery.pickup_code, undefined, 'the code is never in a staff view');
    await officer.context().close();

    // The applicant sees the code, large, and where to collect it.
    await openPage(person, `${server.url}/cases/${id}`, [`/cases/${id}`]);
    const codeBox = person.locator('.pickup-code .code');
    await codeBox.waitFor();
    const code = (await codeBox.innerText()).replace(/\s/g, '');
    assert.match(code, /^[0-9]{8}$/);
    assert.ok((await person.locator('.pickup-code').innerText()).includes('Milan') || (await person.locator('.pickup-code').innerText()).includes('米兰'));
    await noOverflow(person, 'pickup code at 375 px');
    await shoot(person, `delivery-code-${run.person}-375`);
    await person.setViewportSize({ width: 320, height: 700 });
    await noOverflow(person, 'pickup code at 320 px');
    await person.setViewportSize(MOBILE);

    // At the Milan desk: the liaison officer enters the code the person shows.
    const desk = await newPage(browserB, MOBILE, run.staff);
    await signIn(desk, server.url, 'liaison.milan@demo.tongban.example', 'demo-liaison-2026');
    // The person reads out their case number; the desk finds the case with it (in lower case,
    // as typed in a hurry).
    await openPage(desk, `${server.url}/staff/find`);
    await desk.getByLabel(T(S, 'staff.find.number')).fill(c.body.case.case_no.toLowerCase());
    const opened = desk.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1/cases/${id}`);
    await desk.getByRole('button', { name: T(S, 'staff.find.open') }).click();
    assert.equal((await opened).status(), 200);
    await desk.waitForURL(`${server.url}/staff/cases/${id}`);
    await desk.locator('#handover-code').waitFor();
    await desk.fill('#handover-code', code);
    await noOverflow(desk, 'hand-over at the desk');
    const handed = desk.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/cases/${id}/delivery/handover`));
    await desk.getByRole('button', { name: T(S, 'staff.delivery.handOver') }).click();
    assert.equal((await handed).status(), 200);
    await desk.getByText(T(S, 'staff.delivery.handedOver')).waitFor();
    await desk.getByText(T(S, 'state.delivered')).first().waitFor();
    assert.equal(await desk.locator('#handover-code').count(), 0, 'nothing left to hand over');
    // The same code again is refused.
    const again = await apiInPage(desk, 'POST', `/cases/${id}/delivery/handover`, { code });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.fields.code.code, 'used');
    await shoot(desk, `delivery-handover-${run.staff}-375`);
    await desk.context().close();

    // The person's page says it was received, with the steps; the code is gone.
    await openPage(person, `${server.url}/cases/${id}`, [`/cases/${id}`]);
    await person.getByText(T(A, 'delivery.status.handed_over')).first().waitFor();
    await person.getByText(T(A, 'delivery.event.handed_over')).first().waitFor();
    assert.equal(await person.locator('.pickup-code').count(), 0);
    await noOverflow(person, 'delivered case');
    await person.context().close();
  });
}
