// The API contract, checked against the real server: starts `tongban serve` on a fresh demo
// database (with synthetic queue cases), signs in as each demo role, calls every GET route of
// ../src/api/openapi.json with parameters taken from earlier answers (creating a case, an
// appointment with a video session and a consultation first, so the lists are not empty), and
// validates each JSON body against the route's 200 response schema with Ajv (`nullable` turned
// into JSON Schema by toJsonSchema below; `$ref`s resolve against the whole document). A route that is not checked must be on NOT_CHECKED with its reason, and the test fails
// if a GET route of the document is neither checked nor listed. The answers of the POST, PUT and
// PATCH calls made on the way are validated against their schemas as well. Run by ctest
// (web_contract) and with `node --test test/` here (needs ../build/tongban, or TB_BINARY).
// TB_CONTRACT_DUMP=DIR writes every GET answer to DIR, to read when writing a schema.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import Ajv from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, '..', '..');
const binary = process.env.TB_BINARY || join(repoDir, 'build', 'tongban');
const doc = JSON.parse(readFileSync(join(repoDir, 'src', 'api', 'openapi.json'), 'utf8'));

//! GET routes this test does not validate against a JSON schema, each with its reason.
export const NOT_CHECKED = {
  '/metrics': 'Prometheus text, not JSON (checked: 200 text/plain)',
  '/api/v1/appointments/{id}/calendar.ics': 'an iCalendar file, not JSON (checked: 200 text/calendar)',
  '/api/v1/documents/{id}/content': 'the uploaded file itself, not JSON (checked: 200 with its MIME type)',
  '/api/v1/payments/{id}/receipt.pdf': 'a PDF receipt, not JSON (checked: 200 application/pdf)',
  '/api/v1/mandates/{id}/evidence/{kind}': 'the uploaded letter or ID document itself, not JSON (checked in the mandates integration test)',
  '/api/v1/consultations/{id}/attachments/{doc}': 'the attached file itself, not JSON (checked: 200 with its MIME type)',
  '/api/v1/certificates/{id}/pdf': 'the certificate PDF, not JSON (checked: 200 application/pdf; its signature in the results tests)',
  '/api/v1/shared/{token}/pdf': 'the shared certificate PDF, not JSON (checked: 200 application/pdf)',
  '/api/v1/video/sessions/{id}/signal': 'a WebSocket upgrade (101), no JSON body; its messages are covered by the video tests',
  '/api/v1/live': 'a WebSocket upgrade (101), no JSON body; its messages are covered by the browser tests',
};

const PASSWORDS = {
  admin: ['admin@demo.tongban.example', 'demo-admin-2026'],
  officer: ['officer.qingtian@demo.tongban.example', 'demo-officer-2026'],
  supervisor: ['supervisor.qingtian@demo.tongban.example', 'demo-supervisor-2026'],
  liaison: ['liaison.milan@demo.tongban.example', 'demo-liaison-2026'],
  applicant: ['applicant@demo.tongban.example', 'demo-applicant-2026'],
  specialist: ['specialist.qingtian@demo.tongban.example', 'demo-specialist-2026'],
};

let server;
const tokens = {};
const checked = new Map(); // template path → list of "role url"
const problems = [];

