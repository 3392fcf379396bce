// Acting for others at a desk, on phones (checked at 320 and 375 px): an elderly woman at the Milan liaison site asks
// the officer there to apply for her. The officer sends a code to her own phone, she reads it out,
// the officer types it, fills in the form with her and submits. She sees the application as her
// own, with who made it and how she consented, and finds the officer by name in her access log.
// The person reads Italian, then Chinese; the officer works in English, then Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, signIn, register, dict, T, noOverflow, settled, openPage, PNG, PDF, MOBILE } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! No sideways scrolling at 320 and at 375 px.
async function fits(page, label) {
  const size = page.viewportSize();
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: size.height });
    await noOverflow(page, `${label} at ${width} px`);
  }
  await page.setViewportSize(size);
}

const RUNS = [
  { lang: 'it', staffLang: 'en', email: 'chen.mei.it@example.org' },
  { lang: 'zh-CN', staffLang: 'zh-CN', email: 'chen.mei.zh@example.org' },
];

for (const run of RUNS) {
  test(`a liaison officer applies for the person at the desk with the code she reads out (${run.lang})`, async () => {
    const P = dict(run.lang);
    const S = dict(run.staffLang);
    const person = await newPage(browser, MOBILE, run.lang);
    await register(person, server.url, run.email, '陈梅');

    // The officer at the desk: the person's e-mail and the service, then "send the code".
    const desk = await newPage(browser, MOBILE, run.staffLang);
    await signIn(desk, server.url, 'liaison.milan@demo.tongban.example', 'demo-liaison-2026');
    await openPage(desk, server.url + '/staff/assist', ['/items']);
    await fits(desk, 'assist: step 1');
    await desk.fill('#assist-email', run.email);
    await desk.selectOption('#assist-item', 'EE-005');
    const asked = desk.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/assist/consents' && r.request().method() === 'POST');
    await desk.getByRole('button', { name: T(S, 'staff.assist.send'), exact: true }).click();
    assert.equal((await asked).status(), 201);
    await desk.locator('#assist-code').waitFor();
    await fits(desk, 'assist: step 2');
    await shoot(desk, `assist-code-${run.staffLang}`);
    // The code is nowhere on the officer's screen.
    const deskText = await desk.locator('main').innerText();

    // The person opens her messages (again, if the code is still on its way): the code, who
    // asks and for what.
    let inbox = '';
    let code;
    for (let i = 0; i < 20 && !code; ++i) {
      await openPage(person, server.url + '/inbox', ['/notifications']);
      inbox = await person.locator('main').innerText();
      code = inbox.match(/(?<!\d)\d{6}(?!\d)/)?.[0];
      if (!code) await person.waitForTimeout(500);
    }
    assert.ok(code, 'the code is in her inbox: ' + inbox);
    assert.ok(!deskText.includes(code), 'the officer does not see the code');
    await fits(person, 'inbox with the code');

    // She reads it out; a slip of the tongue is caught, then the right code.
    const wrong = code === '000000' ? '111111' : '000000';
    await desk.fill('#assist-code', wrong);
    await desk.getByRole('button', { name: T(S, 'staff.assist.confirm'), exact: true }).click();
    await desk.getByText(T(S, 'staff.assist.codeError.wrong'), { exact: true }).waitFor();
    await desk.fill('#assist-code', code);
    const confirmed = desk.waitForResponse((r) => /\/api\/v1\/assist\/consents\/\d+\/confirm$/.test(new URL(r.url()).pathname) && r.status() === 200);
    await desk.getByRole('button', { name: T(S, 'staff.assist.confirm'), exact: true }).click();
    await confirmed;

    // The application form, filled in with her at the desk.
    await desk.locator('#f-surname').waitFor();
    await desk.fill('#f-surname', 'chen');
    await desk.fill('#f-given_names', 'mei');
    await desk.fill('#f-name_zh', '陈梅');
    await desk.selectOption('#f-sex', 'F');
    await desk.fill('#f-date_of_birth', '1944-03-02');
    await desk.locator('#f-phone-prefix option[value="IT"]').waitFor({ state: 'attached' });
    await desk.selectOption('#f-phone-prefix', 'IT');
    await desk.fill('#f-phone', '02 1234 5678');
    await desk.fill('#f-passport_number', 'E76543210');
    await desk.fill('#f-passport_expiry', '2031-01-01');
    const draft = desk.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().method() === 'POST');
    await desk.setInputFiles('#doc-passport_copy', { name: 'passport.png', mimeType: 'image/png', buffer: PNG });
    assert.equal((await draft).status(), 201);
    await desk.getByText(T(S, 'apply.uploaded') + ': passport.png').waitFor();
    await desk.setInputFiles('#doc-name_evidence', { name: 'name.pdf', mimeType: 'application/pdf', buffer: PDF });
    await desk.getByText(T(S, 'apply.uploaded') + ': name.pdf').waitFor();
    await fits(desk, 'assist: the form');
    await shoot(desk, `assist-form-${run.staffLang}`);
    await desk.getByRole('button', { name: T(S, 'apply.submit'), exact: true }).click();
    await desk.waitForURL(/\/staff\/cases\/\d+$/);
    const caseId = Number(new URL(desk.url()).pathname.split('/').pop());
    await settled(desk);
    assert.ok((await desk.locator('main').innerText()).includes(T(S, 'staff.assist.assistedLabel')));

    // Her application, as she sees it: hers, made at the desk with her consent.
    const mine = (await (await person.request.get(server.url + '/api/v1/cases/' + caseId)).json()).case;
    const officerName = mine.assisted?.officer;
    assert.ok(officerName, 'the case names the officer');
    await openPage(person, server.url + '/cases/' + caseId, ['/cases/' + caseId]);
    await person.getByText(officerName, { exact: false }).first().waitFor();
    const page = await person.locator('main').innerText();
    assert.ok(page.includes(officerName), 'the page names the officer: ' + page);
    assert.ok(page.includes(T(P, 'state.submitted')), 'submitted');
    await fits(person, 'case made at the desk');
    await shoot(person, `assist-case-${run.lang}`);

    // A copy arrived, and her access log names the officer and why.
    let copy = false;
    for (let i = 0; i < 20 && !copy; ++i) {
      await openPage(person, server.url + '/inbox', ['/notifications']);
      copy = (await person.locator('main').innerText()).includes(mine.case_no);
      if (!copy) await person.waitForTimeout(500);
    }
    assert.ok(copy, 'a copy of the application reached her inbox');
    await openPage(person, server.url + '/account/access-log', ['/me/access-log']);
    const log = await person.locator('main').innerText();
    assert.ok(log.includes(officerName), 'the access log names the officer: ' + log);
    assert.ok(log.includes(T(P, 'accessLog.purpose.assisted')), 'and says why');
    assert.ok(log.includes(T(P, 'accessLog.action.assist_case_create')), 'and what they did');
    await fits(person, 'access log');
    await person.close();
    await desk.close();
  });
}
