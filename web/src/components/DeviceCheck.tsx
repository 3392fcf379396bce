// Before joining a video call: the camera's picture, the microphone's level, and a choice of
// camera and microphone when there are several. Joining hands the checked stream to the call.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  onJoin: (stream: MediaStream) => void;
}

export function DeviceCheck({ onJoin }: Props) {
  const preview = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [mics, setMics] = useState<MediaDeviceInfo[]>([]);
  const [camera, setCamera] = useState(''); // the person's choice ('' = the default device)
  const [mic, setMic] = useState('');
  const [inUse, setInUse] = useState({ camera: '', mic: '' });
  const [level, setLevel] = useState(0);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const handedOver = useRef(false);

  // (Re)opens the chosen devices.
  useEffect(() => {
    let cancelled = false;
    let got: MediaStream | null = null;
    setFailed(false);
    navigator.mediaDevices
      .getUserMedia({
        video: { width: 640, height: 480, ...(camera ? { deviceId: { exact: camera } } : {}) },
        audio: mic ? { deviceId: { exact: mic } } : true,
      })
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        got = s;
        setStream(s);
        if (preview.current) preview.current.srcObject = s;
        // Labels are only known once access is granted.
        const devices = await navigator.mediaDevices.enumerateDevices();
        setCameras(devices.filter((d) => d.kind === 'videoinput'));
        setMics(devices.filter((d) => d.kind === 'audioinput'));
        setInUse({ camera: s.getVideoTracks()[0]?.getSettings().deviceId ?? '', mic: s.getAudioTracks()[0]?.getSettings().deviceId ?? '' });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      if (got && !handedOver.current) got.getTracks().forEach((tr) => tr.stop());
    };
  }, [camera, mic, attempt]);

  // The microphone level, from an analyser on the audio track.
  useEffect(() => {
    if (!stream || !stream.getAudioTracks().length) return;
    const Ctx = window.AudioContext ?? (window as any).webkitAudioContext;
    if (!Ctx) return;
    const ctx: AudioContext = new Ctx();
    void ctx.resume();
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const v of samples) peak = Math.max(peak, Math.abs(v));
      setLevel(Math.min(1, peak));
    }, 100);
    return () => {
      window.clearInterval(timer);
      source.disconnect();
      void ctx.close();
    };
  }, [stream]);

  const label = (d: MediaDeviceInfo, i: number, kind: string) => d.label || `${kind} ${i + 1}`;
  return (
    <section class="panel device-check" aria-labelledby="device-check-title">
      <h2 id="device-check-title">{t('video.check.title')}</h2>
      <p class="small">{t('video.check.help')}</p>
      {failed ? (
        <div class="notice error" role="alert">
          <p>{t('video.error.camera')}</p>
          <button type="button" onClick={() => setAttempt(attempt + 1)}>{t('video.check.retry')}</button>
        </div>
      ) : null}
      <div class="device-preview">
        <video ref={preview} autoPlay playsInline muted aria-label={t('video.check.preview')} />
      </div>
      <div class="field">
        <label for="mic-level">{t('video.check.level')}</label>
        <meter id="mic-level" class="mic-level" min={0} max={1} low={0.05} optimum={0.5} value={level} />
        <p class="small muted">{t('video.check.levelHelp')}</p>
      </div>
      {cameras.length > 1 ? (
        <div class="field">
          <label for="pick-camera">{t('video.check.camera')}</label>
          <select id="pick-camera" value={camera || inUse.camera} onChange={(e) => setCamera((e.target as HTMLSelectElement).value)}>
            {cameras.map((d, i) => <option key={d.deviceId} value={d.deviceId}>{label(d, i, t('video.check.camera'))}</option>)}
          </select>
        </div>
      ) : null}
      {mics.length > 1 ? (
        <div class="field">
          <label for="pick-mic">{t('video.check.microphone')}</label>
          <select id="pick-mic" value={mic || inUse.mic} onChange={(e) => setMic((e.target as HTMLSelectElement).value)}>
            {mics.map((d, i) => <option key={d.deviceId} value={d.deviceId}>{label(d, i, t('video.check.microphone'))}</option>)}
          </select>
        </div>
      ) : null}
      <div class="buttons">
        <button type="button" class="primary" disabled={!stream} onClick={() => {
          if (!stream) return;
          handedOver.current = true;
          onJoin(stream);
        }}>{t('video.check.join')}</button>
      </div>
    </section>
  );
}
