import type { ComponentChildren } from 'preact';
import { linkClick } from '../router';

export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} class={props.class} onClick={linkClick} aria-current={props['aria-current']}>
      {props.children}
    </a>
  );
}
