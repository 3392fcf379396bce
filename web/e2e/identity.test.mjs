// Supervised video identity check between two real Chromium processes (fake camera and
// microphone, no STUN or TURN: host candidates on loopback), through the server's signalling
// WebSocket. The call is held as long as a real one (90 s, well past the 15 s at which sockets
// used to be cut), survives a dropped network within the grace period, and is void when the
// network stays away longer; both sides are told the same thing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, apiInPage, confirmDialog, MOBILE, DESKTOP } from './helpers.mjs';
import { call, until, checkDevicesAndJoin, publishVideoSlots } from './video-helpers.mjs';

const MRZ1 = 'P<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<';
const MRZ2 = 'E123456782CHN8005067M3001019<<<<<<<<<<<<<<<4';
const SHORT_GRACE = 5; // seconds, for the server where a drop outlasts the grace period

let main, short, applicantBrowser, officerBrowser;

//! A server whose officer has published video slots for tomorrow, in the unit's time zone.
async function serverWithOfficer(env = {}) {
  const server = await startServer({ env });
  const officer = await publishVideoSlots(officerBrowser, server);
  return { server, officer };
}

before(async () => {
  applicantBrowser = await launchBrowser({ media: true });
  officerBrowser = await launchBrowser({ media: true });
  main = await serverWithOfficer();
  short = await serverWithOfficer({ TONGBAN_VIDEO_RECONNECT_GRACE_SECONDS: String(SHORT_GRACE) });
});
after(async () => {
  await applicantBrowser?.close();
  await officerBrowser?.close();
  await main?.server.stop();
  await short?.server.stop();
});

//! A new applicant with a passport-renewal draft, booked into the first free video slot; both
//! sides pass the device check and join. Returns once video flows both ways and it is live.
async function connect({ server, officer }, email, { pick = false, shots = false } = {}) {
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
  if (shots) await shoot(applicant, 'video-device-check-375');
  await checkDevicesAndJoin(applicant, { pick });

  await officer.goto(server.url + '/staff/video/' + sessionId);
  await checkDevicesAndJoin(officer);
  await until('video both ways', async () => (await call(applicant))?.frames > 0 && (await call(officer))?.frames > 0);
  await officer.locator('.session-state', { hasText: 'Live' }).waitFor();
  return { applicant, sessionId };
}

//! Both sides decode more frames than last time (a new peer connection after a reconnect
//! starts counting again), and the server still has the session live with nobody missing.
async function stillLive(applicant, officer, sessionId, last) {
  const now = { a: await call(applicant), o: await call(officer) };
  for (const side of ['a', 'o']) {
    const moved = now[side].generation > last[side].generation ? now[side].frames > 0 : now[side].frames > last[side].frames;
    assert.ok(moved, `${side === 'a' ? 'applicant' : 'officer'} decodes new frames: ${JSON.stringify([last[side], now[side]])}`);
  }
  const s = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
  assert.equal(s.state, 'live');
  assert.deepEqual(s.reconnecting, []);
  return now;
}

//! The officer's checks (two liveness challenges, checklist, MRZ) and the approval.
async function approve(applicant, officer, sessionId) {
  for (let i = 0; i < 2; i++) {
    await officer.getByRole('button', { name: 'Give a random challenge' }).click();
    const text = await officer.locator('.challenge .challenge-text').innerText();
    await applicant.locator('.challenge .challenge-text', { hasText: text }).waitFor();
    await officer.getByRole('button', { name: 'Done correctly' }).click();
    await officer.getByRole('heading', { name: `Liveness challenges (${i + 1}/2)` }).waitFor();
  }
  await officer.getByLabel('The document shown matches the uploaded copy').check();
  await officer.getByText('Confirm the document.').waitFor({ state: 'detached' });
  await officer.getByLabel('The face matches the photo').check();
  await officer.getByText('Confirm the face.').waitFor({ state: 'detached' });
  await officer.fill('#mrz1', MRZ1);
  await officer.fill('#mrz2', MRZ2);
  await officer.getByRole('button', { name: 'Check the MRZ' }).click();
  await officer.getByText('MRZ valid and matches the form').waitFor();
  // The result says what it compared and what it could not.
  await officer.getByText('Compared with the application: Surname, Given names, Date of birth, Sex, Passport number').waitFor();
  await officer.getByText('Not compared, because they are empty in the application: Passport expiry date.').waitFor();
  await officer.getByRole('button', { name: 'Approve identity' }).click();
  await confirmDialog(officer, 'Approve identity', ['cannot be undone']);
  await officer.locator('.session-state', { hasText: 'Approved' }).waitFor();
  const me = await apiInPage(applicant, 'GET', '/me');
  assert.equal(me.body.user.assurance, 'verified');
}

