import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice } from '../../components/Notice';
import { hasKey, pick, t } from '../../i18n';
import { CallState, VideoCall } from '../../video';

export function latestChallenge(session: any) {
  const events: any[] = session?.events ?? [];
  for (let i = events.length - 1; i >= 0; i--) if (events[i].kind === 'challenge') return events[i];
  return null;
}

//! A liveness challenge in the person's language: from the translations by the challenge's
//! key (every locale has them), else the server's own text.
export function challengeText(ev: any) {
  const text = ev?.detail?.text ?? {};
  const key = ev?.detail?.key;
  if (key && hasKey('video.do.' + key)) {
    const digits = String(text.en ?? '').match(/\d+/)?.[0] ?? '';
    return t('video.do.' + key, { digits });
  }
  return pick(text);
}

export function VideoSession(props: { id: string }) {
  const local = useRef<HTMLVideoElement>(null);
  const remote = useRef<HTMLVideoElement>(null);
  const [session, setSession] = useState<any>(null);
  const [call, setCall] = useState<CallState | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api('GET', '/video/sessions/' + props.id).then((r) => setSession(r.session), setError);
    const c = new VideoCall(Number(props.id), 'applicant', local.current!, remote.current!, setCall, setSession);
    c.start();
    return () => c.stop();
  }, [props.id]);
  const consent = async (granted: boolean) => {
    try {
      const r = await api('POST', '/video/sessions/' + props.id + '/consent', { granted });
      setSession(r.session);
    } catch (err) {
      setError(err);
    }
  };
  const challenge = latestChallenge(session);
  return (
    <>
      <h1 tabIndex={-1}>{t('video.title')}</h1>
      <p class="notice" role="status" aria-live="polite">
        {t('video.state.' + (session?.state ?? 'open'))}
        {session?.state === 'void' ? ' — ' + t('video.voidHelp') : ''}
        {call && !call.present.officer && session?.state === 'open' ? ' — ' + t('video.waitingOfficer') : ''}
      </p>
      {call?.error ? <p class="notice error" role="alert">{t('video.error.' + call.error)}</p> : null}
      <ErrorNotice error={error} />
      {challenge && session?.state === 'live' ? (
        <div class="panel attention challenge" role="alert">
          <strong>{t('video.challenge')}</strong> <span class="challenge-text">{challengeText(challenge)}</span>
        </div>
      ) : null}
      <div class="videos">
        <figure>
          <video ref={remote} autoPlay playsInline aria-label={t('video.officerVideo')} />
          <figcaption>{t('video.officerVideo')}</figcaption>
        </figure>
        <figure class="self">
          <video ref={local} autoPlay playsInline muted aria-label={t('video.myVideo')} />
          <figcaption>{t('video.myVideo')}</figcaption>
        </figure>
      </div>
      <section class="panel">
        <h2>{t('video.recordingTitle')}</h2>
        <p>{t('video.recordingInfo')}</p>
        <label class="toggle-row">
          <input type="checkbox" checked={!!session?.recording_consent} onChange={(e) => consent((e.target as HTMLInputElement).checked)} />
          {t('video.consent')}
        </label>
        {session?.recording ? <p class="badge overdue">{t('video.recordingNow')}</p> : null}
      </section>
    </>
  );
}
