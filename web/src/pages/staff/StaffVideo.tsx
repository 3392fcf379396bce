import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { CallControls } from '../../components/CallControls';
import { CallStatus } from '../../components/CallStatus';
import { DeviceCheck } from '../../components/DeviceCheck';
import { useConfirm } from '../../components/Confirm';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime, hasKey, t } from '../../i18n';
import { challengeText, latestChallenge, useCall } from '../citizen/VideoSession';

//! A family check: the person being verified (no account of their own) as the relative gave
//! them, to compare with the identity card shown on camera, and who the officer sees on the call.
function FamilyCheck(props: { session: any; finished: boolean; post: (path: 'checklist', body: unknown) => void }) {
  const { session } = props;
  const p = session.person ?? {};
  const present = session.checklist.present ?? {};
  const [others, setOthers] = useState<string>(present.others ?? '');
  const save = (change: Record<string, unknown>) =>
    props.post('checklist', {
      document_matches: !!session.checklist.document_matches,
      face_matches: !!session.checklist.face_matches,
      present: { subject: !!present.subject, account_holder: !!present.account_holder, others, ...change },
    });
  return (
    <section class="panel" aria-labelledby="family-title">
      <h2 id="family-title">{t('staff.video.family.title')}</h2>
      <dl class="facts">
        <dt>{t('family.name')}</dt><dd>{p.name}{p.name_latin ? ' · ' + p.name_latin : ''}</dd>
        <dt>{t('family.idNumber')}</dt><dd class="mono">{p.id_number}</dd>
        <dt>{t('family.birthDate')}</dt><dd>{p.birth_date}</dd>
        <dt>{t('family.phone')}</dt><dd>{p.phone}</dd>
        <dt>{t('staff.video.family.relationship')}</dt><dd>{p.relationship ? t('family.rel.' + p.relationship) : ''}</dd>
      </dl>
      <p class="small">{t('staff.video.family.compare')}</p>
      <h3 class="small-heading">{t('staff.video.family.present')}</h3>
      <label class="toggle-row"><input type="checkbox" disabled={props.finished} checked={!!present.subject}
        onChange={(e) => save({ subject: (e.target as HTMLInputElement).checked })} /> {t('staff.video.family.presentSubject', { name: p.name ?? '' })}</label>
      <label class="toggle-row"><input type="checkbox" disabled={props.finished} checked={!!present.account_holder}
        onChange={(e) => save({ account_holder: (e.target as HTMLInputElement).checked })} /> {t('staff.video.family.presentHolder')}</label>
      <div class="field">
        <label for="present-others">{t('staff.video.family.others')}</label>
        <input id="present-others" maxLength={300} value={others} disabled={props.finished}
          onInput={(e) => setOthers((e.target as HTMLInputElement).value)} onBlur={() => save({})} />
      </div>
    </section>
  );
}

