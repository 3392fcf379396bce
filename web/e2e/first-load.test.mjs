// The first screen as a new, anonymous visitor gets it: no error in the console, no failed
// request, the script compressed, and the first screen's data fetched alongside the script
// instead of after it (on an emulated slow 3G network, where the order is plain to see).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, MOBILE } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! Everything that went wrong on the page: console errors, uncaught errors, failed or 4xx/5xx
//! requests.
function watchProblems(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

for (const lang of ['en', 'zh-CN']) {
  test(`an anonymous home page load is clean (${lang})`, async () => {
    const page = await newPage(browser, MOBILE, lang);
    const problems = watchProblems(page);
    await page.goto(server.url + '/');
    await page.locator('.cards .card').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok((await page.locator('.cards .card').count()) >= 4, 'the catalogue categories are shown');
    assert.equal(await page.locator('a[href="/signin"]').count() > 0, true, 'offered to sign in');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}

test('on slow 3G the script is compressed and the first data is fetched alongside it', async () => {
  const page = await newPage(browser, MOBILE, 'en');
  const problems = watchProblems(page);
  // DevTools' network emulation: 400 ms round trips, 400 kbit/s each way, no cache.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 50 * 1024,
    uploadThroughput: 50 * 1024,
  });
  const events = [];
  let script = null;
  page.on('request', (r) => events.push(['sent', new URL(r.url()).pathname]));
  page.on('requestfinished', (r) => events.push(['done', new URL(r.url()).pathname]));
  page.on('response', (r) => {
    if (/\/assets\/index-[^/]+\.js$/.test(r.url())) script = r;
  });

  const started = Date.now();
  await page.goto(server.url + '/');
  await page.locator('.cards .card').first().waitFor({ timeout: 30000 });
  const elapsed = Date.now() - started;
  await page.waitForLoadState('networkidle');

  assert.ok(script, 'the app script was loaded');
  const accepted = (await script.request().allHeaders())['accept-encoding'] ?? '';
  const encoding = (await script.allHeaders())['content-encoding'];
  console.log(`slow 3G: categories shown ${elapsed} ms after navigation started (${encoding ?? 'uncompressed'} script)`);
  assert.equal(encoding, /\bbr\b/.test(accepted) ? 'br' : 'gzip', `sent ${encoding} for Accept-Encoding: ${accepted}`);
  assert.equal((await script.allHeaders())['cache-control'], 'public, max-age=31536000, immutable');

  // Both API requests leave before the script has finished downloading: nothing waits on it.
  const at = (kind, path) => events.findIndex(([k, p]) => k === kind && p === path);
  const scriptDone = at('done', new URL(script.url()).pathname);
  assert.ok(scriptDone >= 0);
  for (const path of ['/api/v1/session', '/api/v1/categories']) {
    const sent = at('sent', path);
    assert.ok(sent >= 0 && sent < scriptDone, `${path} was requested before the script arrived: ${JSON.stringify(events)}`);
    assert.equal(events.filter(([k, p]) => k === 'sent' && p === path).length, 1, `${path} fetched once`);
  }
  assert.equal(at('sent', '/api/v1/me'), -1, 'the web app asks /session, not /me');
  assert.deepEqual(problems, []);
  await page.context().close();
});
