import { useEffect, useState } from 'preact/hooks';
import { get, type Schemas } from '../../api';
import { ErrorNotice, Loading } from '../../components/Notice';
import { dictionaries, lang, LocalText, pick, t } from '../../i18n';

// Cities where many nationals live, as starting points when the browser's location is not shared.
// Names in the host-country languages where they differ from English (pick() falls back to it).
const CITIES: { name: LocalText; lat: number; lon: number }[] = [
  { name: { zh: '米兰', en: 'Milan', it: 'Milano', es: 'Milán', fr: 'Milan', pt: 'Milão', de: 'Mailand' }, lat: 45.464, lon: 9.19 },
  { name: { zh: '罗马', en: 'Rome', it: 'Roma', es: 'Roma', fr: 'Rome', pt: 'Roma', de: 'Rom' }, lat: 41.903, lon: 12.496 },
  { name: { zh: '佛罗伦萨', en: 'Florence', it: 'Firenze', es: 'Florencia', fr: 'Florence', pt: 'Florença', de: 'Florenz' }, lat: 43.77, lon: 11.25 },
  { name: { zh: '马德里', en: 'Madrid' }, lat: 40.417, lon: -3.704 },
  { name: { zh: '巴塞罗那', en: 'Barcelona', it: 'Barcellona', es: 'Barcelona', fr: 'Barcelone', pt: 'Barcelona', de: 'Barcelona' }, lat: 41.385, lon: 2.173 },
  { name: { zh: '巴黎', en: 'Paris', it: 'Parigi', es: 'París', fr: 'Paris', pt: 'Paris', de: 'Paris' }, lat: 48.857, lon: 2.352 },
  { name: { zh: '维也纳', en: 'Vienna', it: 'Vienna', es: 'Viena', fr: 'Vienne', pt: 'Viena', de: 'Wien' }, lat: 48.208, lon: 16.373 },
  { name: { zh: '纽约', en: 'New York', it: 'New York', es: 'Nueva York', fr: 'New York', pt: 'Nova Iorque', de: 'New York' }, lat: 40.713, lon: -74.006 },
  { name: { zh: '圣保罗', en: 'São Paulo', it: 'San Paolo', es: 'São Paulo', fr: 'São Paulo', pt: 'São Paulo', de: 'São Paulo' }, lat: -23.55, lon: -46.633 },
  { name: { zh: '约翰内斯堡', en: 'Johannesburg', it: 'Johannesburg', es: 'Johannesburgo', fr: 'Johannesburg', pt: 'Joanesburgo', de: 'Johannesburg' }, lat: -26.204, lon: 28.047 },
  { name: { zh: '迪拜', en: 'Dubai', it: 'Dubai', es: 'Dubái', fr: 'Dubaï', pt: 'Dubai', de: 'Dubai' }, lat: 25.204, lon: 55.27 },
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

interface Hour {
  days: number[];
  open: string;
  close: string;
}

//! The opening in progress at `now`, or the next one within a week: days ahead and its times.
export function nextOpening(hours: Hour[], now: { day: number; time: string }): { ahead: number; day: number; hour: Hour; openNow: boolean } | null {
  const current = hours.find((h) => h.days.includes(now.day) && now.time >= h.open && now.time < h.close);
  if (current) return { ahead: 0, day: now.day, hour: current, openNow: true };
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = ((now.day - 1 + ahead) % 7) + 1;
    const today = hours
      .filter((h) => h.days.includes(day) && (ahead > 0 || h.open > now.time))
      .sort((a, b) => (a.open < b.open ? -1 : 1));
    if (today.length) return { ahead, day, hour: today[0], openNow: false };
  }
  return null;
}

function Hours(props: { unit: Schemas['Unit'] }) {
  const u = props.unit;
  const now = nowIn(u.timezone);
  const dayName = (d: number) => dayNames()[d - 1] ?? String(d);
  const next = nextOpening(u.opening_hours, now);
  const open = !!next?.openNow;
  // Closed: say when it opens next (in the site's own time), not just that it is closed.
  const when = !next
    ? t('sites.noHours')
    : open
      ? t('sites.openUntil', { time: next.hour.close })
      : next.ahead === 0
        ? t('sites.opensToday', { time: next.hour.open })
        : next.ahead === 1
          ? t('sites.opensTomorrow', { time: next.hour.open })
          : t('sites.opensOn', { day: dayName(next.day), time: next.hour.open });
  return (
    <div class="hours">
      <p>
        <span class={'badge ' + (open ? 'open' : 'closed')}>{open ? t('sites.openNow') : t('sites.closedNow')}</span>{' '}
        <span class="opening">{when}</span>{' '}
        <span class="muted small">{t('sites.localTime', { time: now.time })}</span>
      </p>
      <p class="small">{t('sites.hours', { zone: u.timezone })}:</p>
      <ul class="small">
        {u.opening_hours.map((h, i) => (
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
  const [units, setUnits] = useState<Schemas['Unit'][] | null>(null);
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
    get('/units', {}, q).then((r) => setUnits(r.units), setError);
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
