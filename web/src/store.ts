// Application-wide state as signals: who is signed in, language, text size.
import { signal } from '@preact/signals';
import type { Me } from './api';

export const me = signal<Me | null>(null);
export const csrfToken = signal<string>('');
export const sessionChecked = signal(false);

const storedLarge = typeof localStorage !== 'undefined' && localStorage.getItem('tb.largeText') === '1';
export const largeText = signal<boolean>(storedLarge);

export function setLargeText(on: boolean) {
  largeText.value = on;
  localStorage.setItem('tb.largeText', on ? '1' : '0');
  document.documentElement.classList.toggle('large-text', on);
}
