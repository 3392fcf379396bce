// The green channel on a phone: an applicant (in Italian) whose father died asks for urgent
// handling with a death notice as evidence; the duty supervisor approves it on the
// green-channel page; the case jumps above an older case in the officer's queue, with the
// marker, and the applicant sees the marker and the shortened deadline. 320 and 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function submitted(page) {
  const created = await apiInPage(page, 'POST', '/cases', {
    item_code: 'EE-005',
    form: { surname: 'ROSSI', given_names: 'MARIO', name_zh: '罗西', sex: 'M', date_of_birth: '1960-03-02', phone: '+39 02 1234 5678', passport_number: 'E12345678', passport_expiry: '2031-01-01' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.case.id;
  assert.equal(await upload(page, id, 'passport_copy', PNG, 'passport.png'), 201);
  assert.equal(await upload(page, id, 'name_evidence', PDF, 'name.pdf'), 201);
  assert.equal((await apiInPage(page, 'POST', `/cases/${id}/actions/submit`, {})).status, 200);
  return created.body.case;
}

//! The case numbers in the officer's queue, top to bottom.
async function queueOrder(page, url) {
  const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/queue');
  await page.goto(url + '/staff');
  await loaded;
  await settled(page);
  return page.locator('main table tbody tr td:first-child a').allInnerTexts();
}

test('an urgent request with evidence is approved and the case jumps the queue', async () => {
  const A = dict('it');
  const S = dict('en');
  const dir = mkdtempSync(join(tmpdir(), 'tb-green-'));
  const evidence = join(dir, 'necrologio.pdf');
  writeFileSync(evidence, PDF);

  const me = await newPage(browser, MOBILE, 'it');
  await register(me, server.url, 'urgente@example.org', 'Mario Rossi');
  const older = await submitted(me);
  const newer = await submitted(me);

  // The officer's queue, oldest first: the older case leads.
  const officer = await newPage(browser, MOBILE, 'en');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  const first = await queueOrder(officer, server.url);
  assert.ok(first.indexOf(older.case_no) >= 0 && first.indexOf(older.case_no) < first.indexOf(newer.case_no), first.join(', '));

  // The applicant asks for urgent handling of the newer case.
  const loaded = me.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${newer.id}`);
  await me.goto(server.url + '/cases/' + newer.id);
  await loaded;
  await settled(me);
  const panel = me.locator('section.green-channel');
  await panel.getByRole('button', { name: T(A, 'greenChannel.open') }).click();
  await me.selectOption('#gc-category', 'bereavement');
  await me.fill('#gc-explanation', 'Mio padre è morto; il funerale è giovedì a Qingtian e devo partire con il passaporto.');
  await me.setInputFiles('#gc-evidence', evidence);
  await noOverflow(me, 'green-channel form');
  await me.setViewportSize({ width: 320, height: 700 });
  await noOverflow(me, 'green-channel form, 320 px');
  await me.setViewportSize(MOBILE);
  await shoot(me, 'green-request-it-375');
  const asked = me.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${newer.id}/green-channel`));
  await panel.getByRole('button', { name: T(A, 'greenChannel.send') }).click();
  assert.equal((await asked).status(), 201);
  await panel.getByText(T(A, 'greenChannel.status.pending'), { exact: true }).waitFor();

  // The duty supervisor decides on the green-channel page.
  const sup = await newPage(browser, MOBILE, 'en');
  await signIn(sup, server.url, 'supervisor.qingtian@demo.tongban.example', 'demo-supervisor-2026');
  const list = sup.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/green-channel/requests');
  await sup.goto(server.url + '/staff/green-channel');
  await list;
  await settled(sup);
  const card = sup.locator('li.gc-card', { hasText: newer.case_no });
  await card.getByText(T(S, 'greenChannel.category.bereavement')).waitFor();
  await card.getByRole('link', { name: 'necrologio.pdf' }).waitFor();
  await noOverflow(sup, 'green-channel decisions');
  await sup.setViewportSize({ width: 320, height: 700 });
  await noOverflow(sup, 'green-channel decisions, 320 px');
  await sup.setViewportSize(MOBILE);
  await shoot(sup, 'green-decide-en-375');
  await card.locator('textarea').fill('Funeral confirmed by the notice.');
  const decided = sup.waitForResponse((r) => r.url().includes('/api/v1/green-channel/requests/') && r.url().endsWith('/decision'));
  await card.getByRole('button', { name: T(S, 'staff.greenChannel.approve'), exact: true }).click();
  await confirmDialog(sup, T(S, 'staff.greenChannel.approve'), [newer.case_no]);
  assert.equal((await decided).status(), 200);
  await sup.getByText(T(S, 'staff.greenChannel.approvedDone', { case: newer.case_no })).waitFor();
  await sup.context().close();

  // The newer case now leads the officer's queue, with the marker.
  const later = await queueOrder(officer, server.url);
  assert.ok(later.indexOf(newer.case_no) >= 0 && later.indexOf(newer.case_no) < later.indexOf(older.case_no), later.join(', '));
  const row = officer.locator('main table tbody tr', { hasText: newer.case_no });
  await row.locator('.badge.expedited').getByText(T(S, 'greenChannel.marker')).waitFor();
  await noOverflow(officer, 'queue with the green marker');
  await shoot(officer, 'green-queue-en-375');
  await officer.setViewportSize({ width: 320, height: 700 });
  await noOverflow(officer, 'queue with the green marker, 320 px');
  await officer.context().close();

  // The applicant sees the marker and the approval with its deadline.
  const again = me.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${newer.id}`);
  await me.reload();
  await again;
  await settled(me);
  await me.locator('.facts .badge.expedited').getByText(T(A, 'greenChannel.marker')).waitFor();
  await panel.getByText(T(A, 'greenChannel.status.approved'), { exact: true }).waitFor();
  const text = await panel.innerText();
  assert.ok(text.includes('Funeral confirmed by the notice.'), text);
  await noOverflow(me, 'case page, green channel approved');
  await shoot(me, 'green-approved-it-375');
  await me.setViewportSize({ width: 320, height: 700 });
  await noOverflow(me, 'case page, green channel approved, 320 px');
  await me.context().close();
});

test('an officer hands a case to the difficult-case team, which shares notes with the unit', async () => {
  const A = dict('zh-CN');
  const S = dict('zh-CN');
  const me = await newPage(browser, MOBILE, 'zh-CN');
  await register(me, server.url, 'nan@example.org', '张伟');
  const c = await submitted(me);

  // The officer hands it over from the case page, with an internal reason.
  const officer = await newPage(browser, MOBILE, 'zh-CN');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  const loaded = officer.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${c.id}`);
  await officer.goto(server.url + '/staff/cases/' + c.id);
  await loaded;
  await settled(officer);
  await officer.fill('#difficult-reason', '两份户籍记录不一致，需要专班核查。');
  const handed = officer.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${c.id}/difficult`));
  await officer.getByRole('button', { name: T(S, 'staff.difficult.handOver'), exact: true }).click();
  await confirmDialog(officer, T(S, 'staff.difficult.handOver'), [c.case_no]);
  assert.equal((await handed).status(), 200);
  await officer.locator('#case-note').fill('申请人来电，称有旧户口簿。');
  const noted = officer.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${c.id}/notes`));
  await officer.getByRole('button', { name: T(S, 'staff.difficult.saveNote'), exact: true }).click();
  assert.equal((await noted).status(), 201);
  await officer.locator('section.specialist .note').getByText('申请人来电，称有旧户口簿。').waitFor();
  await noOverflow(officer, 'staff case with the team');
  await officer.context().close();

  // The team's queue shows it with the reason and the unit's note; the team answers.
  const team = await newPage(browser, MOBILE, 'zh-CN');
  await signIn(team, server.url, 'specialist.qingtian@demo.tongban.example', 'demo-specialist-2026');
  const list = team.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/difficult-cases');
  await team.goto(server.url + '/staff/difficult');
  await list;
  await settled(team);
  const card = team.locator('li.card', { hasText: c.case_no });
  await card.getByText('两份户籍记录不一致，需要专班核查。').waitFor();
  await card.locator('summary').click();
  await card.getByText('申请人来电，称有旧户口簿。').waitFor();
  await card.locator('textarea').fill('已向档案馆调取1998年记录。');
  const answered = team.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${c.id}/notes`));
  await card.getByRole('button', { name: T(S, 'staff.difficult.saveNote'), exact: true }).click();
  assert.equal((await answered).status(), 201);
  await card.getByText('已向档案馆调取1998年记录。').waitFor();
  await noOverflow(team, 'team queue');
  await shoot(team, 'difficult-team-zh-375');
  await team.setViewportSize({ width: 320, height: 700 });
  await noOverflow(team, 'team queue, 320 px');
  await team.context().close();

  // The applicant reads that a specialist team handles it, never why.
  const again = me.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/cases/${c.id}`);
  await me.goto(server.url + '/cases/' + c.id);
  await again;
  await settled(me);
  await me.locator('section.specialist').getByText(T(A, 'specialist.title')).waitFor();
  const page = await me.locator('main').innerText();
  assert.ok(!page.includes('户籍记录'), 'the internal reason stays internal');
  assert.ok(!page.includes('旧户口簿'), 'the notes stay internal');
  assert.ok(!page.includes('疑难'), 'nor is the case called difficult');
  await noOverflow(me, 'case page, specialist team');
  await shoot(me, 'difficult-citizen-zh-375');
  await me.setViewportSize({ width: 320, height: 700 });
  await noOverflow(me, 'case page, specialist team, 320 px');
  await me.context().close();
});
