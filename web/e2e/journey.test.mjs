// The whole journey a new person follows, on a phone (375 px), in two languages, with the
// staff who serve them at their desks: register; learn on the item page what is needed; prepare
// and save the application; book the video identity check from it; hold the call as long as a
// real one (90 s) while the officer checks the passport (a first passport: the application has
// no passport number, and the MRZ comparison says so instead of refusing); come back and submit; answer a request
// for more documents with two files; receive the result and find every step in the inbox.
// Every text is looked up in the locale files, so the test reads the screens in the language
// the person chose. Screenshots of each step go to test-output/screenshots/journey-<lang>-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, signIn, apiInPage, confirmDialog, dict, T, PNG, PDF, MOBILE, DESKTOP } from './helpers.mjs';

// ICAO 9303 check digit (weights 7, 3, 1; < = 0, A = 10 …).
function checkDigit(s) {
  const w = [7, 3, 1];
  let sum = 0;
  [...s].forEach((c, i) => {
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3];
  });
  return String(sum % 10);
}
//! The two lines of a Chinese passport's machine-readable zone.
function mrz(surname, given, birth, sex) {
  const l1 = ('P<CHN' + surname + '<<' + given.replace(/ /g, '<')).padEnd(44, '<');
  const doc = 'E98765432';
  const dob = birth.slice(2).replace(/-/g, '');
  const exp = '340101';
  const opt = '<'.repeat(14);
  const body = doc + checkDigit(doc) + 'CHN' + dob + checkDigit(dob) + sex + exp + checkDigit(exp) + opt + checkDigit(opt);
  const composite = checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [l1, body + composite];
}

