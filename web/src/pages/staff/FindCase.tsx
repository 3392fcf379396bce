// A case by the number the person reads out or shows on their phone: how a liaison officer at an
// overseas desk (or an officer at the window) reaches the case to collect a fee in cash or hand a
// result over against its pickup code. Only cases the caller may open are found.
import { useState } from 'preact/hooks';
import { get } from '../../api';
import { ErrorNotice } from '../../components/Notice';
import { t } from '../../i18n';
import { navigate } from '../../router';

export function FindCase() {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<unknown>(null);
  const find = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await get('/case-lookup', undefined, { number: number.trim() });
      navigate('/staff/cases/' + r.case.id);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.find.title')}</h1>
      <p>{t('staff.find.intro')}</p>
      <form onSubmit={find} class="filters">
        <div class="field">
          <label for="find-number">{t('staff.find.number')}</label>
          <input id="find-number" autoComplete="off" autoCapitalize="characters" maxLength={40} placeholder="TB-2026-…" required
            value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="primary">{t('staff.find.open')}</button>
      </form>
      <ErrorNotice error={error} />
    </>
  );
}
