import { ApiError } from '../api';
import { errorText, t } from '../i18n';

//! A failure, said in the person's language. Network failures say that nothing typed is lost.
export function ErrorNotice(props: { error: unknown }) {
  if (!props.error) return null;
  const e = props.error as ApiError;
  // A string is a message already written for the reader (a check made before sending).
  const text = typeof props.error === 'string' ? props.error : e instanceof ApiError ? errorText(e.code, e.message) : t('errors.generic');
  return (
    <p class="notice error" role="alert">
      {text}
    </p>
  );
}

export function Success(props: { text: string }) {
  return (
    <p class="notice ok" role="status">
      {props.text}
    </p>
  );
}

export function Loading() {
  return (
    <p class="muted loading" role="status">
      {t('app.loading')}
    </p>
  );
}