//! The MRZ result in words: what was compared, what differs, what could not be compared.
function MrzResult({ mrz }: { mrz: Schemas['MrzCheck'] }) {
  const label = (field: string) => t('staff.video.mrzField.' + field);
  const compared = mrz.comparison ?? [];
  const notCompared = mrz.not_compared ?? [];
  const wrong = compared.filter((c) => !c.match).map((c) => label(c.field));
  const summary = !mrz.valid
    ? t('video.mrzInvalid')
    : mrz.summary === 'mismatch'
      ? t('staff.video.mrzDiffers', { fields: wrong.join(', ') })
      : mrz.summary === 'no_application'
        ? t('staff.video.mrzNoApplication')
        : mrz.summary === 'nothing_compared'
          ? t('staff.video.mrzNothingCompared')
          : t('video.mrzMatches');
  const missing = notCompared.filter((c) => c.reason === 'not_on_form').map((c) => label(c.field));
  const empty = notCompared.filter((c) => c.reason !== 'not_on_form').map((c) => label(c.field));
  return (
    <div class="mrz-result">
      <p class={'badge ' + (mrz.matches ? 'open' : 'overdue')}>{summary}</p>
      {mrz.error ? <p class="small">{mrz.error}</p> : null}
      {compared.length ? (
        <table class="small mrz-table">
          <caption>{t('staff.video.mrzCompared', { fields: compared.map((c) => label(c.field)).join(', ') })}</caption>
          <thead>
            <tr><th scope="col">{t('staff.video.mrzColField')}</th><th scope="col">{t('staff.video.mrzColForm')}</th><th scope="col">{t('staff.video.mrzColMrz')}</th><th scope="col">{t('staff.video.mrzColResult')}</th></tr>
          </thead>
          <tbody>
            {compared.map((c) => (
              <tr key={c.field} class={c.match ? '' : 'mismatch'}>
                <th scope="row">{label(c.field)}</th><td>{c.form}</td><td>{c.mrz}</td>
                <td>{c.match ? '✓ ' + t('staff.video.mrzSame') : '✗ ' + t('staff.video.mrzDifferent')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mrz.valid && missing.length ? <p class="small">{t('staff.video.mrzNotOnForm', { fields: missing.join(', ') })}</p> : null}
      {mrz.valid && empty.length ? <p class="small">{t('staff.video.mrzEmpty', { fields: empty.join(', ') })}</p> : null}
    </div>
  );
}

export function StaffVideo(props: { id: string }) {
  const [session, setSession] = useState<Schemas['VideoSession'] | null>(null);
  const [mrz, setMrz] = useState({ line1: '', line2: '' });
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();
  //! A decision tells the person at once and cannot be taken back: confirmed first.
  const decide = async (approve: boolean) => {
    const ok = await confirm({
      title: t(approve ? 'staff.confirm.identityApprove' : 'staff.confirm.identityReject'),
      body: (
        <>
          <p>{t('staff.confirm.identityWhat')}</p>
          {note.trim() ? <p>{t('staff.confirm.note', { note: note.trim() })}</p> : null}
        </>
      ),
      confirmLabel: t(approve ? 'video.approve' : 'video.reject'),
      danger: !approve,
    });
    if (ok) post('decision', { approve, note });
  };
  useEffect(() => {
    get('/video/sessions/{id}', { id: props.id }).then((r) => setSession(r.session), setError);
  }, [props.id]);
  const { local, remote, call: rtc, state: callState, joined, join, leave } = useCall(props.id, 'officer', session, setSession);
  const post = async (path: 'challenges' | 'challenge-results' | 'checklist' | 'mrz' | 'coercion' | 'recording' | 'consent' | 'hangup' | 'decision', body: unknown) => {
    setError(null);
    try {
      const r = await send('POST', `/video/sessions/{id}/${path}`, { id: props.id }, body);
      setSession(r.session);
    } catch (err) {
      setError(err);
    }
  };
  const call = callState;
  if (!session) return <ErrorNotice error={error} />;
  const live = session.state === 'live';
  const finished = ['void', 'approved', 'rejected'].includes(session.state);
  const challenge = latestChallenge(session);
  const judged = new Set(session.events.filter((e) => e.kind === 'challenge_result').map((e) => e.detail?.id));
  const passed = session.events.filter((e) => e.kind === 'challenge_result' && e.detail?.passed).length;
  return (
    <>
      <h1 tabIndex={-1}>{t('video.staffTitle')}</h1>
      <p class={'notice' + (session.state === 'void' ? ' error' : session.state === 'approved' ? ' ok' : '')} role="status" aria-live="polite">
        <strong class="session-state">{t('video.state.' + session.state)}</strong>
        {' · '}{t('video.subject.' + session.subject)}
        {session.void_reason ? ' — ' + t('video.void.' + session.void_reason) : ''}
        {' · '}{t('video.applicantPresent')}: {call?.present.applicant ? '✓' : '✗'}
        {' · '}{t('video.resolution')}: {session.resolution.width ? `${session.resolution.width}×${session.resolution.height}` : '—'}
      </p>
      <CallStatus session={session} call={call} role="officer" />
      {call?.error ? <p class="notice error" role="alert">{t('video.error.' + call.error)}</p> : null}
      <ErrorNotice error={error} />
      <div class="split">
        <div>
          {!finished && !joined ? <DeviceCheck onJoin={join} /> : null}
          <div class="videos" hidden={!joined || finished}>
            <figure>
              <video ref={remote} autoPlay playsInline aria-label={t('video.applicantVideo')} />
              <figcaption>{t('video.applicantVideo')} · {call?.framesDecoded ?? 0} {t('video.frames')}</figcaption>
            </figure>
            <figure class="self">
              <video ref={local} autoPlay playsInline muted aria-label={t('video.myVideo')} />
              <figcaption>{t('video.myVideo')}</figcaption>
            </figure>
          </div>
          {joined && !finished ? (
            <CallControls call={rtc} state={call} warning={live ? t('staff.video.warnHangUpLive') : t('staff.video.warnHangUp')} onHangUp={async () => {
              await post('hangup', {});
              leave();
            }} />
          ) : null}
          {(session.interruptions ?? []).length ? (
            <section>
              <h2>{t('staff.video.interruptions')}</h2>
              <ul class="small">
                {session.interruptions.map((i, n) => (
                  <li key={n}>{t('staff.video.who.' + i.who)}: {formatDateTime(i.from)}{i.seconds !== undefined ? ' · ' + t('staff.video.seconds', { n: Math.round(i.seconds) }) : ''} · {i.resumed ? t('staff.video.resumed') : live ? t('staff.video.ongoing') : t('staff.video.notResumed')}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2>{t('video.log')}</h2>
          <ol class="small event-log" tabIndex={0} aria-label={t('video.log')}>
            {session.events.map((e, i) => (
              <li key={i}>{formatDateTime(e.at)} · {e.role === 'officer' ? t('video.officerVideo') : t('video.applicantVideo')} · {hasKey('video.event.' + e.kind) ? t('video.event.' + e.kind) : e.kind}{e.kind === 'challenge' ? ': ' + challengeText(e) : ''}</li>
            ))}
          </ol>
        </div>
        <div>
          <section class="panel">
            <h2>{t('video.challenges')} ({passed}/2)</h2>
            <button type="button" disabled={!live} onClick={() => post('challenges', {})}>{t('video.newChallenge')}</button>
            {challenge && !judged.has(challenge.detail?.id) ? (
              <div class="challenge">
                <p class="challenge-text">{challengeText(challenge)}</p>
                <div class="buttons">
                  <button type="button" class="primary" onClick={() => post('challenge-results', { challenge_id: challenge.detail?.id, passed: true })}>{t('video.passed')}</button>
                  <button type="button" class="danger" onClick={() => post('challenge-results', { challenge_id: challenge.detail?.id, passed: false })}>{t('video.failed')}</button>
                </div>
              </div>
            ) : null}
          </section>
          <section class="panel">
            <h2>{t('video.checklist')}</h2>
            <label class="toggle-row"><input type="checkbox" disabled={finished} checked={!!session.checklist.document_matches}
              onChange={(e) => post('checklist', { document_matches: (e.target as HTMLInputElement).checked, face_matches: !!session.checklist.face_matches })} /> {t('video.documentMatches')}</label>
            <label class="toggle-row"><input type="checkbox" disabled={finished} checked={!!session.checklist.face_matches}
              onChange={(e) => post('checklist', { document_matches: !!session.checklist.document_matches, face_matches: (e.target as HTMLInputElement).checked })} /> {t('video.faceMatches')}</label>
            {session.subject === 'family' ? <p class="small">{t('staff.video.family.noMrz')}</p> : <form onSubmit={(e) => {
              e.preventDefault();
              post('mrz', mrz);
            }}>
              <div class="field">
                <label for="mrz1">{t('video.mrz1')}</label>
                <input id="mrz1" class="mono" maxLength={44} value={mrz.line1} onInput={(e) => setMrz({ ...mrz, line1: (e.target as HTMLInputElement).value.toUpperCase() })} />
              </div>
              <div class="field">
                <label for="mrz2">{t('video.mrz2')}</label>
                <input id="mrz2" class="mono" maxLength={44} value={mrz.line2} onInput={(e) => setMrz({ ...mrz, line2: (e.target as HTMLInputElement).value.toUpperCase() })} />
              </div>
              <button type="submit" disabled={finished}>{t('video.checkMrz')}</button>
            </form>}
            {session.mrz.valid !== undefined ? <MrzResult mrz={session.mrz} /> : null}
          </section>
          {session.subject === 'family' ? <FamilyCheck session={session} finished={finished} post={post} /> : null}
          <section class="panel">
            <h2>{t('video.recordingTitle')}</h2>
            <p class="small">{session.recording_consent ? t('video.consentGiven') : t('video.noConsent')}</p>
            <button type="button" disabled={!session.recording_consent || finished} onClick={() => post('recording', { on: !session.recording })}>
              {session.recording ? t('video.stopRecording') : t('video.startRecording')}
            </button>
          </section>
          <section class="panel">
            <h2>{t('video.decision')}</h2>
            {session.blockers.length && !finished ? (
              <ul class="small blockers">{session.blockers.map((b: string) => <li key={b}>{t('video.blocker.' + b)}</li>)}</ul>
            ) : null}
            <div class="field">
              <label for="v-note">{t('staff.note')}</label>
              <textarea id="v-note" rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
            </div>
            <div class="buttons">
              <button type="button" class="primary" disabled={finished} onClick={() => decide(true)}>{t('video.approve')}</button>
              <button type="button" class="danger" disabled={finished} onClick={() => decide(false)}>{t('video.reject')}</button>
              <button type="button" disabled={finished || session.coercion} onClick={() => post('coercion', { note })}>{t('video.coercion')}</button>
            </div>
            {session.coercion ? <p class="badge overdue">{t('video.coercionRaised')}</p> : null}
          </section>
        </div>
      </div>
      {dialog}
    </>
  );
}
