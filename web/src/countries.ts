// Countries and telephone prefixes for pickers, named in the person's language by the browser
// (Intl.DisplayNames), so no country name is translated by hand. The codes are the 249 assigned
// ISO 3166-1 alpha-2 codes, the same list the server accepts (src/common/countries.cc).
import { signal } from '@preact/signals';
import { lang } from './i18n';

// libphonenumber-js (calling codes and number checks) is ~80 KB, so it is loaded only when a
// form with a phone field is shown; until then the prefix list is empty and numbers are
// checked by shape only.
type Phone = typeof import('libphonenumber-js/min');
const phoneLib = signal<Phone | null>(null);
let loading: Promise<void> | null = null;
export function loadPhoneLibrary() {
  loading ??= import('libphonenumber-js/min').then((m) => {
    phoneLib.value = m;
  });
  return loading;
}

//! True when the number is a valid international number (or the library is not loaded yet).
export function plausiblePhone(s: string): boolean {
  const m = phoneLib.value;
  return m ? m.isValidPhoneNumber(s) : true;
}

export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

const cache = new Map<string, { code: string; name: string }[]>();

//! Every country, named and sorted in the current language.
export function countries(): { code: string; name: string }[] {
  const l = lang.value;
  let list = cache.get(l);
  if (!list) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([l, 'en'], { type: 'region' });
    } catch {
      names = null;
    }
    list = COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code }));
    const collator = new Intl.Collator(l);
    list.sort((a, b) => collator.compare(a.name, b.name));
    cache.set(l, list);
  }
  return list;
}

export function countryName(code: string): string {
  return countries().find((c) => c.code === code)?.name ?? code;
}

//! The international calling code of a country ("39" for IT), or '' when it has none.
export function callingCode(country: string): string {
  const m = phoneLib.value;
  if (!m) return '';
  return m.isSupportedCountry(country as any) ? m.getCountryCallingCode(country as any) : '';
}

//! Countries that have a calling code, for the phone prefix picker.
export function phoneCountries(): { code: string; name: string; prefix: string }[] {
  return countries()
    .map((c) => ({ ...c, prefix: callingCode(c.code) }))
    .filter((c) => c.prefix);
}