//! No horizontal scrolling at 320 and 375 px, in normal and large text.
async function fitsNarrowScreens(page, label) {
  const before = page.viewportSize();
  for (const large of [false, true]) {
    await page.evaluate((l) => document.documentElement.classList.toggle('large-text', l), large);
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 800 });
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= inner, `${label} at ${width} px${large ? ' (large text)' : ''}: ${scroll} px wide`);
    }
  }
  await page.evaluate(() => document.documentElement.classList.remove('large-text'));
  await page.setViewportSize(before);
}

test('the call is held for 90 s, then the officer verifies the applicant', async () => {
  const { officer } = main;
  const { applicant, sessionId } = await connect(main, 'video.ok@example.org', { pick: true, shots: true });

  // Controls: microphone and camera off and on again; hanging up asks first.
  const tracks = () => applicant.evaluate(() => {
    const s = window.__tbCall.stream;
    return { audio: s.getAudioTracks()[0].enabled, video: s.getVideoTracks()[0].enabled };
  });
  await applicant.getByRole('button', { name: 'Mute microphone' }).click();
  await applicant.getByText('Your microphone is muted.').waitFor();
  assert.deepEqual(await tracks(), { audio: false, video: true });
  await applicant.getByRole('button', { name: 'Turn camera off' }).click();
  assert.deepEqual(await tracks(), { audio: false, video: false });
  await applicant.getByRole('button', { name: 'Unmute microphone' }).click();
  await applicant.getByRole('button', { name: 'Turn camera on' }).click();
  assert.deepEqual(await tracks(), { audio: true, video: true });
  await applicant.getByRole('button', { name: 'Hang up' }).click();
  await applicant.getByRole('alertdialog').getByText('If the check has started, it will not count').waitFor();
  await shoot(applicant, 'video-hangup-confirm-375');
  await fitsNarrowScreens(applicant, 'the video page');
  await applicant.getByRole('button', { name: 'Stay in the call' }).click();
  await applicant.getByRole('alertdialog').waitFor({ state: 'detached' });
  await fitsNarrowScreens(officer, 'the officer\'s video page');

  // Hold the call for 90 s, checking every 15 s that video still flows both ways.
  const started = Date.now();
  let last = { a: await call(applicant), o: await call(officer) };
  while (Date.now() - started < 90000) {
    await applicant.waitForTimeout(15000);
    last = await stillLive(applicant, officer, sessionId, last);
  }
  const held = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
  assert.deepEqual(held.interruptions, [], 'nothing interrupted the call');
  await shoot(applicant, 'video-applicant-375');
  await approve(applicant, officer, sessionId);
  await shoot(officer, 'video-officer-1280');
  const session = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
  assert.ok(session.resolution.width > 0, 'the measured resolution is stored');
  assert.equal(session.events.filter((e) => e.kind === 'challenge').length, 2);
  assert.ok(Date.parse(session.ended_at) - Date.parse(session.live_since) >= 90000, 'live for at least 90 s before the decision');
  // The applicant sees the result; the appointment offers no "Join" any more.
  await applicant.locator('.session-state', { hasText: 'Approved' }).waitFor();
  await applicant.goto(main.server.url + '/appointments');
  await applicant.getByText('Your identity is verified').waitFor();
  assert.equal(await applicant.getByRole('button', { name: 'Join the video call' }).count(), 0);
  await shoot(applicant, 'appointments-verified-375');
  await applicant.context().close();
});

