// Results a person can hold, end to end in real browsers: an instant application is issued with
// a signed certificate; the applicant downloads the PDF; the QR code printed on it is read from
// the rendered page (pdftoppm + zbarimg, as a phone would read the paper) and opened by someone
// without an account, who sees "genuine"; the applicant shows the QR code full screen and shares
// a link; an officer revokes the certificate and the same QR code then says "revoked". Pages are
// checked at 320 and 375 px in Chinese and in Italian; the verifier reads English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, launchBrowser, newPage, shoot, register, signIn, apiInPage, MOBILE, DESKTOP,
  dict, T, noOverflow, openPage, confirmDialog,
} from './helpers.mjs';

const zh = dict('zh-CN');
const it = dict('it');
const en = dict('en');
let server, browser, work;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), 'tongban-results-'));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const FORM = {
  surname: 'ZHANG', given_names: 'WEI', name_zh: '张伟', sex: 'M', date_of_birth: '1980-05-06',
  phone: '+39 02 1234 5678', id_number: '33112119800506001X', period_from: '2020-01-01', period_to: '2026-01-01',
};

//! The text of the QR code on the first page of `pdf`, read from a 150 dpi rendering.
function readQr(pdf, name) {
  const file = join(work, name + '.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(work, name)]);
  return execFileSync('zbarimg', ['--raw', '-q', join(work, name + '.png')], { encoding: 'utf8' }).trim();
}

test('a certificate is issued, read from its QR code, shared, and revoked', async () => {
  // The applicant, on a phone in Chinese, applies for an instant certificate (issued at once).
  const page = await newPage(browser, MOBILE, 'zh-CN');
  await register(page, server.url, 'zhang.results@example.org', '张伟');
  const created = await apiInPage(page, 'POST', '/cases', { item_code: 'EE-011', submit: true, form: FORM });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.case.state, 'issued');
  const caseId = created.body.case.id;

  await openPage(page, server.url + '/cases/' + caseId, ['/cases/' + caseId]);
  const panel = page.locator('section[aria-labelledby="results-title"]');
  await panel.getByRole('heading', { name: T(zh, 'results.title') }).waitFor();
  await panel.getByText(T(zh, 'results.status.valid'), { exact: true }).waitFor();
  await noOverflow(page, 'case with result (zh-CN, 375)');
  await shoot(page, 'results-case-zh-375');

  // The PDF the button offers: a real file whose QR code points at the public check.
  const href = await panel.getByRole('link', { name: T(zh, 'results.download') }).getAttribute('href');
  const pdf = await page.request.get(server.url + href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const qrUrl = readQr(await pdf.body(), 'certificate');
  assert.match(qrUrl, new RegExp('^' + server.url.replace(/[.]/g, '\\.') + '/verify/[0-9A-Z]{20}$'), qrUrl);
  const id = qrUrl.split('/').pop();
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'certificate.pdf'), '-'], { encoding: 'utf8' });
  assert.ok(text.includes('张伟'), 'the holder’s Chinese name is text in the PDF');

  // Someone without an account (a bank clerk, in English) opens what the QR code says.
  const clerk = await newPage(browser, MOBILE, 'en');
  await openPage(clerk, qrUrl, ['/verify/' + id]);
  const verdict = clerk.locator('.verdict');
  await verdict.getByRole('heading', { name: T(en, 'verify.genuine') }).waitFor();
  await clerk.getByText('张伟').first().waitFor();
  await clerk.getByText('33112119800506001X').waitFor();
  await noOverflow(clerk, 'verify genuine (en, 375)');
  await shoot(clerk, 'results-verify-genuine-en-375');

  // The wallet: the QR code full screen at a counter, then a link for the bank.
  await openPage(page, server.url + '/wallet', ['/wallet']);
  await page.getByRole('heading', { name: T(zh, 'wallet.title') }).waitFor();
  await noOverflow(page, 'wallet (zh-CN, 375)');
  await page.getByRole('button', { name: T(zh, 'wallet.showQr') }).click();
  const qr = page.locator('dialog.qr[open]');
  await qr.locator('svg').waitFor();
  const box = await qr.locator('svg').boundingBox();
  assert.ok(box.width >= MOBILE.width * 0.8, `the QR code fills the screen: ${box.width} px`);
  await shoot(page, 'results-wallet-qr-zh-375');
  await qr.getByRole('button', { name: T(zh, 'wallet.close') }).click();
  await qr.waitFor({ state: 'detached' });

  await page.getByText(T(zh, 'wallet.share')).click();
  await page.getByLabel(T(zh, 'wallet.shareFor')).fill('米兰银行');
  const made = page.waitForResponse((r) => r.url().endsWith('/api/v1/certificates/' + id + '/shares'));
  await page.getByRole('button', { name: T(zh, 'wallet.createLink') }).click();
  assert.equal((await made).status(), 201);
  const shareUrl = await page.getByLabel(T(zh, 'wallet.linkLabel')).inputValue();
  assert.ok(shareUrl.startsWith(server.url + '/shared/'), shareUrl);
  await page.getByText('米兰银行').waitFor();
  await noOverflow(page, 'wallet with a share link (zh-CN, 375)');
  await shoot(page, 'results-wallet-share-zh-375');

  await openPage(clerk, shareUrl, []);
  await clerk.getByRole('heading', { name: T(en, 'shared.title') }).waitFor();
  await clerk.locator('.verdict').getByRole('heading', { name: T(en, 'verify.genuine') }).waitFor();
  // The applicant sees that the bank opened it.
  await openPage(page, server.url + '/account/access-log', ['/me/access-log']);
  await page.getByText(T(zh, 'accessLog.action.certificate_shared_view')).first().waitFor();
  await page.getByText(T(zh, 'accessLog.action.certificate_verify')).first().waitFor();

  // An officer at a desk revokes it, with a reason, after confirming.
  const desk = await newPage(browser, DESKTOP, 'en');
  await signIn(desk, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  await openPage(desk, server.url + '/staff/cases/' + caseId, ['/cases/' + caseId]);
  const staffPanel = desk.locator('section[aria-labelledby="staff-results-title"]');
  await staffPanel.getByLabel(T(en, 'staff.results.reasonLabel')).fill('The period printed was wrong');
  await staffPanel.getByRole('button', { name: T(en, 'staff.results.revoke'), exact: true }).click();
  const revoked = desk.waitForResponse((r) => r.url().endsWith('/api/v1/certificates/' + id + '/revoke'));
  await confirmDialog(desk, T(en, 'staff.results.revoke'), [id]);
  assert.equal((await revoked).status(), 200);
  await staffPanel.getByText(T(en, 'staff.results.revokeDone')).waitFor();
  await staffPanel.getByText(T(en, 'results.status.revoked')).first().waitFor();
  await shoot(desk, 'results-staff-revoked-en-1280');

  // The same QR code now says revoked.
  await openPage(clerk, qrUrl, ['/verify/' + id]);
  await clerk.locator('.verdict').getByRole('heading', { name: T(en, 'verify.revoked') }).waitFor();
  await shoot(clerk, 'results-verify-revoked-en-375');

  // The applicant reads why, in Italian this time, on the narrowest phone.
  const narrow = await newPage(browser, { width: 320, height: 700 }, 'it');
  await signIn(narrow, server.url, 'zhang.results@example.org', 'correct horse battery');
  await apiInPage(narrow, 'PATCH', '/me', { locale: 'it' });
  await openPage(narrow, server.url + '/wallet', ['/wallet']);
  await narrow.getByRole('heading', { name: T(it, 'wallet.title') }).waitFor();
  await narrow.getByText(T(it, 'results.status.revoked')).first().waitFor();
  await narrow.getByText('The period printed was wrong', { exact: false }).waitFor();
  await noOverflow(narrow, 'wallet revoked (it, 320)');
  await openPage(narrow, server.url + '/verify/' + id, ['/verify/' + id]);
  await narrow.locator('.verdict').getByRole('heading', { name: T(it, 'verify.revoked') }).waitFor();
  await noOverflow(narrow, 'verify revoked (it, 320)');
  await shoot(narrow, 'results-verify-revoked-it-320');
  // A number nobody issued.
  await narrow.fill('#verify-number', '0000-0000-0000-0000-000A');
  await narrow.getByRole('button', { name: T(it, 'verify.check') }).click();
  await narrow.locator('.verdict').getByRole('heading', { name: T(it, 'verify.unknown') }).waitFor();
});
