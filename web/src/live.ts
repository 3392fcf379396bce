// The signed-in user's live connection: notifications and consultation messages arrive here.
// Reconnects with backoff; pages subscribe to the messages they care about.
import { signal } from '@preact/signals';
import { get } from './api';

export const unread = signal(0);
export const liveConnected = signal(false);
type Listener = (msg: any) => void;
const listeners = new Set<Listener>();
let ws: WebSocket | null = null;
let retry = 0;
let wanted = false;

export function onLive(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export async function refreshUnread() {
  try {
    const r = await get('/notifications');
    unread.value = r.unread;
  } catch {
    /* signed out */
  }
}

function connect() {
  if (!wanted) return;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  ws = new WebSocket(`${proto}//${location.host}/api/v1/live`);
  ws.onopen = () => {
    retry = 0;
    liveConnected.value = true;
  };
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'notification') unread.value += 1;
    listeners.forEach((fn) => fn(msg));
  };
  ws.onclose = () => {
    liveConnected.value = false;
    ws = null;
    if (wanted) setTimeout(connect, Math.min(30000, 1000 * 2 ** retry++));
  };
}

export function startLive() {
  if (wanted) return;
  wanted = true;
  refreshUnread();
  connect();
}

export function stopLive() {
  wanted = false;
  ws?.close();
  unread.value = 0;
}

//! Sends a chat message over the socket; false when it is not connected (use REST then).
export function sendLive(msg: unknown): boolean {
  if (ws?.readyState !== WebSocket.OPEN) return false;
  ws.send(JSON.stringify(msg));
  return true;
}
