// What both sides of a video session are told about its connection: their own connection
// dropping, the other side or the video reconnecting (with the seconds left before the session
// is void), and why a void session is void. The server's session is the truth both see.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Schemas } from '../api';
import { t } from '../i18n';
import { CallState } from '../video';

type Session = Schemas['VideoSession'];

interface Props {
  session: Session | null;
  call: CallState | null;
  role: 'applicant' | 'officer';
}

//! Seconds left for each pending interruption, counting down from when the session arrived.
function useSecondsLeft(session: Session | null): Record<string, number> {
  const arrived = useRef<{ session: Session | null; at: number }>({ session: null, at: 0 });
  if (arrived.current.session !== session) arrived.current = { session, at: Date.now() };
  const [, tick] = useState(0);
  const pending = session?.state === 'live' ? session?.reconnecting ?? [] : [];
  useEffect(() => {
    if (!pending.length) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [pending.length]);
  const elapsed = Math.floor((Date.now() - arrived.current.at) / 1000);
  const out: Record<string, number> = {};
  for (const p of pending) out[p.who] = Math.max(0, (p.seconds_left ?? 0) - elapsed);
  return out;
}

//! The interruption that ended last, for 20 s after this page learnt that it ended.
function useJustResumed(session: Session | null): Session['interruptions'][number] | null {
  const seen = useRef<{ key: string; at: number }>({ key: '', at: 0 });
  const [, tick] = useState(0);
  const list = session?.interruptions ?? [];
  const last = list.length ? list[list.length - 1] : null;
  const key = last?.resumed ? last.who + '@' + last.from : '';
  if (key && key !== seen.current.key) seen.current = { key, at: Date.now() };
  const fresh = key !== '' && Date.now() - seen.current.at < 20000;
  useEffect(() => {
    if (!fresh) return;
    const timer = window.setTimeout(() => tick((n) => n + 1), 20500 - (Date.now() - seen.current.at));
    return () => window.clearTimeout(timer);
  }, [key, fresh]);
  return fresh ? last : null;
}

export function CallStatus({ session, call, role }: Props) {
  const left = useSecondsLeft(session);
  const resumed = useJustResumed(session);
  const other = role === 'applicant' ? 'officer' : 'applicant';
  const lines: string[] = [];
  if (session?.state === 'void') {
    lines.push(t('video.voided', { reason: t('video.void.' + (session.void_reason || 'unknown')) }));
  } else if (session && !['approved', 'rejected'].includes(session.state)) {
    if (call?.signalling === 'reconnecting')
      lines.push(t('video.selfReconnecting', { n: session.reconnect_grace_seconds ?? 30 }));
    if (left[other] !== undefined)
      lines.push(role === 'applicant' ? t('video.officerReconnecting', { n: left[other] }) : t('video.applicantReconnecting', { n: left[other] }));
    if (left.media !== undefined) lines.push(t('video.mediaReconnecting', { n: left.media }));
    if (!lines.length && session.state === 'live' && resumed) {
      if (resumed.who === 'media') lines.push(t('video.mediaBack'));
      else if (resumed.who === role) lines.push(t('video.selfBack'));
      else lines.push(role === 'applicant' ? t('video.officerBack') : t('video.applicantBack'));
    }
  }
  if (!lines.length) return null;
  const bad = session?.state === 'void';
  return (
    <div class={'notice call-status ' + (bad ? 'error' : 'warn')} role={bad ? 'alert' : 'status'} aria-live={bad ? 'assertive' : 'polite'}>
      {lines.map((l, i) => <p key={i}>{l}</p>)}
    </div>
  );
}
