// What the browser tests of video calls share: the call's state as the page exposes it, waiting
// for a condition, the device check before joining, and an officer publishing video slots.
import assert from 'node:assert/strict';
import { newPage, signIn, dict, T, DESKTOP } from './helpers.mjs';

export const call = (page) => page.evaluate(() => {
  const c = window.__tbCall;
  return c ? { frames: c.state.framesDecoded, generation: c.state.generation, signalling: c.state.signalling } : null;
});

export async function until(what, fn, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 250));
  }
}

//! The device check before joining: a moving microphone level and a camera picture; when there
//! are several microphones, another one is picked and heard too. Then joins. `lang`: the
//! language the page is shown in.
export async function checkDevicesAndJoin(page, { pick = false, lang = 'en' } = {}) {
  const d = dict(lang);
  await page.getByRole('heading', { name: T(d, 'video.check.title') }).waitFor();
  const level = () => page.locator('#mic-level').evaluate((m) => m.value);
  await until('the microphone level to move', async () => (await level()) > 0.01, 15000);
  await until('the camera preview', () => page.locator('.device-preview video').evaluate((v) => v.videoWidth > 0));
  if (pick && (await page.locator('#pick-mic').count())) {
    const options = await page.locator('#pick-mic option').evaluateAll((os) => os.map((o) => o.value));
    const current = await page.locator('#pick-mic').inputValue();
    const other = options.find((v) => v !== current);
    await page.selectOption('#pick-mic', other);
    await until('the other microphone', async () => (await page.evaluate(() => document.querySelector('.device-preview video').srcObject?.getAudioTracks()[0]?.getSettings().deviceId)) === other);
    await until('the other microphone to be heard', async () => (await level()) > 0.01, 15000);
  }
  await page.getByRole('button', { name: T(d, 'video.check.join'), exact: true }).click();
}

//! Signs the Qingtian officer in (desktop, Shanghai time) and publishes four video slots for
//! tomorrow; returns the officer's page.
export async function publishVideoSlots(browser, server) {
  const officer = await newPage(browser, DESKTOP, 'en', 'Asia/Shanghai');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  await officer.goto(server.url + '/staff/appointments');
  await officer.locator('#p-unit option').first().waitFor({ state: 'attached' });
  await officer.selectOption('#p-kind', 'video');
  await officer.fill('#p-count', '4');
  await officer.getByRole('button', { name: 'Publish times' }).click();
  await officer.getByText('4 times published.').waitFor();
  return officer;
}