test('a network that drops for 10 s comes back within the grace period and the check continues', async () => {
  const { officer } = main;
  const { applicant, sessionId } = await connect(main, 'video.back@example.org');
  const before = { a: await call(applicant), o: await call(officer) };
  await applicant.context().setOffline(true);
  // Both sides are told the same thing while the applicant is away.
  await officer.locator('.call-status', { hasText: /The applicant is reconnecting \(\d+ s left\)/ }).waitFor({ timeout: 10000 });
  await applicant.locator('.call-status', { hasText: 'Your connection dropped' }).waitFor();
  await shoot(officer, 'video-officer-reconnecting-1280');
  const away = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
  assert.equal(away.state, 'live');
  assert.ok(away.blockers.includes('applicant_reconnecting'), 'no approval while the applicant is away');
  await applicant.waitForTimeout(10000);
  await applicant.context().setOffline(false);
  await officer.locator('.call-status', { hasText: 'The applicant is back' }).waitFor({ timeout: 15000 });
  await applicant.locator('.call-status', { hasText: 'You are back' }).waitFor();
  // Media is negotiated afresh and flows again both ways.
  await until('a new peer connection with video', async () => {
    const a = await call(applicant);
    return a.generation > before.a.generation && a.frames > 0;
  });
  const resumed = { a: await call(applicant), o: await call(officer) };
  await applicant.waitForTimeout(3000);
  await stillLive(applicant, officer, sessionId, resumed);
  const s = (await apiInPage(officer, 'GET', '/video/sessions/' + sessionId)).body.session;
  assert.equal(s.interruptions.length, 1);
  assert.equal(s.interruptions[0].who, 'applicant');
  assert.equal(s.interruptions[0].resumed, true);
  assert.ok(s.interruptions[0].seconds >= 8, 'the interruption is stored with its times');
  await approve(applicant, officer, sessionId);
  await applicant.context().close();
});

test('a network that stays away longer than the grace period voids the session on both sides', async () => {
  const { officer } = short;
  const { applicant, sessionId } = await connect(short, 'video.gone@example.org');
  await applicant.context().setOffline(true);
  await officer.locator('.call-status', { hasText: /The applicant is reconnecting \(\d+ s left\)/ }).waitFor({ timeout: 10000 });
  await officer.locator('.session-state', { hasText: 'Void' }).waitFor({ timeout: (SHORT_GRACE + 10) * 1000 });
  await officer.getByText('This check is void: the applicant left.').waitFor();
  const refused = await apiInPage(officer, 'POST', `/video/sessions/${sessionId}/decision`, { approve: true, note: '' });
  assert.equal(refused.status, 409);
  await shoot(officer, 'video-void-1280');
  // Back online, the applicant's page learns the same truth.
  await applicant.context().setOffline(false);
  await applicant.getByText('This check is void: the applicant left.').waitFor({ timeout: 15000 });
  await applicant.locator('.session-state', { hasText: 'Void' }).waitFor();
  await shoot(applicant, 'video-void-375');
  // The void appointment no longer offers "Join"; a new time can be booked.
  await applicant.goto(short.server.url + '/appointments');
  await applicant.locator('.card', { hasText: 'Void' }).first().waitFor();
  assert.equal(await applicant.getByRole('button', { name: 'Join the video call' }).count(), 0);
  await applicant.context().close();
});

test('hanging up, once confirmed, ends the check for both sides', async () => {
  const { officer } = short;
  const { applicant } = await connect(short, 'video.hangup@example.org');
  await applicant.getByRole('button', { name: 'Hang up' }).click();
  await applicant.getByRole('button', { name: 'Yes, hang up' }).click();
  await applicant.getByText('This check is void: the applicant hung up.').waitFor();
  await officer.getByText('This check is void: the applicant hung up.').waitFor();
  assert.equal(await applicant.getByRole('button', { name: 'Hang up' }).count(), 0);
  await applicant.context().close();
});