async function startServer() {
  assert.ok(existsSync(binary), `tongban binary missing at ${binary}: run make build`);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-contract-'));
  const env = { ...process.env, TONGBAN_FAST_PASSWORD_HASHING: 'true', TONGBAN_LOG_LEVEL: 'info' };
  execFileSync(binary, ['--data-dir', dir, 'migrate'], { env, stdio: 'ignore' });
  execFileSync(binary, ['--data-dir', dir, '--catalog-dir', join(repoDir, 'catalog'), 'seed', '--demo'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(binary, ['--data-dir', dir, 'seed', '--synthetic', '30'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const proc = spawn(binary, ['--data-dir', dir, 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server did not start')), 15000);
    createInterface({ input: proc.stderr }).on('line', (line) => {
      try {
        const j = JSON.parse(line);
        if (j.msg === 'listening') {
          clearTimeout(timer);
          ok(j.port);
        }
      } catch {
        /* not JSON */
      }
    });
    proc.on('exit', (code) => fail(new Error('server exited with ' + code)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function call(role, method, path, body) {
  const headers = {};
  if (role) headers.authorization = 'Bearer ' + tokens[role];
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return res;
}

//! Any call; the answer of a POST, PUT, PATCH or DELETE is validated against its schema too (the
//! GETs go through check(), which also counts them).
async function json(role, method, path, body) {
  const res = await call(role, method, path, body);
  const text = await res.text();
  assert.ok(res.status < 300, `${role} ${method} ${path}: ${res.status} ${text}`);
  const answer = JSON.parse(text);
  if (method !== 'GET') validateAnswer(role, method, path, res.status, answer);
  return answer;
}

const sent = new Set(); // "METHOD template" of the unsafe calls whose answers were validated
function validateAnswer(role, method, path, status, answer) {
  const tpl = templateOf(path);
  assert.ok(tpl, `${path} is not in openapi.json`);
  const m = method.toLowerCase();
  const ptr = '/paths/' + tpl.replace(/~/g, '~0').replace(/\//g, '~1') + `/${m}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema('openapi#' + ptr);
  assert.ok(validate, `no ${status} application/json schema for ${method} ${tpl}`);
  if (!validate(answer))
    problems.push(`${role || 'anonymous'} ${method} ${path} (${tpl}):\n` + validate.errors.map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n'));
  sent.add(`${method} ${tpl}`);
}

// strict: false lets Ajv pass over OpenAPI's own words (example, the document around the schemas).
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema({ ...toJsonSchema(structuredClone(doc)), $id: 'openapi' });

//! OpenAPI 3.0's `nullable: true` as JSON Schema: `type: [T, "null"]` (and null among an enum's
//! values), or `anyOf: [schema, {type: "null"}]` for a nullable `allOf: [$ref]`, which has no type.
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  for (const k of Object.keys(node)) node[k] = toJsonSchema(node[k]);
  if (node.nullable !== true) return node;
  delete node.nullable;
  if (node.type) {
    node.type = [node.type, 'null'];
    if (node.enum) node.enum = [...node.enum, null];
    return node;
  }
  const { description, ...rest } = node;
  return { description, anyOf: [rest, { type: 'null' }] };
}

function templateOf(path) {
  const bare = path.split('?')[0];
  for (const tpl of Object.keys(doc.paths)) {
    const re = new RegExp('^' + tpl.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(bare)) return tpl;
  }
  return null;
}

const validators = new Map();
function validatorFor(tpl) {
  if (!validators.has(tpl)) {
    const ptr = '/paths/' + tpl.replace(/~/g, '~0').replace(/\//g, '~1') + '/get/responses/200/content/application~1json/schema';
    validators.set(tpl, ajv.getSchema('openapi#' + ptr));
  }
  return validators.get(tpl);
}

//! GET `path` as `role` and validate the body against its schema; returns the body.
async function check(role, path) {
  const tpl = templateOf(path);
  assert.ok(tpl, `${path} is not in openapi.json`);
  const body = await json(role, 'GET', path);
  if (process.env.TB_CONTRACT_DUMP) {
    mkdirSync(process.env.TB_CONTRACT_DUMP, { recursive: true });
    writeFileSync(join(process.env.TB_CONTRACT_DUMP, `${role || 'anon'}${path.replace(/[/?&=]/g, '_')}.json`), JSON.stringify(body, null, 1));
  }
  const validate = validatorFor(tpl);
  assert.ok(validate, `no 200 application/json schema for GET ${tpl}`);
  if (!validate(body))
    problems.push(`${role || 'anonymous'} GET ${path} (${tpl}):\n` + validate.errors.map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n'));
  if (!checked.has(tpl)) checked.set(tpl, []);
  checked.get(tpl).push(`${role || 'anonymous'} ${path}`);
  return body;
}

async function checkRaw(role, path, type) {
  const res = await call(role, 'GET', path);
  assert.equal(res.status, 200, `${role} GET ${path}`);
  assert.match(res.headers.get('content-type') || '', type, `${role} GET ${path}: content type`);
  await res.arrayBuffer();
}

before(async () => {
  server = await startServer();
  for (const [role, [email, password]] of Object.entries(PASSWORDS))
    tokens[role] = (await json(null, 'POST', '/api/v1/auth/login', { email, password, kind: 'bearer' })).token;
});
after(async () => server && (await server.stop()));

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7356dd10000000049454e44ae426082',
  'hex',
);

test('every GET route answers as its schema says', async (t) => {
  // A webhook for every topic first, so the delivery log has entries by the end.
  await json('admin', 'POST', '/api/v1/webhooks', { url: 'https://example.org/hook', topics: ['*'] });

  // Public and system routes.
  await check(null, '/healthz');
  await check(null, '/api/v1/openapi.json');
  const keys = await check(null, '/api/v1/keys');
  assert.ok(keys.keys.length >= 1, 'a fresh install publishes its first signing key');
  await check(null, '/api/v1/session');
  const categories = await check(null, '/api/v1/categories');
  const items = await check(null, '/api/v1/items');
  await check(null, '/api/v1/items?q=' + encodeURIComponent('护照'));
  const details = [];
  for (const it of items.items) details.push((await check(null, `/api/v1/items/${encodeURIComponent(it.code)}`)).item);
  const units = await check(null, '/api/v1/units');
  await check(null, '/api/v1/units?kind=liaison_site&lat=45.46&lon=9.19');
  for (const u of units.units) await check(null, `/api/v1/units/${u.id}`);
  await check(null, '/api/v1/faq');
  await check(null, '/api/v1/faq?q=' + encodeURIComponent('passport'));
  await checkRaw(null, '/metrics', /text\/plain/);
  assert.ok(categories);

  // Every role: who am I, notifications, preferences, access log.
  for (const role of Object.keys(PASSWORDS)) {
    await check(role, '/api/v1/me');
    await check(role, '/api/v1/session');
    await check(role, '/api/v1/notifications');
    await check(role, '/api/v1/me/notification-preferences');
    await check(role, '/api/v1/me/access-log');
    await check(role, '/api/v1/config/ice');
  }
  await check('applicant', '/api/v1/cases');

  // The applicant applies: a draft with a photo, and a submitted case.
  const me = (await json('applicant', 'GET', '/api/v1/me')).user;
  const item = details.find((i) => i.mode === 'review' && i.documents.length > 0);
  const draft = (await json('applicant', 'POST', '/api/v1/cases', { item_code: item.code })).case;
  const res = await fetch(server.url + `/api/v1/cases/${draft.id}/documents?type=${item.documents[0].type}&filename=scan.png`, {
    method: 'POST',
    headers: { authorization: 'Bearer ' + tokens.applicant, 'content-type': 'image/png' },
    body: PNG,
  });
  const uploaded = await res.json();
  assert.equal(res.status, 201, JSON.stringify(uploaded));
  validateAnswer('applicant', 'POST', `/api/v1/cases/${draft.id}/documents`, res.status, uploaded);
  const docId = uploaded.document?.id ?? uploaded.id;
  const cases = await check('applicant', '/api/v1/cases');
  const caseId = cases.cases[0]?.id ?? draft.id;
  await check('applicant', `/api/v1/cases/${caseId}`);
  await check('applicant', `/api/v1/cases/${draft.id}`);
  await checkRaw('applicant', `/api/v1/documents/${docId}/content`, /image\/png/);

  // Staff: the queue, cases as staff see them, assignees.
  const first = (await json('officer', 'GET', '/api/v1/queue')).cases[0];
  const mine = (await json('officer', 'GET', `/api/v1/cases/${first.id}/assignees`)).assignees.find((a) => a.you);
  await json('officer', 'POST', `/api/v1/cases/${first.id}/assignee`, { user_id: mine.id, version: first.version });
  for (const role of ['officer', 'supervisor', 'admin']) {
    const queue = await check(role, '/api/v1/queue');
    await check(role, '/api/v1/queue?limit=5');
    await check(role, '/api/v1/queue?state=submitted');
    for (const c of queue.cases.slice(0, 5)) {
      await check(role, `/api/v1/cases/${c.id}`);
      if (role !== 'admin') await check(role, `/api/v1/cases/${c.id}/assignees`);
    }
  }
  await check('officer', `/api/v1/queue?q=${encodeURIComponent(me.display_name)}`);
  // Who may take a home delivery of a case (officers of its unit and of its pickup site).
  await check('officer', `/api/v1/cases/${first.id}/delivery/officers`);

  // Fees: the officer records a relative's payment on an approved case whose fee is unpaid (issue
  // is blocked until then), and its receipt is a PDF.
  for (const c of (await json('officer', 'GET', '/api/v1/queue?state=approved')).cases) {
    const full = await check('officer', `/api/v1/cases/${c.id}`);
    if (!full.case.fee?.can_record) continue;
    assert.ok(full.case.action_details.find((a) => a.action === 'issue')?.blocked?.fields?.fee);
    const paid = await json('officer', 'POST', `/api/v1/cases/${c.id}/payments`, {
      method: 'window',
      payer: { kind: 'proxy', name: '张丽', relationship: 'child' },
    });
    await checkRaw('officer', paid.fee.payments[0].receipt_url, /application\/pdf/);
    await check('officer', `/api/v1/cases/${c.id}`);
    break;
  }

  // Powers of attorney: the applicant authorises a relative at home (who claims it later with the
  // code); the officer of the owning unit sees it waiting for its check.
  const day = (n) => new Date(Date.now() + (8 + 24 * n) * 3600 * 1000).toISOString().slice(0, 10);
  const mandate = await json('applicant', 'POST', '/api/v1/mandates', {
    grantee: { name: '王芳', id_number: '33030219700101123X', phone: '+86 577 1234567' },
    scope: { items: ['EE-005'] },
    steps: ['submit', 'pay'],
    valid_from: day(0),
    valid_until: day(90),
  });
  assert.ok(mandate.claim_code);
  await check('applicant', '/api/v1/mandates');
  await check('applicant', `/api/v1/mandates/${mandate.mandate.id}`);
  await check('officer', '/api/v1/mandate-checks');
  await check('officer', `/api/v1/mandates/${mandate.mandate.id}`);
  // The green channel: the applicant asks for urgent handling of a submitted case, with
  // evidence; the duty supervisor's list shows it. The difficult-case team: the officer hands a
  // submitted case over, and the team's queue and the case (as the team sees it) answer.
  {
    const upload = async (id, type) => {
      const r = await fetch(server.url + `/api/v1/cases/${id}/documents?type=${type}&filename=scan.png`, {
        method: 'POST',
        headers: { authorization: 'Bearer ' + tokens.applicant, 'content-type': 'image/png' },
        body: PNG,
      });
      assert.equal(r.status, 201);
      return (await r.json()).document.id;
    };
    const urgent = (await json('applicant', 'POST', '/api/v1/cases', {
      item_code: 'EE-005',
      form: { surname: 'ZHANG', given_names: 'WEI', name_zh: '张伟', sex: 'M', date_of_birth: '1950-01-01', phone: '+39 02 1', passport_number: 'E76543210', passport_expiry: '2030-01-01' },
    })).case;
    await upload(urgent.id, 'passport_copy');
    await upload(urgent.id, 'name_evidence');
    await json('applicant', 'POST', `/api/v1/cases/${urgent.id}/actions/submit`, {});
    const evidence = await upload(urgent.id, 'urgent_evidence');
    await json('applicant', 'POST', `/api/v1/cases/${urgent.id}/green-channel`, {
      category: 'travel_booked',
      explanation: 'My flight back to Milan leaves on Friday.',
      evidence_document_ids: [evidence],
    });
    await check('applicant', `/api/v1/cases/${urgent.id}`);
    const pending = await check('supervisor', '/api/v1/green-channel/requests');
    assert.ok(pending.requests.length >= 1);
    await check('supervisor', `/api/v1/cases/${urgent.id}`);
    await json('officer', 'POST', `/api/v1/cases/${urgent.id}/difficult`, { reason: 'Two records disagree.' });
    await json('officer', 'POST', `/api/v1/cases/${urgent.id}/notes`, { text: 'Asked the archive.' });
    const team = await check('specialist', '/api/v1/difficult-cases');
    assert.equal(team.cases.length, 1);
    await check('specialist', `/api/v1/cases/${urgent.id}`);
    await check('officer', `/api/v1/cases/${urgent.id}`);
  }

  // Appointments: the officer publishes video slots tomorrow, the applicant books one and the
  // officer opens its video session.
  const officer = (await json('officer', 'GET', '/api/v1/me')).user;
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10) + 'T09:00:00Z';
  await json('officer', 'POST', '/api/v1/slots', { kind: 'video', starts_at: tomorrow, count: 3 });
  await json('officer', 'POST', '/api/v1/slots', { kind: 'window', starts_at: tomorrow, count: 2 });
  const slots = await check('applicant', `/api/v1/slots?unit=${officer.unit_id}&kind=video`);
  await check('applicant', `/api/v1/slots?unit=${officer.unit_id}&kind=window`);
  await check('officer', '/api/v1/slots');
  assert.ok(slots.slots.length > 0, 'no slots to book');
  const booked = await json('applicant', 'POST', '/api/v1/appointments', { slot_id: slots.slots[0].id });
  const appointmentId = booked.appointment?.id ?? booked.id;
  const session = await json('officer', 'POST', `/api/v1/appointments/${appointmentId}/session`, {});
  const sessionId = session.session?.id ?? session.id;
  await check('applicant', '/api/v1/appointments');
  await check('officer', '/api/v1/appointments');
  await check('officer', `/api/v1/video/sessions/${sessionId}`);
  await check('applicant', `/api/v1/video/sessions/${sessionId}`);
  await checkRaw('applicant', `/api/v1/appointments/${appointmentId}/calendar.ics`, /text\/calendar/);

  // Consultations: the applicant asks, the liaison takes it and answers with an attachment.
  const asked = await json('applicant', 'POST', '/api/v1/consultations', { topic: 'Passport renewal', body: 'How long does it take?' });
  const consultationId = asked.consultation?.id ?? asked.id;
  await check('liaison', '/api/v1/consultations');
  await json('liaison', 'PUT', '/api/v1/duty', { on_duty: true });
  await check('liaison', '/api/v1/duty');
  await check('liaison', '/api/v1/canned-answers');
  await json('liaison', 'POST', `/api/v1/consultations/${consultationId}/take`, undefined);
  await json('liaison', 'POST', `/api/v1/consultations/${consultationId}/messages`, { body: 'About two weeks.' });
  const att = await fetch(server.url + `/api/v1/consultations/${consultationId}/attachments?filename=a.png`, {
    method: 'POST',
    headers: { authorization: 'Bearer ' + tokens.applicant, 'content-type': 'image/png' },
    body: PNG,
  });
  const attached = await att.json();
  assert.equal(att.status, 201, JSON.stringify(attached));
  validateAnswer('applicant', 'POST', `/api/v1/consultations/${consultationId}/attachments`, att.status, attached);
  await check('applicant', '/api/v1/consultations');
  const full = await check('applicant', `/api/v1/consultations/${consultationId}`);
  await check('liaison', `/api/v1/consultations/${consultationId}`);
  const attachment = full.consultation?.messages?.flatMap((m) => (m.attachment ? [m.attachment] : []))[0] ?? attached.document ?? attached;
  await checkRaw('applicant', `/api/v1/consultations/${consultationId}/attachments/${attachment.id ?? attachment.document_id}`, /image\/png/);
  await check('officer', '/api/v1/duty');
  await check('officer', '/api/v1/canned-answers');
  await check('applicant', '/api/v1/notifications');
  await check('liaison', '/api/v1/notifications');

  // Acting for others at a desk: the family list, and a consent request as its officer sees it.
  await check('applicant', '/api/v1/persons');
  const consentRequest = await json('liaison', 'POST', '/api/v1/assist/consents', { email: PASSWORDS.applicant[0], item_code: 'EE-005' });
  await check('liaison', `/api/v1/assist/consents/${consentRequest.consent.id}`);

  // Results: an instant item is issued with a signed certificate at once; the holder downloads
  // and shares it, anyone verifies it, an officer revokes and re-issues it.
  const issued = (await json('applicant', 'POST', '/api/v1/cases', {
    item_code: 'EE-011', submit: true,
    form: { surname: 'ZHANG', given_names: 'WEI', name_zh: '张伟', sex: 'M', date_of_birth: '1980-05-06', phone: '+39 02 1234 5678',
      id_number: '33112119800506001X', period_from: '2020-01-01', period_to: '2026-01-01' },
  })).case;
  assert.equal(issued.state, 'issued');
  const certId = issued.results[0].id;
  await check('applicant', `/api/v1/cases/${issued.id}`);
  await check('officer', `/api/v1/cases/${issued.id}`);
  await check('applicant', '/api/v1/wallet');
  await check('officer', '/api/v1/case-lookup?number=' + encodeURIComponent(issued.case_no.toLowerCase()));
  await checkRaw('applicant', `/api/v1/certificates/${certId}/pdf`, /application\/pdf/);
  await check(null, `/api/v1/verify/${certId}`);
  await check(null, '/api/v1/verify/0000000000000000000A');
  const shared = await json('applicant', 'POST', `/api/v1/certificates/${certId}/shares`, { days: 7, label: 'bank' });
  const token = shared.share.url.split('/').pop();
  await check(null, `/api/v1/shared/${token}`);
  await checkRaw(null, `/api/v1/shared/${token}/pdf`, /application\/pdf/);
  await check('applicant', '/api/v1/wallet');
  await json('applicant', 'DELETE', `/api/v1/certificates/${certId}/shares/${shared.share.id}`, undefined);
  await json('officer', 'POST', `/api/v1/cases/${issued.id}/results`, { reason: 'reprinted' });
  const fresh = (await check('officer', `/api/v1/cases/${issued.id}`)).case.results[0];
  await json('officer', 'POST', `/api/v1/certificates/${fresh.id}/revoke`, { reason: 'wrong period' });
  await check(null, `/api/v1/verify/${fresh.id}`);
  await check(null, `/api/v1/verify/${certId}`);

  // Administration.
  await check('admin', '/api/v1/admin/users');
  await check('admin', '/api/v1/admin/users?role=officer&limit=5');
  await check('admin', '/api/v1/admin/webhooks');
  await check('admin', '/api/v1/event-topics');
  await check('admin', '/api/v1/deliveries');

  const report = [...checked.keys()].sort();
  const missing = Object.keys(doc.paths).filter((p) => doc.paths[p].get && !checked.has(p) && !(p in NOT_CHECKED));
  assert.deepEqual(missing, [], 'GET routes neither checked nor listed in NOT_CHECKED');
  assert.deepEqual(problems, [], 'responses that do not match openapi.json:\n' + problems.join('\n'));
  t.diagnostic(`checked ${report.length} GET routes: ${report.join(', ')}`);
  t.diagnostic(`and the answers of ${sent.size} other calls: ${[...sent].sort().join(', ')}`);
  for (const [p, why] of Object.entries(NOT_CHECKED)) t.diagnostic(`not validated: ${p} — ${why}`);
});
