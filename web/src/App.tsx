import { useEffect, useState } from 'preact/hooks';
import { Link } from './components/Link';
import { languages, lang, t } from './i18n';
import { match, path } from './router';
import { isAdmin, isApplicant, servesApplicants, worksCases } from './access';
import { chooseLanguage, loadSession, signOut } from './session';
import { largeText, me, sessionChecked, setLargeText } from './store';
import { Home } from './pages/citizen/Home';
import { CategoryPage, SearchPage } from './pages/citizen/Catalog';
import { ItemPage } from './pages/citizen/ItemPage';
import { Apply } from './pages/citizen/Apply';
import { SignIn, Register } from './pages/citizen/Auth';
import { MyCases, CaseDetail } from './pages/citizen/Cases';
import { CaseReceipt } from './pages/citizen/CaseReceipt';
import { Sites } from './pages/citizen/Sites';
import { Queue } from './pages/staff/Queue';
import { StaffCase } from './pages/staff/StaffCase';
import { CatalogAdmin } from './pages/staff/CatalogAdmin';
import { Loading } from './components/Notice';
import { Appointments } from './pages/citizen/Appointments';
import { VideoSession } from './pages/citizen/VideoSession';
import { StaffAppointments } from './pages/staff/StaffAppointments';
import { StaffVideo } from './pages/staff/StaffVideo';
import { Help, Thread } from './pages/citizen/Help';
import { Inbox } from './pages/citizen/Inbox';
import { StaffConsult } from './pages/staff/StaffConsult';
import { AdminUsers } from './pages/admin/Users';
import { AdminUnits } from './pages/admin/Units';
import { AdminWebhooks } from './pages/admin/Webhooks';
import { unread } from './live';
import { Profile, AccessLog, DeleteAccount } from './pages/citizen/Account';
import { Wallet } from './pages/citizen/Wallet';
import { FindCase } from './pages/staff/FindCase';
import { Assist } from './pages/staff/Assist';
import { GreenChannelDecisions } from './pages/staff/GreenChannel';
import { DifficultQueue } from './pages/staff/Difficult';
import { SharedPage, VerifyPage } from './pages/citizen/Verify';
import { ActingBanner, Mandates } from './pages/citizen/Mandates';
import { MandateChecks } from './pages/staff/MandateChecks';

function Page() {
  const p = path.value;
  let m: Record<string, string> | null;
  if (p === '/' || p.startsWith('/?')) return <Home />;
  if ((m = match('/category/:code', p))) return <CategoryPage code={m.code} />;
  if (match('/search', p)) return <SearchPage />;
  if ((m = match('/items/:code/apply', p))) return <Apply code={m.code} />;
  if ((m = match('/items/:code', p))) return <ItemPage code={m.code} />;
  if (match('/signin', p)) return <SignIn />;
  if (match('/register', p)) return <Register />;
  if (match('/cases', p)) return <MyCases />;
  if ((m = match('/cases/:id/receipt', p))) return <CaseReceipt id={m.id} />;
  if ((m = match('/cases/:id', p))) return <CaseDetail id={m.id} />;
  if (match('/sites', p)) return <Sites />;
  if (match('/wallet', p)) return <Wallet />;
  if (match('/verify', p)) return <VerifyPage />;
  if ((m = match('/verify/:id', p))) return <VerifyPage id={m.id} />;
  if ((m = match('/shared/:token', p))) return <SharedPage token={m.token} />;
  if (match('/appointments', p)) return <Appointments />;
  if (match('/mandates', p)) return <Mandates />;
  if (match('/staff/mandates', p)) return <MandateChecks />;
  if (match('/help', p)) return <Help />;
  if ((m = match('/help/:id', p))) return <Thread id={m.id} />;
  if (match('/inbox', p)) return <Inbox />;
  if (match('/account', p)) return <Profile />;
  if (match('/account/access-log', p)) return <AccessLog />;
  if (match('/account/delete', p)) return <DeleteAccount />;
  if (match('/staff/consult', p)) return <StaffConsult />;
  if (match('/staff/admin/users', p)) return <AdminUsers />;
  if (match('/staff/admin/units', p)) return <AdminUnits />;
  if (match('/staff/admin/webhooks', p) || match('/staff/deliveries', p)) return <AdminWebhooks />;
  if ((m = match('/staff/consult/:id', p))) return <Thread id={m.id} staff />;
  if ((m = match('/video/:id', p))) return <VideoSession id={m.id} />;
  if (match('/staff/appointments', p)) return <StaffAppointments />;
  if ((m = match('/staff/video/:id', p))) return <StaffVideo id={m.id} />;
  if (match('/staff/find', p)) return <FindCase />;
  if (match('/staff/assist', p)) return <Assist />;
  if (match('/staff/green-channel', p)) return <GreenChannelDecisions />;
  if (match('/staff/difficult', p)) return <DifficultQueue />;
  if (match('/staff', p)) return <Queue />;
  if ((m = match('/staff/cases/:id', p))) return <StaffCase id={m.id} />;
  if (match('/staff/catalog', p)) return <CatalogAdmin />;
  return <Home />;
}

