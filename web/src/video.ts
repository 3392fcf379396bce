// One side of a supervised video session: camera, RTCPeerConnection, and the signalling
// WebSocket to the server, which relays only between the applicant and the officer of the session.
//
// Calls survive a dropped network: the socket reconnects with backoff (and checks itself with
// an application-level ping, since a dead connection can look open for minutes), and every
// (re)connection negotiates a fresh RTCPeerConnection. The officer always makes the offer; each
// offer carries an id so answers and ICE candidates of an older negotiation are ignored.
import { get, type Schemas } from './api';

export interface CallState {
  present: { applicant: boolean; officer: boolean };
  connection: string; // the RTCPeerConnection's state
  signalling: 'connecting' | 'open' | 'reconnecting' | 'closed';
  attempt: number; // reconnection attempts since the socket dropped
  generation: number; // peer connections negotiated so far (framesDecoded restarts with each)
  framesDecoded: number;
  width: number;
  height: number;
  micOn: boolean;
  cameraOn: boolean;
  error: string;
}

const PING_EVERY_MS = 5000;
const SILENT_LIMIT_MS = 12000; // no message (not even a pong) for this long: the socket is dead
const DISCONNECTED_RENEGOTIATE_MS = 4000;

//! Backoff before reconnection attempt `n` (0-based): 0.5 s, 1 s, 2 s, then 4 s, with jitter.
export function backoffMs(n: number) {
  const base = Math.min(4000, 500 * 2 ** n);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function randomId() {
  return Math.random().toString(36).slice(2, 10);
}

export class VideoCall {
  private pc: RTCPeerConnection | null = null;
  private pcId = ''; // the negotiation the current pc belongs to
  private ws: WebSocket | null = null;
  private stream: MediaStream | null = null;
  private iceServers: RTCIceServer[] = [];
  private pollTimer: number | undefined;
  private pingTimer: number | undefined;
  private retryTimer: number | undefined;
  private disconnectedTimer: number | undefined;
  private lastMessageAt = 0;
  private lastReport = '';
  private reportedState: 'connected' | 'down' | '' = '';
  private lastFrames = 0;
  private needOffer = false;
  private stopped = false;
  private finished = false;
  private queue: Promise<void> = Promise.resolve();
  private onOnline = () => {
    if (this.state.signalling === 'reconnecting') this.reconnectSoon(0);
  };
  // The browser knows the network is gone before the socket does: give it up at once and
  // reconnect when the network is back.
  private onOffline = () => {
    const ws = this.ws;
    if (!ws) return;
    ws.close();
    this.dropped(ws);
  };
  state: CallState = {
    present: { applicant: false, officer: false }, connection: 'new', signalling: 'connecting', attempt: 0, generation: 0,
    framesDecoded: 0, width: 0, height: 0, micOn: true, cameraOn: true, error: '',
  };

  constructor(
    private sessionId: number,
    private role: 'applicant' | 'officer',
    private local: HTMLVideoElement,
    private remote: HTMLVideoElement,
    private onState: (s: CallState) => void,
    // The server pushes the session as GET /video/sessions/{id} answers it.
    private onSession: (session: Schemas['VideoSession']) => void,
  ) {
    (window as any).__tbCall = this; // read by the end-to-end tests
  }

  //! Joins with `stream` (from the device check) or asks for the default camera and microphone.
  async start(stream?: MediaStream) {
    try {
      const ice = await get('/config/ice');
      this.iceServers = ice.ice_servers ?? [];
    } catch {
      this.iceServers = [];
    }
    try {
      this.stream = stream ?? (await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true }));
      this.local.srcObject = this.stream;
    } catch {
      this.update({ error: 'camera' });
      return;
    }
    if (this.stopped) {
      this.stream.getTracks().forEach((t) => t.stop());
      return;
    }
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connect();
    this.pollTimer = window.setInterval(() => this.poll(), 1000);
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.clearInterval(this.pollTimer);
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.disconnectedTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.pc?.close();
    this.pc = null;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.update({ signalling: 'closed' });
  }

  setMic(on: boolean) {
    this.stream?.getAudioTracks().forEach((t) => (t.enabled = on));
    this.update({ micOn: on });
  }

  setCamera(on: boolean) {
    this.stream?.getVideoTracks().forEach((t) => (t.enabled = on));
    this.update({ cameraOn: on });
  }

  private update(patch: Partial<CallState>) {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }

  private send(msg: unknown) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  // --- the signalling socket -------------------------------------------------------------

  private connect() {
    if (this.stopped || this.finished) return;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/video/sessions/${this.sessionId}/signal`);
    this.ws = ws;
    ws.onopen = () => {
      if (ws !== this.ws) return;
      this.lastMessageAt = Date.now();
      this.update({ signalling: 'open', attempt: 0, error: '' });
      window.clearInterval(this.pingTimer);
      this.pingTimer = window.setInterval(() => {
        if (ws !== this.ws) return;
        if (Date.now() - this.lastMessageAt > SILENT_LIMIT_MS) {
          ws.close(); // a connection that stopped answering; onclose reconnects
          this.dropped(ws);
          return;
        }
        this.send({ type: 'ping' });
      }, PING_EVERY_MS);
    };
    ws.onmessage = (e) => {
      if (ws !== this.ws) return;
      this.lastMessageAt = Date.now();
      let msg: any;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      // One message at a time: an ICE candidate must not overtake the offer it belongs to.
      this.queue = this.queue.then(() => this.onMessage(msg)).catch(() => undefined);
    };
    ws.onclose = () => this.dropped(ws);
  }

  private dropped(ws: WebSocket) {
    if (ws !== this.ws || this.stopped) return;
    this.ws = null;
    window.clearInterval(this.pingTimer);
    if (this.finished) {
      this.update({ signalling: 'closed' });
      return;
    }
    this.update({ signalling: 'reconnecting' });
    // Offline, attempts would fail at once: the `online` event starts the next one.
    this.reconnectSoon(navigator.onLine ? backoffMs(this.state.attempt) : 30000);
  }

  private reconnectSoon(delay: number) {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      if (this.stopped || this.ws) return;
      this.update({ attempt: this.state.attempt + 1 });
      this.connect();
    }, delay);
  }

  // --- media -----------------------------------------------------------------------------

  private newPeer(id: string) {
    this.pc?.close();
    window.clearTimeout(this.disconnectedTimer);
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.pcId = id;
    this.lastFrames = 0;
    this.reportedState = ''; // the new connection reports its video once it flows
    this.stream?.getTracks().forEach((t) => pc.addTrack(t, this.stream!));
    pc.ontrack = (e) => {
      if (pc === this.pc) this.remote.srcObject = e.streams[0];
    };
    pc.onicecandidate = (e) => {
      if (e.candidate && pc === this.pc) this.send({ type: 'signal', data: { id, candidate: e.candidate.toJSON() } });
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      const s = pc.connectionState;
      this.update({ connection: s });
      window.clearTimeout(this.disconnectedTimer);
      if (s === 'disconnected' || s === 'failed') {
        if (this.reportedState === 'connected') {
          this.reportedState = 'down';
          this.send({ type: 'media', state: s });
        }
        // A failed connection is renegotiated at once, a disconnected one if it does not recover.
        this.disconnectedTimer = window.setTimeout(() => this.renegotiate(), s === 'failed' ? 0 : DISCONNECTED_RENEGOTIATE_MS);
      }
    };
    this.pc = pc;
    this.update({ generation: this.state.generation + 1, framesDecoded: 0, connection: pc.connectionState });
    return pc;
  }

  private renegotiate() {
    if (this.stopped || this.finished) return;
    if (this.role === 'officer') void this.offer();
    else this.send({ type: 'signal', data: { restart: true } });
  }

  private async offer() {
    if (!this.state.present.applicant) {
      this.needOffer = true;
      return;
    }
    this.needOffer = false;
    const id = randomId();
    const pc = this.newPeer(id);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.send({ type: 'signal', data: { id, description: pc.localDescription } });
  }

  private async onMessage(msg: any) {
    if (msg.type === 'hello') {
      // A fresh connection (the first or after a drop): media is negotiated again.
      if (this.role === 'officer') this.needOffer = true;
    } else if (msg.type === 'presence') {
      this.update({ present: msg.present });
      if (this.role === 'officer' && this.needOffer && msg.present.applicant && msg.present.officer) await this.offer();
    } else if (msg.type === 'peer_joined') {
      if (this.role === 'officer' && msg.role === 'applicant') await this.offer();
    } else if (msg.type === 'session') {
      if (['void', 'approved', 'rejected'].includes(msg.session?.state)) this.finished = true;
      this.onSession(msg.session);
    } else if (msg.type === 'signal') {
      const data = msg.data ?? {};
      if (data.restart) {
        if (this.role === 'officer') await this.offer();
      } else if (data.description) {
        if (data.description.type === 'offer') {
          const pc = this.newPeer(data.id ?? '');
          await pc.setRemoteDescription(data.description);
          await pc.setLocalDescription(await pc.createAnswer());
          this.send({ type: 'signal', data: { id: data.id, description: pc.localDescription } });
        } else if (this.pc && (data.id ?? '') === this.pcId) {
          await this.pc.setRemoteDescription(data.description);
        }
      } else if (data.candidate && this.pc && (data.id ?? '') === this.pcId) {
        try {
          await this.pc.addIceCandidate(data.candidate);
        } catch {
          /* a candidate the connection cannot use */
        }
      }
    }
  }

  //! Reads the received video's decoded frames and resolution; tells the server when the video
  //! starts flowing (again) or its resolution changes.
  private async poll() {
    const pc = this.pc;
    if (!pc) return;
    const stats = await pc.getStats();
    if (pc !== this.pc) return;
    let frames = 0, width = 0, height = 0;
    stats.forEach((r: any) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') {
        frames = r.framesDecoded ?? 0;
        width = r.frameWidth ?? 0;
        height = r.frameHeight ?? 0;
      }
    });
    const flowing = frames > this.lastFrames && pc.connectionState === 'connected';
    this.lastFrames = frames;
    this.update({ framesDecoded: frames, width, height });
    if (!flowing || this.ws?.readyState !== WebSocket.OPEN) return;
    const report = `${width}x${height}`;
    if (report !== this.lastReport || this.reportedState !== 'connected') {
      this.lastReport = report;
      this.reportedState = 'connected';
      this.send({ type: 'media', state: 'connected', width, height, frames });
    }
  }
}
