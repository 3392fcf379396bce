// Application-wide state as signals: who is signed in, language, text size.
import { signal } from '@preact/signals';
import type { Me } from './api';

export const me = signal<Me | null>(null);
export const csrfToken = signal<string>('');
export const sessionChecked = signal(false);

//! "Act as …": the power of attorney under which the signed-in person acts for someone else.
//! While set, the case routes carry `X-Act-For` (api.ts) and every page shows a banner. Kept for
//! the browser tab only (sessionStorage), and cleared on sign-out.
export interface ActingFor {
  mandateId: number;
  name: string;
}
function storedActing(): ActingFor | null {
  try {
    const v = typeof sessionStorage !== 'undefined' ? sessionStorage.getItem('tb.actingFor') : null;
    return v ? (JSON.parse(v) as ActingFor) : null;
  } catch {
    return null;
  }
}
export const actingFor = signal<ActingFor | null>(storedActing());
export function setActingFor(a: ActingFor | null) {
  actingFor.value = a;
  if (a) sessionStorage.setItem('tb.actingFor', JSON.stringify(a));
  else sessionStorage.removeItem('tb.actingFor');
}

const storedLarge = typeof localStorage !== 'undefined' && localStorage.getItem('tb.largeText') === '1';
export const largeText = signal<boolean>(storedLarge);

export function setLargeText(on: boolean) {
  largeText.value = on;
  localStorage.setItem('tb.largeText', on ? '1' : '0');
  document.documentElement.classList.toggle('large-text', on);
}
