import { useEffect, useState } from 'preact/hooks';
import { get, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { formatMoney, pick, t } from '../../i18n';
import { query } from '../../router';
import { SearchBox } from './Home';

function ItemList(props: { items: Schemas['ItemSummary'][] }) {
  return (
    <ul class="list">
      {props.items.map((i) => (
        <li key={i.code}>
          <Link href={'/items/' + i.code}>{pick(i.name)}</Link>
          <span class="muted small">
            {t('item.mode.' + i.mode)}
            {i.kind === 'business' ? ' · ' + formatMoney(i.fee.amount, i.fee.currency) : ''}
            {i.time_limit_days ? ' · ' + t('item.days', { n: i.time_limit_days }) : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function CategoryPage(props: { code: string }) {
  const [cat, setCat] = useState<Schemas['Category'] | null>(null);
  const [items, setItems] = useState<Schemas['ItemSummary'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/categories').then((r) => setCat(r.categories.find((c) => c.code === props.code) ?? null), setError);
    get('/items', {}, { category: props.code }).then((r) => setItems(r.items), setError);
  }, [props.code]);
  const business = (items ?? []).filter((i) => i.kind === 'business');
  const lookups = (items ?? []).filter((i) => i.kind === 'query');
  return (
    <>
      <p><Link href="/">← {t('app.back')}</Link></p>
      <h1 tabIndex={-1}>{cat ? pick(cat.name) : t('app.loading')}</h1>
      <ErrorNotice error={error} />
      {!items && !error ? <Loading /> : null}
      <h2>{t('catalog.services')}</h2>
      <ItemList items={business} />
      {lookups.length ? (
        <>
          <h2>{t('catalog.lookups')}</h2>
          <ItemList items={lookups} />
        </>
      ) : null}
    </>
  );
}

export function SearchPage() {
  const q = query('q');
  const [items, setItems] = useState<Schemas['ItemSummary'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setItems(null);
    get('/items', {}, { q }).then((r) => setItems(r.items), setError);
  }, [q]);
  return (
    <>
      <h1 tabIndex={-1}>{t('catalog.results', { q })}</h1>
      <SearchBox initial={q} />
      <ErrorNotice error={error} />
      {!items && !error ? <Loading /> : null}
      {items && !items.length ? <p>{t('catalog.noResults')}</p> : null}
      <ItemList items={items ?? []} />
    </>
  );
}
