import { useEffect, useState } from 'preact/hooks';
import { get, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatDate, formatDateTime, formatMoney, pick, t } from '../../i18n';
import { me } from '../../store';

//! The person's drafts of one item, newest first (so "continue" resumes instead of starting again).
export async function draftsOf(code: string): Promise<Schemas['CaseSummary'][]> {
  if (!me.value || me.value.role !== 'applicant') return [];
  const r = await get('/cases');
  return r.cases.filter((c) => c.state === 'draft' && c.item?.code === code)
    .sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
}

//! What an item needs, said before any effort: identity level (and how to get it), documents,
//! fee, time, delivery, and what the applicant receives in the end. Shared by the item page and the top of the apply page.
export function Requirements(props: { item: Schemas['Item']; drafts?: Schemas['CaseSummary'][] }) {
  const { item } = props;
  const user = me.value;
  const needsCheck = item.assurance === 'verified';
  const verified = user?.assurance === 'verified';
  return (
    <section class="panel need" aria-labelledby="need-title">
      <h2 id="need-title" class="small-heading">{t('need.title')}</h2>
      <ol class="checklist">
        <li class={needsCheck && !verified ? 'todo' : 'done'}>
          <strong>{t('need.identity')}</strong>
          {!needsCheck ? <span>{t('item.assurance.account')}</span> : null}
          {needsCheck && verified ? <span>✓ {t('need.verified')}</span> : null}
          {needsCheck && !verified ? (
            <>
              <span>{t('need.checkFirst')}</span>
              <span class="muted small">{t('need.checkHow')}</span>
              {user ? (
                <span><Link class="button" href={'/appointments?item=' + encodeURIComponent(item.code)}>{t('need.book')}</Link></span>
              ) : null}
            </>
          ) : null}
        </li>
        <li>
          <strong>{t('item.documents')}</strong>
          {item.documents?.length ? (
            <ul>
              {(item.documents ?? []).map((d) => (
                <li key={d.type}>{pick(d.name)} <span class="muted small">({d.required ? t('apply.required') : t('apply.optional')})</span></li>
              ))}
            </ul>
          ) : (
            <span>{t('item.noDocuments')}</span>
          )}
        </li>
        <li>
          <strong>{t('item.fee')}</strong> <span>{formatMoney(item.fee?.amount ?? 0, item.fee?.currency ?? 'CNY')}</span>
        </li>
        <li>
          <strong>{t('item.timeLimit')}</strong>{' '}
          <span>{item.time_limit_days ? t('item.days', { n: item.time_limit_days }) : t('item.sameDay')} · {t('item.mode.' + item.mode)}</span>
        </li>
        <li>
          <strong>{t('item.delivery')}</strong> <span>{(item.delivery ?? []).map((d: string) => t('item.deliveryOpt.' + d)).join(' · ')}</span>
        </li>
        {item.result ? (
          <li>
            <strong>{t('item.result')}</strong> <span>{pick(item.result.title)}</span>
            <span class="muted small">
              {item.result.kind === 'decision_letter'
                ? t('item.resultLetter', { what: pick(item.result.physical) })
                : t('item.resultCertificate')}
            </span>
          </li>
        ) : null}
      </ol>
      {props.drafts?.length ? (
        <p class="notice">
          {t('need.draftSaved', { when: formatDateTime(props.drafts[0].updated_at) })}{' '}
        </p>
      ) : null}
    </section>
  );
}

export function ItemPage(props: { code: string }) {
  const [item, setItem] = useState<Schemas['Item'] | null>(null);
  const [drafts, setDrafts] = useState<Schemas['CaseSummary'][]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/items/{code}', { code: props.code }).then((r) => setItem(r.item), setError);
    draftsOf(props.code).then(setDrafts, () => setDrafts([]));
  }, [props.code]);
  if (error) return <ErrorNotice error={error} />;
  if (!item) return <Loading />;
  const business = item.kind === 'business';
  const user = me.value;
  const verified = user?.assurance === 'verified';
  const applyHref = '/items/' + item.code + '/apply';
  return (
    <article>
      <p><Link href={'/category/' + item.category}>← {t('app.back')}</Link></p>
      <h1 tabIndex={-1}>{pick(item.name)}</h1>
      <p class="lead">{pick(item.description)}</p>
      {!business ? <p class="notice">{t('item.queryInfo')}</p> : null}
      {business ? <Requirements item={item} drafts={drafts} /> : null}
      {business ? (
        <div class="buttons">
          {user ? (
            user.role === 'applicant' ? (
              <Link class="button primary" href={applyHref}>
                {drafts.length ? t('need.continueDraft') : item.assurance === 'verified' && !verified ? t('need.prepare') : t('item.apply')}
              </Link>
            ) : null
          ) : (
            <Link class="button primary" href={'/signin?next=' + encodeURIComponent(applyHref)}>{t('item.signInToApply')}</Link>
          )}
        </div>
      ) : null}
      {business && item.assurance === 'verified' && user?.role === 'applicant' && !verified ? (
        <p class="muted small">{t('need.prepareHint')}</p>
      ) : null}
      {item.steps?.length ? (
        <>
          <h2>{t('item.steps')}</h2>
          <ol class="steps">
            {item.steps.map((s, i) => (
              <li key={i}>
                <span class={'badge where-' + s.where}>{t('item.' + s.where)}</span> {pick(s.text)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {business ? (
        <dl class="facts">
          <div><dt>{t('item.handledBy')}</dt><dd>{pick(item.owner_unit?.name)}</dd></div>
          {item.proxy_allowed ? <div><dt>{t('need.proxyTitle')}</dt><dd>{t('item.proxy')}</dd></div> : null}
          {item.submission_window_days ? <div><dt>{t('need.windowTitle')}</dt><dd>{t('need.window', { n: item.submission_window_days })}</dd></div> : null}
        </dl>
      ) : null}
      <p><Link href={'/help?item=' + item.code}>{t('help.askAbout')}</Link></p>
      {user?.assurance === 'verified' && user.verified_at ? <p class="muted small">{t('need.verifiedOn', { date: formatDate(user.verified_at.slice(0, 10)) })}</p> : null}
    </article>
  );
}
