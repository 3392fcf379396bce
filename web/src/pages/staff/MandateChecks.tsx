// Officers: the powers of attorney waiting for a check by their unit. The officer opens the
// signed letter and the grantor's ID document, compares the names and ID numbers, and verifies
// the authorisation or refuses it with a reason (the grantor is told either way).
import { useEffect, useState } from 'preact/hooks';
import { get, send, type Schemas } from '../../api';
import { useConfirm } from '../../components/Confirm';
import { ErrorNotice, Loading, Success } from '../../components/Notice';
import { formatDate, pick, t } from '../../i18n';

type Mandate = Schemas['Mandate'];

function Check(props: { m: Mandate; onDone: (text: string) => void }) {
  const m = props.m;
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();
  const decide = async (approve: boolean) => {
    setError(null);
    if (!approve && !note.trim()) return setError(t('staff.mandates.reason'));
    if (approve) {
      const ok = await confirm({
        title: t('staff.mandates.approveTitle', { id: m.id }),
        body: t('staff.mandates.approveBody', { name: m.grantee.name, grantor: m.grantor.name }),
        confirmLabel: t('staff.mandates.approve'),
      });
      if (!ok) return;
    }
    try {
      await send('POST', '/mandates/{id}/check', { id: m.id }, { approve, note });
      props.onDone(t(approve ? 'staff.mandates.approved' : 'staff.mandates.rejected', { id: m.id }));
    } catch (err) {
      setError(err);
    }
  };
  const base = `/api/v1/mandates/${m.id}/evidence/`;
  return (
    <li class="card mandate-check" data-mandate={m.id}>
      <span class="card-title">{t('mandates.number', { id: m.id })}</span>
      <dl class="facts">
        <div><dt>{t('staff.mandates.grantor')}</dt><dd>{m.grantor.name}</dd></div>
        <div><dt>{t('staff.mandates.grantee')}</dt><dd>{m.grantee.name}{m.grantee.display_name && m.grantee.display_name !== m.grantee.name ? ` (${m.grantee.display_name})` : ''}</dd></div>
        {m.grantee.id_number ? <div><dt>{t('staff.mandates.idNumber')}</dt><dd class="mono">{m.grantee.id_number}</dd></div> : null}
        {m.grantee.phone ? <div><dt>{t('staff.mandates.phone')}</dt><dd>{m.grantee.phone}</dd></div> : null}
        <div><dt>{t('mandates.scope')}</dt><dd>{m.case_id ? t('mandates.scopeCase', { no: m.case_no ?? String(m.case_id) }) : m.items.map((i) => i.name_zh ?? i.code).join('、')}</dd></div>
        <div><dt>{t('mandates.steps')}</dt><dd>{m.steps.map((s) => t('mandates.step.' + s)).join(', ')}</dd></div>
        <div><dt>{t('mandates.valid')}</dt><dd>{t('mandates.validRange', { from: formatDate(m.valid_from), until: formatDate(m.valid_until) })}</dd></div>
        {m.unit ? <div><dt>{t('staff.unit')}</dt><dd>{pick(m.unit)}</dd></div> : null}
      </dl>
      <p>
        {m.evidence.letter ? <a href={base + 'letter'} target="_blank" rel="noopener">{t('staff.mandates.letter')}</a> : <span class="muted">{t('staff.mandates.letter')} —</span>}
        {' · '}
        {m.evidence.id_document ? <a href={base + 'id_document'} target="_blank" rel="noopener">{t('staff.mandates.idDocument')}</a> : <span class="muted">{t('staff.mandates.idDocument')} —</span>}
      </p>
      <div class="field">
        <label for={'mnote-' + m.id}>{t('staff.mandates.reason')}</label>
        <input id={'mnote-' + m.id} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </div>
      <p class="buttons">
        <button type="button" class="primary" disabled={!m.evidence.letter || !m.evidence.id_document} onClick={() => decide(true)}>{t('staff.mandates.approve')}</button>
        <button type="button" class="danger" onClick={() => decide(false)}>{t('staff.mandates.reject')}</button>
      </p>
      <ErrorNotice error={error} />
      {dialog}
    </li>
  );
}

export function MandateChecks() {
  const [list, setList] = useState<Mandate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const load = () => get('/mandate-checks').then((r) => setList(r.mandates), setError);
  useEffect(() => {
    load();
  }, []);
  return (
    <>
      <h1 tabIndex={-1}>{t('staff.mandates.title')}</h1>
      <ErrorNotice error={error} />
      {done ? <Success text={done} /> : null}
      {!list && !error ? <Loading /> : null}
      {list && !list.length ? <p class="muted">{t('staff.mandates.none')}</p> : null}
      <ul class="cards">
        {(list ?? []).map((m) => (
          <Check key={m.id} m={m} onDone={(text) => { setDone(text); load(); }} />
        ))}
      </ul>
    </>
  );
}
