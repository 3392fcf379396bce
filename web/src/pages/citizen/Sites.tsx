import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice, Loading } from '../../components/Notice';
import { dictionaries, lang, pick, t } from '../../i18n';

// Cities where many nationals live, as starting points when the browser's location is not shared.
const CITIES: { name: { zh: string; en: string }; lat: number; lon: number }[] = [
  { name: { zh: '米兰', en: 'Milan' }, lat: 45.464, lon: 9.19 },
  { name: { zh: '罗马', en: 'Rome' }, lat: 41.903, lon: 12.496 },
  { name: { zh: '佛罗伦萨', en: 'Florence' }, lat: 43.77, lon: 11.25 },
  { name: { zh: '马德里', en: 'Madrid' }, lat: 40.417, lon: -3.704 },
  { name: { zh: '巴塞罗那', en: 'Barcelona' }, lat: 41.385, lon: 2.173 },
  { name: { zh: '巴黎', en: 'Paris' }, lat: 48.857, lon: 2.352 },
  { name: { zh: '维也纳', en: 'Vienna' }, lat: 48.208, lon: 16.373 },
  { name: { zh: '纽约', en: 'New York' }, lat: 40.713, lon: -74.006 },
  { name: { zh: '圣保罗', en: 'São Paulo' }, lat: -23.55, lon: -46.633 },
  { name: { zh: '约翰内斯堡', en: 'Johannesburg' }, lat: -26.204, lon: 28.047 },
  { name: { zh: '迪拜', en: 'Dubai' }, lat: 25.204, lon: 55.27 },
  { name: { zh: '青田', en: 'Qingtian' }, lat: 28.139, lon: 120.289 },
  { name: { zh: '温州', en: 'Wenzhou' }, lat: 28.0, lon: 120.672 },
];

//! Weekday (1 = Monday) and "HH:MM" now in `zone`.
function nowIn(zone: string): { day: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const wd = parts.find((p) => p.type === 'weekday')!.value;
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(wd) + 1;
  const hh = parts.find((p) => p.type === 'hour')!.value;
  const mm = parts.find((p) => p.type === 'minute')!.value;
  return { day, time: hh + ':' + mm };
}

function dayNames(): string[] {
  return dictionaries[lang.value]?.sites?.days ?? dictionaries['en'].sites.days;
}

function Hours(props: { unit: any }) {
  const u = props.unit;
  const now = nowIn(u.timezone);
  const open = u.opening_hours.some((h: any) => h.days.includes(now.day) && now.time >= h.open && now.time < h.close);
  const dayName = (d: number) => dayNames()[d - 1] ?? String(d);
  return (
    <div class="hours">
      <p>
        <span class={'badge ' + (open ? 'open' : 'closed')}>{open ? t('sites.openNow') : t('sites.closedNow')}</span>{' '}
        <span class="muted small">{t('sites.localTime', { time: now.time })}</span>
      </p>
      <p class="small">{t('sites.hours', { zone: u.timezone })}:</p>
      <ul class="small">
        {u.opening_hours.map((h: any, i: number) => (
          <li key={i}>{h.days.map(dayName).join(', ')}: {h.open}–{h.close}</li>
        ))}
      </ul>
    </div>
  );
}


export function Sites() {
  const [origin, setOrigin] = useState<{ lat: number; lon: number } | null>({ lat: CITIES[0].lat, lon: CITIES[0].lon });
  const [city, setCity] = useState('0');
  const [kind, setKind] = useState('liaison_site');
  const [units, setUnits] = useState<any[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [locNote, setLocNote] = useState('');
  useEffect(() => {
    setUnits(null);
    const q = new URLSearchParams();
    if (kind) q.set('kind', kind);
    if (origin) {
      q.set('lat', origin.lat.toFixed(4));
      q.set('lon', origin.lon.toFixed(4));
    }
    api('GET', '/units?' + q.toString()).then((r) => setUnits(r.units), setError);
  }, [origin, kind]);
  const useLocation = () => {
    if (!navigator.geolocation) {
      setLocNote(t('sites.locationDenied'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setCity('');
        setLocNote('');
        setOrigin({ lat: p.coords.latitude, lon: p.coords.longitude });
      },
      () => setLocNote(t('sites.locationDenied')),
      { timeout: 10000 },
    );
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('sites.title')}</h1>
      <div class="filters">
        <div class="field">
          <label for="city">{t('sites.from')}</label>
          <select id="city" value={city} onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            setCity(v);
            if (v !== '') setOrigin({ lat: CITIES[+v].lat, lon: CITIES[+v].lon });
          }}>
            {city === '' ? <option value="">{t('sites.useLocation')}</option> : null}
            {CITIES.map((c, i) => <option key={i} value={String(i)}>{pick(c.name)}</option>)}
          </select>
        </div>
        <button type="button" onClick={useLocation}>{t('sites.useLocation')}</button>
        <div class="field">
          <label for="kind">{t('sites.show')}</label>
          <select id="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="liaison_site">{t('sites.liaison')}</option>
            <option value="service_site">{t('sites.domestic')}</option>
            <option value="">{t('sites.all')}</option>
          </select>
        </div>
      </div>
      {locNote ? <p class="notice" role="status">{locNote}</p> : null}
      <ErrorNotice error={error} />
      {!units && !error ? <Loading /> : null}
      <ul class="cards">
        {(units ?? []).map((u) => (
          <li key={u.id} class="card">
            <span class="card-title">{pick(u.name)}</span>
            <span class="muted small">
              {t('sites.kind.' + u.kind)}
              {u.distance_km !== undefined ? ' · ' + t('sites.kilometres', { n: Math.round(u.distance_km).toLocaleString(lang.value) }) : ''}
            </span>
            <span>{pick(u.address)}</span>
            {u.phone ? <a href={'tel:' + u.phone.replace(/\s/g, '')}>{u.phone}</a> : null}
            <Hours unit={u} />
          </li>
        ))}
      </ul>
    </>
  );
}
