// A liaison officer's day on a phone (375 px), in English and in Chinese: going on duty, a
// question from a person in Italy or Spain arriving live and answered in their thread, the
// appointments page of the site, and the limits of the role (no case queue). The applicant
// writes and reads in their own language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, shoot, register, signIn, openMenu, openPage, dict, T, noOverflow, MOBILE } from './helpers.mjs';

let server, browserA, browserB;
before(async () => {
  server = await startServer();
  browserA = await launchBrowser();
  browserB = await launchBrowser();
});
after(async () => {
  await browserA?.close();
  await browserB?.close();
  await server?.stop();
});

const runs = [
  { staff: 'en', person: 'it', email: 'lucia.chen@example.org', name: 'Chen Lucia', topic: 'Rinnovo del passaporto', body: 'Il mio passaporto scade il mese prossimo. Posso rinnovarlo da Milano?', answer: 'Yes: apply for EE-002 online and book a video check with us.' },
  { staff: 'zh-CN', person: 'es', email: 'jose.wang@example.org', name: 'Wang José', topic: 'Certificado de antecedentes', body: '¿Puedo pedir el certificado desde Madrid sin viajar a China?', answer: '可以：在线申请，我们会协助您完成视频身份核验。' },
];

for (const run of runs) {
  test(`liaison officer answers a question on a phone (${run.staff}; applicant in ${run.person})`, async () => {
    const S = dict(run.staff);
    const A = dict(run.person);

    const liaison = await newPage(browserB, MOBILE, run.staff, 'Europe/Rome');
    await signIn(liaison, server.url, 'liaison.milan@demo.tongban.example', 'demo-liaison-2026');
    // The role's menu: questions and appointments, no case queue (that is for the offices).
    await openMenu(liaison);
    const menu = await liaison.locator('nav').innerText();
    assert.ok(menu.includes(T(S, 'app.consult')), menu);
    assert.ok(menu.includes(T(S, 'app.appointments')), menu);
    assert.ok(!menu.includes(T(S, 'app.queue')), 'a liaison officer has no case queue: ' + menu);
    assert.equal((await liaison.evaluate(async () => (await fetch('/api/v1/queue')).status)), 403);

    // Whether they are on duty is known once GET /duty has answered; the box is disabled until
    // then, so its state is read only when it is enabled (the second run finds it ticked).
    await openPage(liaison, server.url + '/staff/consult', ['/duty', '/consultations']);
    const duty = liaison.getByLabel(T(S, 'help.onDuty')).and(liaison.locator(':enabled'));
    await duty.waitFor();
    if (!(await duty.isChecked())) await duty.check();
    await liaison.getByText(/Liaison Officer Hu/).first().waitFor();
    await noOverflow(liaison, 'consultations');

    // The person asks in their own language.
    const person = await newPage(browserA, MOBILE, run.person, run.person === 'it' ? 'Europe/Rome' : 'Europe/Madrid');
    await register(person, server.url, run.email, run.name);
    await person.goto(server.url + '/help');
    await person.fill('#c-topic', run.topic);
    await person.fill('#c-body', run.body);
    await person.getByRole('button', { name: T(A, 'help.send') }).click();
    await person.waitForURL(/\/help\/\d+$/);
    const status = await person.locator('.consult-status').innerText();
    assert.ok(status.includes('Liaison Officer Hu (Milan)'), 'the liaison officer on duty takes it: ' + status);
    const url = person.url();

    // It reaches the liaison officer's list without a reload; they answer in the thread.
    await liaison.getByRole('link', { name: run.topic }).click();
    await liaison.getByText(run.body).waitFor();
    await liaison.fill('#reply', run.answer);
    await noOverflow(liaison, 'thread');
    await shoot(liaison, `liaison-thread-${run.staff}-375`);
    await liaison.getByRole('button', { name: T(S, 'help.sendMessage'), exact: true }).click();

    // The answer appears in the person's open page, under a status in their language.
    await person.getByText(run.answer).waitFor({ timeout: 10000 });
    assert.equal(person.url(), url);
    await person.locator('.consult-status', { hasText: T(A, 'help.line.answeredBy', { name: 'Liaison Officer Hu (Milan)' }) }).waitFor();
    await noOverflow(person, 'person thread');
    await shoot(person, `liaison-answered-${run.person}-375`);

    // The site's appointments page opens for the liaison officer at 375 px.
    await openPage(liaison, server.url + '/staff/appointments', ['/appointments']);
    await noOverflow(liaison, 'appointments');
    await shoot(liaison, `liaison-appointments-${run.staff}-375`);

    await person.context().close();
    await liaison.context().close();
  });
}
