// A small history router: paths are real URLs (the server answers unknown paths with the app).
import { signal } from '@preact/signals';

export const path = signal<string>(location.pathname + location.search);

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = to;
  window.scrollTo(0, 0);
  // Move focus to the new page's heading for screen-reader users.
  requestAnimationFrame(() => (document.querySelector('main h1') as HTMLElement | null)?.focus());
}

window.addEventListener('popstate', () => {
  path.value = location.pathname + location.search;
});

//! Matches "/cases/:id" against the current path; returns the parameters or null.
export function match(pattern: string, current: string): Record<string, string> | null {
  const [p] = current.split('?');
  const a = pattern.split('/');
  const b = p.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export function query(name: string): string {
  return new URLSearchParams(path.value.split('?')[1] ?? '').get(name) ?? '';
}

//! Click handler for in-app links: lets the browser handle modified clicks.
export function linkClick(e: MouseEvent) {
  const a = (e.currentTarget as HTMLAnchorElement);
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href') ?? '/');
}
