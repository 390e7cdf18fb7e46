import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, lazy, Route, Router, useLocation } from 'preact-iso';
import type { Me } from '../../../functions/contract.ts';
import { dir } from '../api.ts';
import { signOut } from '../auth.ts';
import { billingPages } from '../billing/pages.ts';
import { lang, roleLabel, setLang, t } from '../i18n.ts';
import {
  homeOf,
  isActive,
  isFirstFor,
  navGroups,
  navHref,
  propertyFromPath,
  switchPath,
  visibleNav,
} from '../nav.ts';
import { isHeadOffice, me } from '../state.ts';
import { NotificationBell } from './NotificationBell.tsx';
import { Empty, ErrorBox, Loading, NoAccess } from './ui.tsx';

const Overview = lazy(() => import('../pages/Overview.tsx'));
const PropertyHome = lazy(() => import('../pages/PropertyHome.tsx'));
const Buildings = lazy(() => import('../pages/Buildings.tsx'));
const Units = lazy(() => import('../pages/Units.tsx'));
const UnitDetail = lazy(() => import('../pages/UnitDetail.tsx'));
const Households = lazy(() => import('../pages/Households.tsx'));
const StaffPage = lazy(() => import('../pages/Staff.tsx'));
const Settings = lazy(() => import('../pages/Settings.tsx'));
const Import = lazy(() => import('../pages/Import.tsx'));
const Ledger = lazy(() => import('../pages/Ledger.tsx'));
const Tickets = lazy(() => import('../pages/Tickets.tsx'));
const TicketDetail = lazy(() => import('../pages/TicketDetail.tsx'));
const MyJobs = lazy(() => import('../pages/MyJobs.tsx'));
const Notifications = lazy(() => import('../pages/Notifications.tsx'));
const Outbox = lazy(() => import('../pages/Outbox.tsx'));
const SlaSettings = lazy(() => import('../pages/SlaSettings.tsx'));
const InfoFile = lazy(() => import('../pages/InfoFile.tsx'));
const LedgerReview = lazy(() => import('../pages/LedgerReview.tsx'));
const Reports = lazy(() => import('../pages/Reports.tsx'));
const Report = lazy(() => import('../pages/Report.tsx'));
const ReportsOverview = lazy(() => import('../pages/ReportsOverview.tsx'));
const TicketPrint = lazy(() => import('../pages/TicketPrint.tsx'));
const Holidays = lazy(() => import('../pages/Holidays.tsx'));

const pages = [
  Overview,
  PropertyHome,
  Buildings,
  Units,
  UnitDetail,
  Households,
  StaffPage,
  Settings,
  Import,
  Ledger,
  Tickets,
  TicketDetail,
  MyJobs,
  Notifications,
  Outbox,
  SlaSettings,
  InfoFile,
  LedgerReview,
  Holidays,
];

/**
 * Once the shell shows, the other pages load while the browser is idle (≈ 40 KB gzip in all): moving
 * between ledger, tickets and notifications then never waits on a download, and the router never has
 * to swap pages while one is still loading (a click on the bell during such a swap could leave the
 * new page unrendered).
 */
function preloadPages() {
  const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1000));
  whenIdle(() => {
    for (const page of pages) void page.preload().catch(() => undefined);
  });
}

const routeLoading = signal(false);
const meError = signal<unknown>(null);

async function loadMe() {
  meError.value = null;
  try {
    me.value = await dir.get<Me>('/me');
  } catch (error) {
    meError.value = error;
  }
}

function NotFoundPage() {
  return (
    <Empty title={t('notFound.title')} hint={t('notFound.hint')}>
      <a class="btn btn-primary" href="/">
        {t('noAccess.back')}
      </a>
    </Empty>
  );
}

/** `/`: head office sees every property; a technician their jobs; everyone else their (first) property. */
function Home() {
  const { route } = useLocation();
  const properties = me.value?.properties ?? [];
  const first = properties[0];
  const headOffice = isHeadOffice.value;
  const roles = me.value?.staff.roles ?? [];
  useEffect(() => {
    if (!headOffice && first) route(homeOf(first.id, roles), true);
  }, [headOffice, first, route, roles]);
  if (headOffice) return <Overview />;
  if (!first) return <Empty title={t('home.noProperty')} hint={t('home.noPropertyHint')} />;
  return <Loading />;
}

