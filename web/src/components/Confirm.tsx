// A confirmation before an action that cannot be undone (approving, rejecting, issuing,
// disabling an account…). It is the browser's own modal <dialog>: focus moves into it and stays
// there, Escape cancels, and the page behind is inert. The question says what will happen and to
// whom; the safe choice ("Go back") has the focus, so a stray Enter does nothing harmful.
//
//   const [dialog, confirm] = useConfirm();
//   if (await confirm({ title, body, confirmLabel, danger: true })) doIt();
//   return <>{…}{dialog}</>;
import { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

export interface ConfirmOptions {
  title: string;
  //! What happens, to whom, and whether it can be undone.
  body: ComponentChildren;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve: (ok: boolean) => void;
}

export function useConfirm(): [preact.JSX.Element | null, (o: ConfirmOptions) => Promise<boolean>] {
  const [pending, setPending] = useState<Pending | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (pending && d && !d.open) d.showModal();
  }, [pending]);
  const close = (ok: boolean) => {
    ref.current?.close();
    pending?.resolve(ok);
    setPending(null);
  };
  const ask = (o: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...o, resolve }));
  const dialog = pending ? (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        close(false);
      }}>
      <h2 id="confirm-title">{pending.title}</h2>
      <div id="confirm-body">{pending.body}</div>
      <div class="buttons">
        <button type="button" class={pending.danger ? 'danger' : 'primary'} onClick={() => close(true)}>
          {pending.confirmLabel}
        </button>
        <button type="button" autoFocus onClick={() => close(false)}>{pending.cancelLabel ?? t('confirm.back')}</button>
      </div>
    </dialog>
  ) : null;
  return [dialog, ask];
}
