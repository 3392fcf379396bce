// One side of a supervised video session: camera, RTCPeerConnection, and the signalling
// WebSocket to the server, which relays only between the applicant and the officer of the session.
import { api } from './api';

export interface CallState {
  present: { applicant: boolean; officer: boolean };
  connection: string;
  framesDecoded: number;
  width: number;
  height: number;
  error: string;
}

export class VideoCall {
  private pc: RTCPeerConnection | null = null;
  private ws: WebSocket | null = null;
  private stream: MediaStream | null = null;
  private iceServers: RTCIceServer[] = [];
  private timer: number | undefined;
  private lastReport = '';
  private stopped = false;
  state: CallState = { present: { applicant: false, officer: false }, connection: 'new', framesDecoded: 0, width: 0, height: 0, error: '' };

  constructor(
    private sessionId: number,
    private role: 'applicant' | 'officer',
    private local: HTMLVideoElement,
    private remote: HTMLVideoElement,
    private onState: (s: CallState) => void,
    private onSession: (session: any) => void,
  ) {
    (window as any).__tbCall = this;  // read by the end-to-end tests
  }

  async start() {
    try {
      const ice = await api<{ ice_servers: RTCIceServer[] }>('GET', '/config/ice');
      this.iceServers = ice.ice_servers ?? [];
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
      this.local.srcObject = this.stream;
    } catch (e) {
      this.update({ error: 'camera' });
      return;
    }
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.ws = new WebSocket(`${proto}//${location.host}/api/v1/video/sessions/${this.sessionId}/signal`);
    this.ws.onmessage = (e) => this.onMessage(JSON.parse(e.data));
    this.ws.onclose = () => {
      if (!this.stopped) this.update({ error: 'signalling' });
    };
    this.timer = window.setInterval(() => this.poll(), 1000);
  }

  stop() {
    this.stopped = true;
    window.clearInterval(this.timer);
    this.ws?.close();
    this.pc?.close();
    this.stream?.getTracks().forEach((t) => t.stop());
  }

  private update(patch: Partial<CallState>) {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }

  private send(msg: unknown) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private newPeer() {
    this.pc?.close();
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.stream?.getTracks().forEach((t) => pc.addTrack(t, this.stream!));
    pc.ontrack = (e) => {
      this.remote.srcObject = e.streams[0];
    };
    pc.onicecandidate = (e) => {
      if (e.candidate) this.send({ type: 'signal', data: { candidate: e.candidate.toJSON() } });
    };
    pc.onconnectionstatechange = () => {
      this.update({ connection: pc.connectionState });
      if (['disconnected', 'failed', 'closed'].includes(pc.connectionState) && this.state.framesDecoded > 0)
        this.send({ type: 'media', state: pc.connectionState });
    };
    this.pc = pc;
    return pc;
  }

  private async onMessage(msg: any) {
    if (msg.type === 'presence') {
      const before = this.state.present;
      this.update({ present: msg.present });
      // The officer calls whenever the applicant (re)joins.
      if (this.role === 'officer' && msg.present.applicant && msg.present.officer && !(before.applicant && this.pc)) {
        const pc = this.newPeer();
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        this.send({ type: 'signal', data: { description: pc.localDescription } });
      }
    } else if (msg.type === 'session') {
      this.onSession(msg.session);
    } else if (msg.type === 'signal') {
      const data = msg.data ?? {};
      if (data.description) {
        if (data.description.type === 'offer') {
          const pc = this.newPeer();
          await pc.setRemoteDescription(data.description);
          await pc.setLocalDescription(await pc.createAnswer());
          this.send({ type: 'signal', data: { description: pc.localDescription } });
        } else if (this.pc) {
          await this.pc.setRemoteDescription(data.description);
        }
      } else if (data.candidate && this.pc) {
        try {
          await this.pc.addIceCandidate(data.candidate);
        } catch {
          /* a candidate for an old connection */
        }
      }
    }
  }

  //! Reads the received video's decoded frames and resolution; reports them to the server.
  private async poll() {
    if (!this.pc) return;
    const stats = await this.pc.getStats();
    let frames = 0, width = 0, height = 0;
    stats.forEach((r: any) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') {
        frames = r.framesDecoded ?? 0;
        width = r.frameWidth ?? 0;
        height = r.frameHeight ?? 0;
      }
    });
    this.update({ framesDecoded: frames, width, height });
    if (frames > 0) {
      const report = `${width}x${height}`;
      if (report !== this.lastReport) {
        this.lastReport = report;
        this.send({ type: 'media', state: 'connected', width, height, frames });
      }
    }
  }
}