function PropertySwitcher({ propertyId, sub }: { propertyId: string | null; sub: string }) {
  const { route } = useLocation();
  const properties = me.value?.properties ?? [];
  const headOffice = isHeadOffice.value;
  if (!headOffice && properties.length <= 1) {
    const only = properties[0];
    return only ? (
      <div class="switcher switcher-single" data-testid="property-name">
        <span class="switcher-label">{t('shell.property')}</span>
        <strong>{only.name}</strong>
      </div>
    ) : null;
  }
  const known = properties.some((p) => p.id === propertyId);
  return (
    <label class="switcher">
      <span class="switcher-label">{t('shell.property')}</span>
      <select
        data-testid="property-switcher"
        value={known && propertyId ? propertyId : ''}
        onChange={(e) => {
          const id = e.currentTarget.value;
          route(id ? switchPath(sub, id) : '/');
        }}
      >
        {headOffice ? (
          <option value="">{t('shell.allProperties')}</option>
        ) : (
          !known && (
            <option value="" disabled>
              {t('shell.pickProperty')}
            </option>
          )
        )}
        {properties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.city ? ` · ${p.city}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

function Nav({ propertyId, path }: { propertyId: string | null; path: string }) {
  const user = me.value!;
  const items = visibleNav(user.permissions, user.staff.roles);
  const links = items
    .map((item) => ({ item, href: navHref(item, propertyId) }))
    .filter((x): x is { item: (typeof items)[number]; href: string } => x.href !== null);
  // A technician's own list leads the menu: on a phone the first link is the one in view.
  const first = links.filter((x) => isFirstFor(x.item, user.staff.roles));
  const rest = links.filter((x) => !first.includes(x));
  const groups = [
    { key: 'first', label: null, links: first },
    ...navGroups.map((g) => ({
      key: g.key,
      label: g.label,
      links: rest.filter((x) => x.item.group === g.key),
    })),
  ];
  return (
    <nav class="nav" aria-label={t('shell.navigation')}>
      {groups.map((group) => {
        const inGroup = group.links;
        if (!inGroup.length) return null;
        return (
          <div class="nav-group" key={group.key}>
            {group.label && <div class="nav-group-label">{t(group.label)}</div>}
            {inGroup.map(({ item, href }) => (
              <a
                key={item.key}
                href={href}
                class={`nav-link${isActive(item, href, path) ? ' nav-link-active' : ''}`}
                aria-current={isActive(item, href, path) ? 'page' : undefined}
                data-nav={item.key}
              >
                {t(item.label)}
              </a>
            ))}
          </div>
        );
      })}
    </nav>
  );
}

export function Shell() {
  const { path } = useLocation();
  const user = me.value;
  useEffect(() => {
    if (!me.value) void loadMe();
    preloadPages();
  }, []);

  if (!user) {
    return (
      <div class="center-page">
        {meError.value ? (
          <div class="card narrow">
            <ErrorBox error={meError.value} onRetry={loadMe} />
            <button type="button" class="btn" onClick={signOut}>
              {t('shell.signOut')}
            </button>
          </div>
        ) : (
          <Loading />
        )}
      </div>
    );
  }

  const { propertyId, sub } = propertyFromPath(path);
  const allowed = !propertyId || user.properties.some((p) => p.id === propertyId);
  const role = user.staff.roles[0];
  // On a page outside any property (or one the user cannot open), a clerk's menu still leads to their own.
  const navProperty =
    allowed && propertyId ? propertyId : isHeadOffice.value ? null : (user.properties[0]?.id ?? null);

  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="/">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path d="M8 25V13l8-6 8 6v12h-6v-7h-4v7z" fill="#fff" />
          </svg>
          <span>{t('app.name')}</span>
        </a>
        <PropertySwitcher propertyId={allowed ? propertyId : null} sub={sub} />
        <div class="topbar-right">
          {user.permissions.includes('notification.read') && <NotificationBell />}
          <button
            type="button"
            class="btn btn-ghost"
            data-testid="lang-switch"
            onClick={() => setLang(lang.value === 'en' ? 'zh-CN' : 'en')}
          >
            {lang.value === 'en' ? '中文' : 'English'}
          </button>
          <div class="user">
            <div class="user-name">{user.staff.name}</div>
            <div class="user-role muted">{role ? roleLabel(role) : ''}</div>
          </div>
          <button type="button" class="btn btn-ghost" onClick={signOut} data-testid="sign-out">
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <div class="body">
        <Nav propertyId={navProperty} path={path} />
        <main class="main" id="main">
          {routeLoading.value && <div class="route-progress" aria-hidden="true" />}
          {allowed ? (
            <ErrorBoundary>
              <Router
                onLoadStart={() => {
                  routeLoading.value = true;
                }}
                onLoadEnd={() => {
                  routeLoading.value = false;
                }}
              >
                <Route path="/" component={Home} />
                <Route path="/p/:propertyId" component={PropertyHome} />
                <Route path="/p/:propertyId/buildings" component={Buildings} />
                <Route path="/p/:propertyId/units" component={Units} />
                <Route path="/p/:propertyId/units/:unitId" component={UnitDetail} />
                <Route path="/p/:propertyId/households" component={Households} />
                <Route path="/p/:propertyId/staff" component={StaffPage} />
                <Route path="/p/:propertyId/settings" component={Settings} />
                <Route path="/p/:propertyId/import" component={Import} />
                <Route path="/p/:propertyId/ledger" component={Ledger} />
                <Route path="/p/:propertyId/tickets" component={Tickets} />
                <Route path="/p/:propertyId/tickets/:ticketId" component={TicketDetail} />
                <Route path="/p/:propertyId/my-jobs" component={MyJobs} />
                <Route path="/notifications" component={Notifications} />
                <Route path="/holidays" component={Holidays} />
                <Route path="/p/:propertyId/outbox" component={Outbox} />
                <Route path="/p/:propertyId/sla" component={SlaSettings} />
                <Route path="/p/:propertyId/info" component={InfoFile} />
                <Route path="/p/:propertyId/ledger-review" component={LedgerReview} />
                <Route path="/p/:propertyId/reports" component={Reports} />
                <Route path="/p/:propertyId/reports/:kind/:period" component={Report} />
                <Route path="/reports" component={ReportsOverview} />
                <Route path="/p/:propertyId/tickets/:ticketId/print" component={TicketPrint} />
                {billingPages.map((page) => (
                  <Route key={page.path} path={page.path} component={page.component} />
                ))}
                <Route default component={NotFoundPage} />
              </Router>
            </ErrorBoundary>
          ) : (
            <NoAccess />
          )}
        </main>
      </div>
    </div>
  );
}
