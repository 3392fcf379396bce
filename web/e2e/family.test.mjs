// A family identity check between two real Chromium processes: a grandson in Italy (reading
// Chinese on his phone, 375 px) books a video check for his grandmother at home, who has no
// account. He types her details as on her identity card (a mistyped number is caught field by
// field), both are on the call, which is held for 90 s; the officer compares her card with the
// details, notes who is present and approves. She becomes a verified person on his account,
// whom he can then name on an application form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, apiInPage, confirmDialog, dict, T, noOverflow, openPage, settled, MOBILE } from './helpers.mjs';
import { call, until, checkDevicesAndJoin, publishVideoSlots } from './video-helpers.mjs';

let server, officer, applicantBrowser, officerBrowser;
before(async () => {
  applicantBrowser = await launchBrowser({ media: true });
  officerBrowser = await launchBrowser({ media: true });
  server = await startServer();
  officer = await publishVideoSlots(officerBrowser, server);
});
after(async () => {
  await applicantBrowser?.close();
  await officerBrowser?.close();
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

const ZH = dict('zh-CN');
const EN = dict('en');

test('a grandson has his grandmother at home verified on a 90 s call, then applies for her', async () => {
  const me = await newPage(applicantBrowser, MOBILE, 'zh-CN', 'Europe/Rome');
  await register(me, server.url, 'grandson@example.org', '林浩');
  await openPage(me, server.url + '/appointments', ['/appointments']);
  await me.locator('ul.list li button').first().click();
  await me.getByText(T(ZH, 'appt.booked'), { exact: true }).waitFor();

  // Whom the check is for: a family member without an account, with her card's details.
  const subject = me.locator('select[id^="subject-"]').first();
  await subject.selectOption('family');
  await me.locator('#f-name').waitFor();
  await fits(me, 'the family details');
  await me.fill('#f-name', '王秀英');
  await me.fill('#f-name_latin', 'wang xiuying');
  await me.fill('#f-id_number', '331121194805170028'); // one character wrong
  await me.fill('#f-birth_date', '1948-05-17');
  await me.locator('#f-phone-prefix option[value="CN"]').waitFor({ state: 'attached' });
  await me.selectOption('#f-phone-prefix', 'CN');
  await me.fill('#f-phone', '578 123 4567');
  await me.selectOption('#f-relationship', 'grandparent');
  await me.getByRole('button', { name: T(ZH, 'appt.join'), exact: true }).click();
  await me.getByText(T(ZH, 'errors.checksum'), { exact: true }).waitFor();
  await shoot(me, 'family-details-error-zh-375');
  await me.fill('#f-id_number', '331121194805170027');
  await me.getByRole('button', { name: T(ZH, 'appt.join'), exact: true }).click();
  await me.waitForURL(/\/video\/\d+$/);
  const sessionId = me.url().split('/').pop();
  await checkDevicesAndJoin(me, { lang: 'zh-CN' });

  await officer.goto(server.url + '/staff/video/' + sessionId);
  await checkDevicesAndJoin(officer);
  await until('video both ways', async () => (await call(me))?.frames > 0 && (await call(officer))?.frames > 0);
  await officer.locator('.session-state', { hasText: T(EN, 'video.state.live') }).waitFor();
  // The officer sees whom to verify, and that no passport MRZ is read.
  const family = officer.locator('section[aria-labelledby="family-title"]');
  await family.getByText('王秀英 · WANG XIUYING').waitFor();
  await family.getByText('331121194805170027').waitFor();
  await officer.getByText(T(EN, 'staff.video.family.noMrz')).waitFor();

  // A real call's length: held for 90 s, video flowing both ways.
  const started = Date.now();
  let frames = (await call(me)).frames;
  while (Date.now() - started < 90000) {
    await me.waitForTimeout(15000);
    const now = (await call(me)).frames;
    assert.ok(now > frames, 'video still flows to the grandson');
    frames = now;
  }

  // The checks: two liveness challenges, the card and the face, and who is on the call.
  for (let i = 0; i < 2; i++) {
    await officer.getByRole('button', { name: T(EN, 'video.newChallenge') }).click();
    const text = await officer.locator('.challenge .challenge-text').innerText();
    assert.ok(text.length > 0);
    await officer.getByRole('button', { name: T(EN, 'video.passed') }).click();
    await officer.getByRole('heading', { name: `Liveness challenges (${i + 1}/2)` }).waitFor();
  }
  await officer.getByLabel(T(EN, 'video.documentMatches')).check();
  await officer.getByText(T(EN, 'video.blocker.document_not_confirmed')).waitFor({ state: 'detached' });
  await officer.getByLabel(T(EN, 'video.faceMatches')).check();
  await officer.getByText(T(EN, 'video.blocker.face_not_confirmed')).waitFor({ state: 'detached' });
  await officer.getByText(T(EN, 'video.blocker.subject_not_present')).waitFor();
  await officer.getByLabel(T(EN, 'staff.video.family.presentSubject', { name: '王秀英' })).check();
  await officer.getByText(T(EN, 'video.blocker.subject_not_present')).waitFor({ state: 'detached' });
  await officer.getByLabel(T(EN, 'staff.video.family.presentHolder')).check();
  await officer.getByText(T(EN, 'video.blocker.account_holder_not_present')).waitFor({ state: 'detached' });
  await officer.fill('#present-others', 'her daughter-in-law, 李芳');
  const saved = officer.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/checklist') && r.status() === 200);
  await officer.locator('#present-others').blur();
  await saved;
  await shoot(officer, 'family-officer-1280');
  await officer.getByRole('button', { name: T(EN, 'video.approve') }).click();
  await confirmDialog(officer, T(EN, 'video.approve'));
  await officer.locator('.session-state', { hasText: T(EN, 'video.state.approved') }).waitFor();
  const session = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
  assert.ok(Date.parse(session.ended_at) - Date.parse(session.live_since) >= 90000, 'live for at least 90 s before the decision');
  assert.equal(session.checklist.present.others, 'her daughter-in-law, 李芳');
  // His own identity is not what was checked.
  assert.equal((await apiInPage(me, 'GET', '/me')).body.user.assurance, 'account');

  // His account lists her; the application form lets him apply for her.
  await openPage(me, server.url + '/account', ['/persons']);
  const listed = me.locator('section[aria-labelledby="family-title"]');
  await listed.getByText('王秀英', { exact: true }).waitFor();
  assert.ok((await listed.innerText()).includes('331***********0027'), 'the number is masked');
  await fits(me, 'account with a family member');
  await shoot(me, 'family-account-zh-375');
  await openPage(me, server.url + '/items/EE-005/apply', ['/items/EE-005', '/persons']);
  await me.locator('#for-whom').waitFor();
  const option = await me.locator('#for-whom option').nth(1).innerText();
  assert.equal(option, T(ZH, 'family.forPerson', { name: '王秀英', relationship: T(ZH, 'family.rel.grandparent') }));
  await me.selectOption('#for-whom', { index: 1 });
  const created = me.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().method() === 'POST');
  await me.getByRole('button', { name: T(ZH, 'apply.saveDraft'), exact: true }).click();
  const draft = await (await created).json();
  assert.equal(draft.case.for_person.name, '王秀英');
  await openPage(me, server.url + '/cases/' + draft.case.id, ['/cases/' + draft.case.id]);
  await me.getByText(T(ZH, 'family.forPerson', { name: '王秀英', relationship: T(ZH, 'family.rel.grandparent') })).waitFor();
  await settled(me);
  await fits(me, 'a case for the grandmother');
  await me.context().close();
});
