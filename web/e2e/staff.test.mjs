// The workbench as an officer and a supervisor use it, on a phone (375 px) in English and in
// Chinese: searching, filtering and sorting the queue, taking a case, marking it urgent with a
// reason, refusing with a note after a confirmation that can be declined, countersigning, and
// a supervisor assigning a case that then shows in the officer's own list. The case page reads
// from the staff's side: "you", a colleague's name, "the applicant", a supervisor to countersign.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, signIn, confirmDialog, dict, T, noOverflow, MOBILE, DESKTOP } from './helpers.mjs';

//! The fixed words of a text with placeholders ("{unit}: nobody assigned yet" → [": nobody assigned yet"]).
const words = (d, key) => T(d, key, new Proxy({}, { get: () => '\u0000' })).split('\u0000').map((p) => p.trim()).filter(Boolean);
const says = (text, d, key) => words(d, key).every((w) => text.includes(w));

let server, browser;
before(async () => {
  server = await startServer({ synthetic: 200 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

//! The case numbers of the queue's rows, in order.
const rows = (page) => page.locator('main tbody tr td:first-child a').allInnerTexts();

//! Sets the filters, presses "Apply" and waits for the queue's answer to be on the page.
async function applyFilters(page, S, set) {
  for (const [id, value] of Object.entries(set)) {
    if (id === 'q') await page.fill('#q', value);
    else await page.selectOption('#' + id, value);
  }
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/queue?'));
  await page.getByRole('button', { name: T(S, 'staff.apply') }).click();
  await answered;
  await page.waitForFunction(() => !document.querySelector('main .loading'));
  await page.locator('main tbody').or(page.getByText(T(S, 'staff.noCases'))).first().waitFor();
}

for (const lang of ['en', 'zh-CN']) {
  test(`officer and supervisor work the queue on a phone (${lang})`, async () => {
    const S = dict(lang);

    // --- The officer: find, take, mark urgent, refuse. ---
    const officer = await newPage(browser, MOBILE, lang);
    await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
    await officer.waitForURL(/\/staff$/);
    await officer.locator('main tbody tr').first().waitFor();
    await noOverflow(officer, 'queue');
    await shoot(officer, `staff-queue-${lang}-375`);

    // Search by a case number finds exactly that case.
    const all = await rows(officer);
    assert.ok(all.length >= 20, 'the synthetic cases are listed');
    await applyFilters(officer, S, { q: all[3].toLowerCase() });
    assert.deepEqual(await rows(officer), [all[3]]);
    // Unassigned cases under review, oldest first; every row says nobody has them.
    await applyFilters(officer, S, { q: '', state: 'in_review', assignee: 'none', sort: 'oldest' });
    const open = await rows(officer);
    assert.ok(open.length >= 2, 'cases under review wait in the queue');
    const cells = await officer.locator('main tbody tr td:nth-child(6)').allInnerTexts();
    assert.ok(cells.every((c) => c.includes(T(S, 'staff.notAssigned'))), cells.join('|'));
    const target = open[open.length - 1];

    // Take the case: the holder becomes "you".
    await officer.getByRole('link', { name: target }).click();
    await officer.locator('main h1').waitFor();
    assert.ok(says(await officer.locator('.facts').innerText(), S, 'staff.holder.unassigned'), 'nobody holds it yet');
    await officer.getByRole('button', { name: T(S, 'staff.take') }).click();
    await officer.getByText(T(S, 'staff.assignedToYou')).waitFor();
    assert.ok(says(await officer.locator('.facts').innerText(), S, 'staff.holder.you'), 'the officer holds it now');

    // Marking it urgent needs a reason; the reason reaches the timeline, "by you".
    await officer.selectOption('#priority-level', 'urgent');
    const reason = lang === 'en' ? 'Funeral in Wenzhou on Friday; flight booked.' : '周五回温州奔丧，机票已订。';
    await officer.fill('#priority-reason', reason);
    await officer.getByRole('button', { name: T(S, 'staff.prioritySave') }).click();
    await officer.getByText(T(S, 'staff.prioritySaved')).waitFor();
    const timeline = await officer.locator('.timeline').innerText();
    assert.ok(timeline.includes(T(S, 'action.priority_urgent')), timeline);
    assert.ok(timeline.includes(reason), timeline);
    assert.ok(timeline.includes(T(S, 'staff.byYou')), timeline);
    // The imported step was the applicant's: staff read "the applicant", never "you".
    assert.ok(timeline.includes(T(S, 'staff.by', { role: T(S, 'staff.applicantRole') })), timeline);
    await noOverflow(officer, 'case');
    await shoot(officer, `staff-case-taken-${lang}-375`);

    // Urgent cases lead the queue in every order; "mine" lists it.
    await officer.goto(server.url + '/staff');
    await officer.locator('main tbody tr').first().waitFor();
    await applyFilters(officer, S, { sort: 'newest' });
    assert.equal((await rows(officer))[0], target);
    await applyFilters(officer, S, { assignee: 'me', sort: '' });
    assert.ok((await rows(officer)).includes(target));

    // Refusing needs a note (said before any dialog), then a confirmation that can be declined.
    await officer.getByRole('link', { name: target }).click();
    await officer.locator('main h1').waitFor();
    await officer.getByRole('button', { name: T(S, 'action.reject'), exact: true }).click();
    await officer.getByText(T(S, 'staff.noteRequired')).waitFor();
    assert.equal(await officer.locator('dialog[open]').count(), 0);
    const why = lang === 'en' ? 'The applicant already holds a valid passport.' : '申请人持有有效护照，无需换发。';
    await officer.fill('#note', why);
    await officer.getByRole('button', { name: T(S, 'action.reject'), exact: true }).click();
    const dialog = officer.locator('dialog[open]');
    await dialog.waitFor();
    assert.ok((await dialog.innerText()).includes(target));
    assert.ok((await dialog.innerText()).includes(why));
    await shoot(officer, `staff-confirm-reject-${lang}-375`);
    await dialog.getByRole('button', { name: T(S, 'confirm.back') }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.ok((await officer.locator('.facts').innerText()).includes(T(S, 'state.in_review')), 'going back changes nothing');
    await officer.getByRole('button', { name: T(S, 'action.reject'), exact: true }).click();
    await confirmDialog(officer, T(S, 'action.reject'), [target, T(S, 'staff.confirm.final')]);
    await officer.locator('.facts').getByText(T(S, 'state.rejected')).waitFor();

    // --- The supervisor: countersign, then assign a case to the officer. ---
    const supervisor = await newPage(browser, MOBILE, lang);
    await signIn(supervisor, server.url, 'supervisor.qingtian@demo.tongban.example', 'demo-supervisor-2026');
    await supervisor.waitForURL(/\/staff$/);
    await supervisor.locator('main tbody tr').first().waitFor();
    await applyFilters(supervisor, S, { state: 'pending_second' });
    const waiting = await rows(supervisor);
    assert.ok(waiting.length >= 1, 'urgent renewals wait for a countersignature');
    const sign = waiting[0];
    await supervisor.getByRole('link', { name: sign }).click();
    await supervisor.locator('main h1').waitFor();
    const facts = await supervisor.locator('.facts').innerText();
    assert.ok(says(facts, S, 'staff.holder.supervisor'), `holder says a supervisor countersigns: ${facts}`);
    await supervisor.getByRole('button', { name: T(S, 'action.second_sign'), exact: true }).click();
    await confirmDialog(supervisor, T(S, 'action.second_sign'), [sign, T(S, 'staff.confirm.notifies')]);
    await supervisor.locator('.facts').getByText(T(S, 'state.approved')).waitFor();
    assert.ok(!says(await supervisor.locator('.facts').innerText(), S, 'staff.holder.supervisor'), 'no longer waits for a supervisor');

    // Assign this approved case to the officer, who must issue it.
    const officerName = 'Officer Chen (Qingtian)';
    await supervisor.selectOption('#assign-to', { label: `${officerName} (${T(S, 'role.officer')})` });
    await supervisor.getByRole('button', { name: T(S, 'staff.assign'), exact: true }).click();
    await supervisor.getByText(T(S, 'staff.assignedTo', { name: officerName })).waitFor();
    await noOverflow(supervisor, 'supervisor case');
    await shoot(supervisor, `staff-supervisor-assigned-${lang}-375`);

    await officer.goto(server.url + '/staff');
    await officer.locator('main tbody tr').first().waitFor();
    await applyFilters(officer, S, { state: 'approved', assignee: 'me' });
    assert.ok((await rows(officer)).includes(sign), 'the assigned case is in the officer\'s own list');
    await officer.getByRole('link', { name: sign }).click();
    await officer.locator('main h1').waitFor();
    const theirs = await officer.locator('.timeline').innerText();
    assert.ok(theirs.includes(T(S, 'action.second_sign')), theirs);
    assert.ok(theirs.includes('Supervisor Lin (Qingtian)'), 'a colleague is named: ' + theirs);
    await officer.context().close();
    await supervisor.context().close();
  });
}

test('the queue at a desk', async () => {
  const officer = await newPage(browser, DESKTOP, 'en');
  await signIn(officer, server.url, 'officer.qingtian@demo.tongban.example', 'demo-officer-2026');
  await officer.waitForURL(/\/staff$/);
  await officer.locator('main tbody tr').first().waitFor();
  // Fifty per page, then "Show more" adds the next page.
  assert.equal(await officer.locator('main tbody tr').count(), 50);
  await officer.getByRole('button', { name: 'Show more' }).click();
  await officer.waitForFunction(() => document.querySelectorAll('main tbody tr').length > 50);
  await shoot(officer, 'staff-queue-1280');
  await officer.context().close();
});
