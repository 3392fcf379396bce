import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatMoney, pick, t } from '../../i18n';
import { me } from '../../store';

export function ItemPage(props: { code: string }) {
  const [item, setItem] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api('GET', '/items/' + encodeURIComponent(props.code)).then((r) => setItem(r.item), setError);
  }, [props.code]);
  if (error) return <ErrorNotice error={error} />;
  if (!item) return <Loading />;
  const business = item.kind === 'business';
  const user = me.value;
  return (
    <article>
      <p><Link href={'/category/' + item.category}>← {t('app.back')}</Link></p>
      <h1 tabIndex={-1}>{pick(item.name)}</h1>
      <p class="lead">{pick(item.description)}</p>
      {!business ? <p class="notice">{t('item.queryInfo')}</p> : null}
      {business ? (
        <>
          <dl class="facts">
            <div><dt>{t('item.fee')}</dt><dd>{formatMoney(item.fee?.amount ?? 0, item.fee?.currency ?? 'CNY')}</dd></div>
            <div><dt>{t('item.timeLimit')}</dt><dd>{item.time_limit_days ? t('item.days', { n: item.time_limit_days }) : t('item.sameDay')}</dd></div>
            <div><dt>{t('item.handledBy')}</dt><dd>{pick(item.owner_unit?.name)}</dd></div>
            <div><dt>{t('item.identity')}</dt><dd>{t('item.assurance.' + item.assurance)}</dd></div>
            <div><dt>{t('item.delivery')}</dt><dd>{(item.delivery ?? []).map((d: string) => t('item.deliveryOpt.' + d)).join(' · ')}</dd></div>
            <div><dt>{t('item.handling')}</dt><dd>{t('item.mode.' + item.mode)}</dd></div>
          </dl>
          {item.proxy_allowed ? <p>{t('item.proxy')}</p> : null}
          <h2>{t('item.documents')}</h2>
          {item.documents?.length ? (
            <ul>{item.documents.map((d: any) => <li key={d.type}>{pick(d.name)}</li>)}</ul>
          ) : (
            <p>{t('item.noDocuments')}</p>
          )}
        </>
      ) : null}
      {item.steps?.length ? (
        <>
          <h2>{t('item.steps')}</h2>
          <ol class="steps">
            {item.steps.map((s: any, i: number) => (
              <li key={i}>
                <span class={'badge where-' + s.where}>{t('item.' + s.where)}</span> {pick(s.text)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {business ? (
        user ? (
          user.role === 'applicant' ? <Link class="button primary" href={'/items/' + item.code + '/apply'}>{t('item.apply')}</Link> : null
        ) : (
          <Link class="button primary" href={'/signin?next=' + encodeURIComponent('/items/' + item.code + '/apply')}>{t('item.signInToApply')}</Link>
        )
      ) : null}
      <p><Link href={'/help?item=' + item.code}>{t('help.askAbout')}</Link></p>
    </article>
  );
}
