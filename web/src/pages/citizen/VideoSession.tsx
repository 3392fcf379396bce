import { useEffect, useRef, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { CallControls } from '../../components/CallControls';
import { CallStatus } from '../../components/CallStatus';
import { DeviceCheck } from '../../components/DeviceCheck';
import { ErrorNotice } from '../../components/Notice';
import { hasKey, pick, t } from '../../i18n';
import { CallState, VideoCall } from '../../video';

type Session = Schemas['VideoSession'];
type SessionEvent = Session['events'][number];

export function latestChallenge(session: Session | null): SessionEvent | null {
  const events = session?.events ?? [];
  for (let i = events.length - 1; i >= 0; i--) if (events[i].kind === 'challenge') return events[i];
  return null;
}

//! A liveness challenge in the person's language: from the translations by the challenge's
//! key (every locale has them), else the server's own text.
export function challengeText(ev: SessionEvent | null) {
  // A challenge event's detail: { id, key, text: { zh, en, … } } (src/identity/video_service.cc).
  const detail = (ev?.detail ?? {}) as { key?: string; text?: Record<string, string> };
  const text = detail.text ?? {};
  const key = detail.key;
  if (key && hasKey('video.do.' + key)) {
    const digits = String(text.en ?? '').match(/\d+/)?.[0] ?? '';
    return t('video.do.' + key, { digits });
  }
  return pick(text);
}

export const FINISHED = ['void', 'approved', 'rejected'];

//! Joins the call once the device check hands over its stream; stops it when the page goes or
//! the session ends. Shared by the applicant's and the officer's pages.
export function useCall(sessionId: string, role: 'applicant' | 'officer', session: Session | null, setSession: (s: Session) => void) {
  const local = useRef<HTMLVideoElement>(null);
  const remote = useRef<HTMLVideoElement>(null);
  const [call, setCall] = useState<VideoCall | null>(null);
  const [state, setState] = useState<CallState | null>(null);
  const [joined, setJoined] = useState(false);
  const [stream, setStream] = useState<MediaStream | null>(null);
  useEffect(() => {
    if (!stream || !local.current || !remote.current) return;
    const c = new VideoCall(Number(sessionId), role, local.current, remote.current, setState, setSession);
    setCall(c);
    c.start(stream);
    return () => c.stop();
  }, [stream]);
  const finished = FINISHED.includes(session?.state ?? '');
  useEffect(() => {
    if (finished) call?.stop();
  }, [finished, call]);
  return {
    local, remote, call, state, joined, finished,
    join: (s: MediaStream) => {
      setJoined(true);
      setStream(s);
    },
    //! Leaves the call (the session stays as the server has it; the person may join again).
    leave: () => {
      setJoined(false);
      setStream(null);
      setCall(null);
      setState(null);
    },
  };
}

export function VideoSession(props: { id: string }) {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/video/sessions/{id}', { id: props.id }).then((r) => setSession(r.session), setError);
  }, [props.id]);
  const { local, remote, call, state, joined, finished, join, leave } = useCall(props.id, 'applicant', session, setSession);
  const post = async (path: 'hangup' | 'consent', body: unknown) => {
    setError(null);
    try {
      const r = await send('POST', `/video/sessions/{id}/${path}`, { id: props.id }, body);
      setSession(r.session);
    } catch (err) {
      setError(err);
    }
  };
  const challenge = latestChallenge(session);
  const inCall = joined && !finished;
  return (
    <>
      <h1 tabIndex={-1}>{t('video.title')}</h1>
      <p class={'notice' + (session?.state === 'void' ? ' error' : session?.state === 'approved' ? ' ok' : '')} role="status" aria-live="polite">
        <strong class="session-state">{t('video.state.' + (session?.state ?? 'open'))}</strong>
        {session?.state === 'void' ? ' — ' + t('video.voidBook') : ''}
        {inCall && state && !state.present.officer && session?.state === 'open' ? ' — ' + t('video.waitingOfficer') : ''}
      </p>
      <CallStatus session={session} call={state} role="applicant" />
      {state?.error ? <p class="notice error" role="alert">{t('video.error.' + state.error)}</p> : null}
      <ErrorNotice error={error} />
      {session && !finished && !joined ? <DeviceCheck onJoin={join} /> : null}
      {challenge && session?.state === 'live' && inCall ? (
        <div class="panel attention challenge" role="alert">
          <strong>{t('video.challenge')}</strong> <span class="challenge-text">{challengeText(challenge)}</span>
        </div>
      ) : null}
      <div class="videos" hidden={!inCall}>
        <figure>
          <video ref={remote} autoPlay playsInline aria-label={t('video.officerVideo')} />
          <figcaption>{t('video.officerVideo')}</figcaption>
        </figure>
        <figure class="self">
          <video ref={local} autoPlay playsInline muted aria-label={t('video.myVideo')} />
          <figcaption>{t('video.myVideo')}</figcaption>
        </figure>
      </div>
      {inCall ? (
        <CallControls call={call} state={state} warning={t('video.controls.warnApplicant')} onHangUp={async () => {
          await post('hangup', {});
          leave();
        }} />
      ) : null}
      {session && !finished ? (
        <section class="panel">
          <h2>{t('video.recordingTitle')}</h2>
          <p>{t('video.recordingInfo')}</p>
          <label class="toggle-row">
            <input type="checkbox" checked={!!session?.recording_consent} onChange={(e) => post('consent', { granted: (e.target as HTMLInputElement).checked })} />
            {t('video.consent')}
          </label>
          {session?.recording ? <p class="badge overdue">{t('video.recordingNow')}</p> : null}
        </section>
      ) : null}
    </>
  );
}
