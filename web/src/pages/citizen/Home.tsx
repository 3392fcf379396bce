import { useEffect, useState } from 'preact/hooks';
import { get, type Schemas } from '../../api';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { pick, t } from '../../i18n';
import { navigate } from '../../router';

export function SearchBox(props: { initial?: string }) {
  const [q, setQ] = useState(props.initial ?? '');
  return (
    <form
      class="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate('/search?q=' + encodeURIComponent(q.trim()));
      }}
    >
      <label for="q">{t('home.search')}</label>
      <div class="row">
        <input id="q" type="search" value={q} placeholder={t('home.searchPlaceholder')} maxLength={100}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">{t('home.searchButton')}</button>
      </div>
    </form>
  );
}

export function Home() {
  const [cats, setCats] = useState<Schemas['Category'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/categories').then((r) => setCats(r.categories), setError);
  }, []);
  return (
    <>
      <h1 tabIndex={-1}>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <SearchBox />
      <h2>{t('home.categories')}</h2>
      <ErrorNotice error={error} />
      {!cats && !error ? <Loading /> : null}
      <ul class="cards">
        {(cats ?? []).map((c) => (
          <li key={c.code} class="card">
            <Link href={'/category/' + c.code}>
              <span class="card-title">{pick(c.name)}</span>
            </Link>
            <span class="muted">{pick(c.description)}</span>
            <span class="muted small">{t('home.counts', { business: c.business_items, query: c.query_items })}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
