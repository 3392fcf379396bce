// Controls of a video call: microphone and camera on/off, and hanging up after a confirmation
// that says what hanging up means for the check.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { CallState, VideoCall } from '../video';

interface Props {
  call: VideoCall | null;
  state: CallState | null;
  //! What hanging up does, in one sentence (shown in the confirmation).
  warning: string;
  onHangUp: () => void;
}

export function CallControls({ call, state, warning, onHangUp }: Props) {
  const [confirming, setConfirming] = useState(false);
  const micOn = state?.micOn ?? true;
  const cameraOn = state?.cameraOn ?? true;
  return (
    <div class="call-controls" role="group" aria-label={t('video.controls.label')}>
      <div class="buttons">
        <button type="button" class={micOn ? '' : 'off'} onClick={() => call?.setMic(!micOn)}>
          {micOn ? t('video.controls.mute') : t('video.controls.unmute')}
        </button>
        <button type="button" class={cameraOn ? '' : 'off'} onClick={() => call?.setCamera(!cameraOn)}>
          {cameraOn ? t('video.controls.cameraOff') : t('video.controls.cameraOn')}
        </button>
        <button type="button" class="danger" aria-expanded={confirming} aria-controls="hangup-confirm" onClick={() => setConfirming(true)}>
          {t('video.controls.hangUp')}
        </button>
      </div>
      {!micOn || !cameraOn ? (
        <p class="small muted" role="status">
          {[!micOn ? t('video.controls.muted') : '', !cameraOn ? t('video.controls.cameraIsOff') : ''].filter(Boolean).join(' ')}
        </p>
      ) : null}
      {confirming ? (
        <div id="hangup-confirm" class="panel attention" role="alertdialog" aria-labelledby="hangup-q" aria-describedby="hangup-warning">
          <p id="hangup-q"><strong>{t('video.controls.confirmTitle')}</strong></p>
          <p id="hangup-warning" class="small">{warning}</p>
          <div class="buttons">
            <button type="button" class="danger" onClick={() => {
              setConfirming(false);
              onHangUp();
            }}>{t('video.controls.confirmHangUp')}</button>
            <button type="button" autoFocus onClick={() => setConfirming(false)}>{t('video.controls.stay')}</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