const call = (page) => page.evaluate(() => {
  const c = window.__tbCall;
  return c ? { frames: c.state.framesDecoded, generation: c.state.generation } : null;
});
async function until(what, fn, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let server, applicantBrowser, staffBrowser;
before(async () => {
  server = await startServer();
  applicantBrowser = await launchBrowser({ media: true });
  staffBrowser = await launchBrowser({ media: true });
});
after(async () => {
  await applicantBrowser?.close();
  await staffBrowser?.close();
  await server?.stop();
});

const RUNS = [
  { lang: 'it', staffLang: 'en', name: 'Li Mei', given: 'mei', typedSurname: 'li', surname: 'LI', email: 'li.mei@example.it', tz: 'Europe/Rome', country: 'IT' },
  { lang: 'zh-CN', staffLang: 'zh-CN', name: '王芳', given: 'fang', typedSurname: 'wang', surname: 'WANG', email: 'wang.fang@example.es', tz: 'Europe/Madrid', country: 'ES' },
];

for (const run of RUNS) {
  test(`a new person's whole journey in ${run.lang}, served by staff working in ${run.staffLang}`, async () => {
    const A = dict(run.lang);
    const S = dict(run.staffLang);
    const shot = (page, n) => shoot(page, `journey-${run.lang}-${n}`);

    // The officer publishes video times for tomorrow.
    const officer = await newPage(staffBrowser, DESKTOP, run.staffLang, 'Asia/Shanghai');
    await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
    await officer.goto(server.url + '/staff/appointments');
    await officer.locator('#p-unit option').first().waitFor({ state: 'attached' });
    await officer.selectOption('#p-kind', 'video');
    await officer.fill('#p-count', '2');
    await officer.getByRole('button', { name: T(S, 'appt.publish') }).click();
    await officer.getByText(T(S, 'appt.published', { n: 2 })).waitFor();

    // 1. Register.
    const me = await newPage(applicantBrowser, MOBILE, run.lang, run.tz);
    await me.goto(server.url + '/');
    await me.getByRole('heading', { name: T(A, 'home.title') }).waitFor();
    await me.goto(server.url + '/register');
    await me.fill('#display_name', run.name);
    await me.fill('#email', run.email);
    await me.fill('#password', 'a long family passphrase');
    await me.click('button[type=submit]');
    await me.waitForURL(/\/cases$/);

    // 2. Learn what is needed: the video check comes first.
    await me.goto(server.url + '/items/EE-001');
    const need = me.locator('section.need');
    await need.getByRole('heading', { name: T(A, 'need.title') }).waitFor();
    await need.getByText(T(A, 'need.checkFirst')).waitFor();
    await shot(me, '01-what-is-needed-375');

    // 3. Prepare the application and save it; the main button books the check.
    await me.getByRole('link', { name: T(A, 'need.prepare') }).click();
    await me.locator('#f-surname').waitFor();
    await me.fill('#f-surname', run.typedSurname);
    assert.equal(await me.inputValue('#f-surname'), run.surname);
    await me.fill('#f-given_names', run.given);
    await me.fill('#f-name_zh', run.lang === 'it' ? '李梅' : '王芳');
    await me.selectOption('#f-sex', 'F');
    await me.fill('#f-date_of_birth', '1990-02-03');
    await me.locator(`#f-phone-prefix option[value="${run.country}"]`).waitFor({ state: 'attached' });
    await me.selectOption('#f-phone-prefix', run.country);
    await me.fill('#f-phone', run.country === 'IT' ? '333 123 4567' : '612 345 678');
    await me.selectOption('#f-country_of_residence', run.country);
    await me.fill('#f-id_number', '33112119900203002x');
    await me.fill('#f-address_abroad', run.country === 'IT' ? 'Via Paolo Sarpi 10, 20154 Milano' : 'Calle de Toledo 10, 28005 Madrid');
    for (const [type, name] of [['photo', 'photo.png'], ['id_card_copy', 'id-card.png'], ['residence_proof', 'permesso.pdf']]) {
      await me.setInputFiles('#doc-' + type, name.endsWith('.pdf') ? { name, mimeType: 'application/pdf', buffer: PDF } : { name, mimeType: 'image/png', buffer: PNG });
      await me.getByText(T(A, 'apply.uploaded') + ': ' + name).waitFor();
    }
    await shot(me, '02-prepared-375');
    await me.getByRole('button', { name: T(A, 'apply.saveAndBook') }).click();
    await me.waitForURL(/\/appointments\?item=EE-001&case=\d+/);
    const caseId = Number(new URL(me.url()).searchParams.get('case'));

    // 4. Book the check for this application and join it.
    assert.equal(await me.inputValue('#for-case'), String(caseId));
    await me.getByRole('button', { name: new RegExp('^' + T(A, 'appt.bookButton') + ' ') }).first().click();
    await me.getByText(T(A, 'appt.booked')).waitFor();
    await shot(me, '03-booked-375');
    await me.getByRole('button', { name: T(A, 'appt.join') }).click();
    await me.waitForURL(/\/video\/\d+$/);
    const sessionId = me.url().split('/').pop();
    await me.getByRole('heading', { name: T(A, 'video.check.title') }).waitFor();
    await until('the camera preview', () => me.locator('.device-preview video').evaluate((v) => v.videoWidth > 0));
    await shot(me, '04-device-check-375');
    await me.getByRole('button', { name: T(A, 'video.check.join'), exact: true }).click();

    await officer.goto(server.url + '/staff/video/' + sessionId);
    await officer.getByRole('heading', { name: T(S, 'video.check.title') }).waitFor();
    await officer.getByRole('button', { name: T(S, 'video.check.join'), exact: true }).click();
    await until('video both ways', async () => (await call(me))?.frames > 0 && (await call(officer))?.frames > 0);

    // 5. Hold the call as long as a real one: 90 s, video flowing both ways all along.
    const started = Date.now();
    let last = { a: await call(me), o: await call(officer) };
    while (Date.now() - started < 90000) {
      await me.waitForTimeout(15000);
      const now = { a: await call(me), o: await call(officer) };
      for (const side of ['a', 'o'])
        assert.ok(now[side].frames > last[side].frames || now[side].generation > last[side].generation,
          `${side === 'a' ? 'the applicant' : 'the officer'} still receives video after ${Math.round((Date.now() - started) / 1000)} s`);
      const s = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
      assert.equal(s.state, 'live');
      last = now;
    }
    await shot(me, '05-in-the-call-375');
    // The officer checks liveness, the document, the face and the passport's MRZ, then approves.
    for (let i = 0; i < 2; i++) {
      await officer.getByRole('button', { name: T(S, 'video.newChallenge') }).click();
      await officer.locator('.challenge .challenge-text').waitFor();
      // The person reads the challenge in their own language.
      const theirs = (await me.locator('.challenge .challenge-text').innerText()).trim();
      assert.ok(theirs.length > 3, 'the challenge is shown to the applicant');
      if (run.lang !== run.staffLang)
        assert.notEqual(theirs, (await officer.locator('.challenge .challenge-text').innerText()).trim(), 'in their language, not the officer\'s');
      await officer.getByRole('button', { name: T(S, 'video.passed') }).click();
      // Each step is stored before the next (a slow answer would otherwise repaint the page
      // with the state from before the step).
      await officer.getByRole('heading', { name: `${T(S, 'video.challenges')} (${i + 1}/2)` }).waitFor();
    }
    await officer.getByLabel(T(S, 'video.documentMatches')).check();
    await officer.getByText(T(S, 'video.blocker.document_not_confirmed')).waitFor({ state: 'detached' });
    await officer.getByLabel(T(S, 'video.faceMatches')).check();
    await officer.getByText(T(S, 'video.blocker.face_not_confirmed')).waitFor({ state: 'detached' });
    const [l1, l2] = mrz(run.surname, run.given.toUpperCase(), '1990-02-03', 'F');
    await officer.fill('#mrz1', l1);
    await officer.fill('#mrz2', l2);
    await officer.getByRole('button', { name: T(S, 'video.checkMrz') }).click();
    await officer.getByText(T(S, 'video.mrzMatches')).waitFor();
    await officer.getByRole('button', { name: T(S, 'video.approve') }).click();
    await confirmDialog(officer, T(S, 'video.approve'), [T(S, 'staff.confirm.identityWhat')]);
    await officer.locator('.session-state').getByText(T(S, 'video.state.approved')).waitFor();
    assert.equal((await apiInPage(me, 'GET', '/me')).body.user.assurance, 'verified');

    // 6. Back to the saved application; now it can be submitted.
    await me.goto(server.url + '/cases');
    await me.getByRole('link', { name: T(A, 'cases.continueDraft') }).click();
    await me.getByText(T(A, 'apply.resumed')).waitFor();
    assert.equal(await me.inputValue('#f-surname'), run.surname);
    await me.getByRole('button', { name: T(A, 'apply.submit') }).click();
    await me.waitForURL(/\/cases\/\d+$/);
    const caseNo = (await me.locator('dd.mono').innerText()).trim();
    await shot(me, '06-submitted-375');

    // 7. The officer reviews and asks for more documents.
    await officer.goto(server.url + '/staff/cases/' + caseId);
    await officer.locator('main h1').waitFor();
    // Accepting and starting the review tell nobody and are not final: no confirmation.
    for (const [action, state] of [['accept', 'accepted'], ['start_review', 'in_review']]) {
      await officer.getByRole('button', { name: T(S, 'action.' + action), exact: true }).click();
      await officer.locator('.facts').getByText(T(S, 'state.' + state)).waitFor();
      assert.equal(await officer.locator('dialog[open]').count(), 0, action + ' asks nothing');
    }
    await officer.fill('#note', run.lang === 'it' ? 'Please also send your Italian residence permit, both sides.' : '请补充西班牙居留卡正反面。');
    await officer.getByRole('button', { name: T(S, 'action.request_supplement'), exact: true }).click();
    await confirmDialog(officer, T(S, 'action.request_supplement'), [caseNo, T(S, 'staff.confirm.notifies')]);
    await officer.getByText(T(S, 'state.needs_supplement')).first().waitFor();

    // 8. The person is told, finds the request in the inbox and answers with two files.
    await me.goto(server.url + '/inbox');
    await me.locator('main li').first().waitFor();
    await shot(me, '07-inbox-supplement-375');
    await me.goto(server.url + '/cases/' + caseId);
    await me.getByRole('heading', { name: T(A, 'cases.supplementTitle') }).waitFor();
    await me.setInputFiles('#supp-file', [
      { name: 'permit-front.png', mimeType: 'image/png', buffer: PNG },
      { name: 'permit-back.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await me.fill('#supp-note', run.lang === 'it' ? 'Ecco il permesso di soggiorno.' : '已上传居留卡正反面。');
    await shot(me, '08-answering-375');
    await me.getByRole('button', { name: T(A, 'cases.sendSupplement'), exact: true }).click();
    // The request disappears once both files and the answer are in ("under review" is already
    // in the timeline, so it is no sign of being done).
    await me.getByRole('heading', { name: T(A, 'cases.supplementTitle') }).waitFor({ state: 'detached' });
    const docs = (await apiInPage(me, 'GET', '/cases/' + caseId)).body.case.documents;
    assert.equal(docs.filter((d) => d.type === 'supplement').length, 2, 'both files reached the case');

    // 9. The officer approves and issues the result.
    await officer.reload();
    for (const action of ['approve', 'issue']) {
      if (action === 'issue') {
        // The passport fee is due before issue: the person paid it at the window.
        await officer.getByRole('button', { name: T(S, 'staff.payment.record'), exact: true }).click();
        await officer.getByText(T(S, 'staff.payment.recorded')).waitFor();
      }
      await officer.getByRole('button', { name: T(S, 'action.' + action), exact: true }).click();
      await confirmDialog(officer, T(S, 'action.' + action), [caseNo, T(S, 'staff.confirm.final')]);
      await officer.getByText(T(S, 'state.' + (action === 'approve' ? 'approved' : 'issued'))).first().waitFor();
    }

    // 10. The person receives the result and finds every step again in the inbox.
    await me.goto(server.url + '/cases/' + caseId);
    await me.getByText(T(A, 'state.issued')).first().waitFor();
    await shot(me, '09-result-375');
    const inbox = (await apiInPage(me, 'GET', '/notifications')).body.notifications;
    const about = inbox.filter((n) => JSON.stringify(n).includes(caseNo));
    assert.ok(about.length >= 3, `received, supplement and result are in the inbox: ${JSON.stringify(inbox.map((n) => n.title))}`);
    await me.goto(server.url + '/inbox');
    await me.locator('main li').first().waitFor();
    await shot(me, '10-inbox-375');
    await me.context().close();
    await officer.context().close();
  });
}