function Nav() {
  const user = me.value;
  const p = path.value;
  const here = (prefix: string) => (p === prefix || (prefix !== '/' && p.startsWith(prefix)) ? 'page' : undefined);
  return (
    <nav aria-label={t('app.nav')}>
      <ul>
        <li><Link href="/" aria-current={here('/')}>{t('app.home')}</Link></li>
        <li><Link href="/sites" aria-current={here('/sites')}>{t('app.sites')}</Link></li>
        <li><Link href="/help" aria-current={here('/help')}>{t('app.help')}</Link></li>
        <li><Link href="/verify" aria-current={here('/verify')}>{t('app.verify')}</Link></li>
        {user && isApplicant(user.role) ? <li><Link href="/cases" aria-current={here('/cases')}>{t('app.myCases')}</Link></li> : null}
        {user && isApplicant(user.role) ? <li><Link href="/wallet" aria-current={here('/wallet')}>{t('app.wallet')}</Link></li> : null}
        {user && isApplicant(user.role) ? <li><Link href="/appointments" aria-current={here('/appointments')}>{t('app.appointments')}</Link></li> : null}
        {user && isApplicant(user.role) ? <li><Link href="/mandates" aria-current={here('/mandates')}>{t('mandates.menu')}</Link></li> : null}
        {user && worksCases(user.role) ? <li><Link href="/staff" aria-current={p === '/staff' || p.startsWith('/staff/cases') ? 'page' : undefined}>{t('app.queue')}</Link></li> : null}
        {user && user.role === 'supervisor' ? <li><Link href="/staff/green-channel" aria-current={here('/staff/green-channel')}>{t('staff.greenChannel.menu')}</Link></li> : null}
        {user && servesApplicants(user.role) ? <li><Link href="/staff/appointments" aria-current={here('/staff/appointments')}>{t('app.appointments')}</Link></li> : null}
        {user && servesApplicants(user.role) ? <li><Link href="/staff/consult" aria-current={here('/staff/consult')}>{t('app.consult')}</Link></li> : null}
        {user && servesApplicants(user.role) ? <li><Link href="/staff/find" aria-current={here('/staff/find')}>{t('staff.find.menu')}</Link></li> : null}
        {user && servesApplicants(user.role) ? <li><Link href="/staff/assist" aria-current={here('/staff/assist')}>{t('staff.assist.menu')}</Link></li> : null}
        {user && servesApplicants(user.role) ? <li><Link href="/staff/mandates" aria-current={here('/staff/mandates')}>{t('staff.mandates.menu')}</Link></li> : null}
        {user ? <li><Link href="/inbox" aria-current={here('/inbox')}>{t('app.inbox')}{unread.value ? <span class="count"> {unread.value}<span class="sr-only"> {t('inbox.unread')}</span></span> : null}</Link></li> : null}
        {user ? <li><Link href="/account" aria-current={here('/account')}>{t('app.account')}</Link></li> : null}
        {user && isAdmin(user.role) ? <li><Link href="/staff/admin/users" aria-current={here('/staff/admin/users')}>{t('admin.menu.users')}</Link></li> : null}
        {user && isAdmin(user.role) ? <li><Link href="/staff/admin/units" aria-current={here('/staff/admin/units')}>{t('admin.menu.units')}</Link></li> : null}
        {user && isAdmin(user.role) ? <li><Link href="/staff/admin/webhooks" aria-current={here('/staff/admin/webhooks')}>{t('admin.menu.webhooks')}</Link></li> : null}
        {user && isAdmin(user.role) ? <li><Link href="/staff/catalog" aria-current={here('/staff/catalog')}>{t('app.catalogAdmin')}</Link></li> : null}
      </ul>
    </nav>
  );
}

export function App() {
  useEffect(() => {
    loadSession();
  }, []);
  // On a phone the menu folds behind one button, so the page starts near the top of the screen.
  // It stays open on the page where it was opened and is folded on any other: tied to the path
  // itself rather than closed by an effect after a navigation, which runs a frame later and
  // could fold a menu opened in between.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === path.value;
  const setMenuOpen = (open: boolean) => setMenuOpenOn(open ? path.value : null);
  const user = me.value;
  return (
    <>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header class="top">
        <div class="brand">
          <Link href="/" class="logo">{t('app.title')}</Link>
          <span class="tagline">{t('app.tagline')}</span>
        </div>
        <div class="prefs">
          <label class="lang">
            <span class="sr-only">{t('app.language')}</span>
            <select value={lang.value} onChange={(e) => chooseLanguage((e.target as HTMLSelectElement).value)} aria-label={t('app.language')}>
              {languages.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>
              ))}
            </select>
          </label>
          <label class="toggle">
            <input type="checkbox" checked={largeText.value} onChange={(e) => setLargeText((e.target as HTMLInputElement).checked)} />
            {t('app.largeText')}
          </label>
          <button type="button" class="menu-toggle" aria-expanded={menuOpen} aria-controls="main-menu"
            onClick={() => setMenuOpen(!menuOpen)}>
            {t('app.menu')}{unread.value ? <span class="count"> {unread.value}<span class="sr-only"> {t('inbox.unread')}</span></span> : null}
          </button>
          {user ? (
            <span class="who">
              <span class="muted">{t('app.signedInAs', { name: user.display_name })}</span>
              <button type="button" class="link" onClick={() => signOut()}>{t('app.signOut')}</button>
            </span>
          ) : (
            <Link href="/signin">{t('app.signIn')}</Link>
          )}
        </div>
        <div id="main-menu" class={'menu' + (menuOpen ? ' open' : '')}>
          <Nav />
        </div>
      </header>
      <main id="main" class={path.value.startsWith('/staff') ? 'wide' : ''}>
        <ActingBanner />
        {sessionChecked.value ? <Page /> : <Loading />}
      </main>
    </>
  );
}
