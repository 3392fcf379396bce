// Supervised video identity check between two real Chromium processes (fake camera, no STUN
// or TURN: host candidates on loopback), through the server's signalling WebSocket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, apiInPage, MOBILE, DESKTOP } from './helpers.mjs';

const MRZ1 = 'P<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<';
const MRZ2 = 'E123456782CHN8005067M3001019<<<<<<<<<<<<<<<4';

let server, applicantBrowser, officerBrowser, officer;
before(async () => {
  server = await startServer();
  applicantBrowser = await launchBrowser({ media: true });
  officerBrowser = await launchBrowser({ media: true });
  officer = await newPage(officerBrowser, DESKTOP, 'en', 'Asia/Shanghai');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  // The officer publishes video slots for tomorrow, in the unit's time zone.
  await officer.goto(server.url + '/staff/appointments');
  await officer.locator('#p-unit option').first().waitFor({ state: 'attached' });
  await officer.selectOption('#p-kind', 'video');
  await officer.fill('#p-count', '4');
  await officer.getByRole('button', { name: 'Publish times' }).click();
  await officer.getByText('4 times published.').waitFor();
});
after(async () => {
  await applicantBrowser?.close();
  await officerBrowser?.close();
  await server?.stop();
});

//! A new applicant with a passport-renewal draft, booked into the first free video slot and
//! joined to the session; the officer joins too. Returns both pages once video flows both ways.
async function connect(email) {
  const applicant = await newPage(applicantBrowser, MOBILE, 'en', 'Europe/Rome');
  await register(applicant, server.url, email, 'Zhang Wei');
  const draft = await apiInPage(applicant, 'POST', '/cases', {
    item_code: 'EE-002',
    form: { surname: 'ZHANG', given_names: 'WEI', sex: 'M', date_of_birth: '1980-05-06', passport_number: 'E12345678' },
  });
  assert.equal(draft.status, 201);
  await applicant.goto(server.url + '/appointments');
  await applicant.locator('#for-case').selectOption({ index: 1 });
  await applicant.getByRole('button', { name: /^Book / }).first().click();
  await applicant.getByText('Booked.').waitFor();
  await applicant.getByRole('button', { name: 'Join the video call' }).click();
  await applicant.waitForURL(/\/video\/\d+$/);
  const sessionId = applicant.url().split('/').pop();

  await officer.goto(server.url + '/staff/video/' + sessionId);
  const frames = (page) => page.evaluate(() => window.__tbCall?.state.framesDecoded ?? 0);
  for (let i = 0; i < 60 && ((await frames(applicant)) === 0 || (await frames(officer)) === 0); i++)
    await applicant.waitForTimeout(500);
  assert.ok((await frames(applicant)) > 0, 'the applicant decodes the officer\'s video');
  assert.ok((await frames(officer)) > 0, 'the officer decodes the applicant\'s video');
  await officer.locator('.session-state', { hasText: 'Live' }).waitFor();
  return { applicant, sessionId };
}

test('an officer verifies an applicant in a live video session', async () => {
  const { applicant, sessionId } = await connect('video.ok@example.org');
  // Two random liveness challenges, shown on both sides and judged by the officer.
  for (let i = 0; i < 2; i++) {
    await officer.getByRole('button', { name: 'Give a random challenge' }).click();
    const text = await officer.locator('.challenge .challenge-text').innerText();
    await applicant.locator('.challenge .challenge-text', { hasText: text }).waitFor();
    await officer.getByRole('button', { name: 'Done correctly' }).click();
    await officer.getByRole('heading', { name: `Liveness challenges (${i + 1}/2)` }).waitFor();
  }
  await shoot(applicant, 'video-applicant-375');
  await officer.getByLabel('The document shown matches the uploaded copy').check();
  await officer.getByText('Confirm the document.').waitFor({ state: 'detached' });
  await officer.getByLabel('The face matches the photo').check();
  await officer.getByText('Confirm the face.').waitFor({ state: 'detached' });
  await officer.fill('#mrz1', MRZ1);
  await officer.fill('#mrz2', MRZ2);
  await officer.getByRole('button', { name: 'Check the MRZ' }).click();
  await officer.getByText('MRZ valid and matches the form').waitFor();
  await shoot(officer, 'video-officer-1280');
  await officer.getByRole('button', { name: 'Approve identity' }).click();
  await officer.locator('.session-state', { hasText: 'Approved' }).waitFor();

  const session = await apiInPage(officer, 'GET', '/video/sessions/' + sessionId);
  assert.ok(session.body.session.resolution.width > 0, 'the measured resolution is stored');
  const kinds = session.body.session.events.map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === 'challenge').length, 2);
  const me = await apiInPage(applicant, 'GET', '/me');
  assert.equal(me.body.user.assurance, 'verified');
  // The applicant sees the result.
  await applicant.goto(server.url + '/appointments');
  await applicant.getByText('Your identity is verified').waitFor();
  await shoot(applicant, 'appointments-verified-375');
  await applicant.close();
});

test('a session whose applicant leaves mid-call is void and cannot be approved', async () => {
  const { applicant, sessionId } = await connect('video.drop@example.org');
  await applicant.close();
  await officer.locator('.session-state', { hasText: 'Void' }).waitFor({ timeout: 15000 });
  await officer.getByText('the applicant left').waitFor();
  const refused = await apiInPage(officer, 'POST', `/video/sessions/${sessionId}/decision`, { approve: true, note: '' });
  assert.equal(refused.status, 409);
  await shoot(officer, 'video-void-1280');
});
