import { ApiProblem, SaasgateClient, type Me, type Plan, type UsageSummary } from '@saasgate/client';

/** What the server that serves this app says (dev-support's /config.json); Vite's env in `npm run dev`. */
interface AppConfig {
  gatewayUrl: string;
  mailboxUrl?: string;
  /** An upstream route whose calls spend a metered resource (the "Try it" button), e.g. intelligence. */
  meteredService?: string;
}

type Child = Node | string | null | undefined | false;

/** Builds an element; text is always set as text, never parsed as HTML. */
function h(tag: string, attrs: Record<string, string | boolean | ((e: Event) => void)> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const status = document.getElementById('status')!;
let api: SaasgateClient;
let config: AppConfig;
let stopPolling: (() => void) | null = null;

function say(message: string) {
  status.textContent = message;
  setTimeout(() => status.textContent === message && (status.textContent = ''), 5000);
}

/** A page: its title goes to <h1> and the document title, and focus moves there for screen readers. */
function page(title: string, ...children: Child[]) {
  stopPolling?.();
  stopPolling = null;
  document.title = `${title} · saasgate`;
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...children.filter((c): c is Node | string => Boolean(c)));
  heading.focus();
  renderNav();
}

function go(path: string) {
  history.pushState(null, '', path);
  route();
}

function link(path: string, text: string) {
  return h('a', { href: path, onclick: (e) => { e.preventDefault(); go(path); } }, text);
}

function errorBox(): HTMLElement {
  return h('p', { class: 'error', role: 'alert' });
}

function field(label: string, name: string, type: string, extra: Record<string, string | boolean> = {}) {
  const id = `f-${name}`;
  return [h('label', { for: id }, label), h('input', { id, name, type, required: true, ...extra })];
}

/** A form whose submit runs `action`, disabling the button and showing the problem's detail on failure. */
function form(submitText: string, fields: Node[], action: (data: FormData) => Promise<void>) {
  const errors = errorBox();
  const button = h('button', { type: 'submit' }, submitText) as HTMLButtonElement;
  const element = h('form', { novalidate: false }, ...fields, button, errors) as HTMLFormElement;
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.textContent = '';
    button.disabled = true;
    try {
      await action(new FormData(element));
    } catch (error) {
      errors.textContent = describe(error);
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

function describe(error: unknown): string {
  if (error instanceof ApiProblem) {
    const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
    return `${error.detail ?? error.title} (${error.code})${wait}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function renderNav() {
  const items: Node[] = api.signedIn
    ? [link('/account', 'Account'), link('/billing', 'Plans')]
    : [link('/login', 'Log in'), link('/signup', 'Sign up'), link('/billing', 'Plans')];
  nav.replaceChildren(...items);
}

function param(name: string): string {
  return new URLSearchParams(location.search).get(name) ?? '';
}

// ---- pages ----

function signUpPage() {
  page('Create your account',
    h('p', { class: 'hint' }, 'A 14-day trial, no card needed.'),
    form('Sign up', [
      ...field('Name', 'name', 'text', { autocomplete: 'name', required: false }),
      ...field('Email', 'email', 'email', { autocomplete: 'email' }),
      ...field('Password (10 characters or more)', 'password', 'password', { autocomplete: 'new-password', minlength: '10' }),
    ], async (data) => {
      const email = String(data.get('email'));
      await api.register({ email, password: String(data.get('password')), name: String(data.get('name') || '') || undefined });
      go(`/check-mail?email=${encodeURIComponent(email)}`);
    }),
    h('p', {}, 'Already have an account? ', link('/login', 'Log in')));
}

function checkMailPage() {
  const email = param('email');
  const resend = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try { await api.resendVerification(email); say('Sent again, if the address has an unverified account.'); }
    catch (error) { say(describe(error)); }
  } }, 'Send it again');
  page('Check your mail',
    h('p', {}, 'We sent a verification link to ', h('strong', {}, email || 'your address'), '. Open it to finish signing up.'),
    config.mailboxUrl ? h('p', {}, 'Running the dev suite? The mail is in the ', h('a', { href: config.mailboxUrl, target: '_blank', rel: 'noopener' }, 'dev mailbox'), '.') : null,
    email ? resend : null);
}

async function verifyPage() {
  page('Verifying your email…', h('p', { class: 'hint' }, 'One moment.'));
  try {
    await api.verifyEmail(param('token'));
    history.replaceState(null, '', '/account');
    say('Email verified. Welcome!');
    await accountPage();
  } catch (error) {
    page('Verification failed', h('p', { class: 'error', role: 'alert' }, describe(error)),
      h('p', {}, 'The link may have been used or expired. ', link('/login', 'Log in'), ' to get a new one.'));
  }
}

function loginPage() {
  page('Log in',
    form('Log in', [
      ...field('Email', 'email', 'email', { autocomplete: 'username' }),
      ...field('Password', 'password', 'password', { autocomplete: 'current-password' }),
    ], async (data) => {
      await api.login(String(data.get('email')), String(data.get('password')));
      go('/account');
    }),
    h('p', {}, link('/forgot-password', 'Forgot your password?'), ' · ', link('/signup', 'Create an account')));
}

function forgotPage() {
  page('Reset your password',
    form('Send the reset link', [...field('Email', 'email', 'email', { autocomplete: 'email' })], async (data) => {
      await api.forgotPassword(String(data.get('email')));
      page('Check your mail', h('p', {}, 'If the address has an account, a reset link is on its way.'),
        config.mailboxUrl ? h('p', {}, h('a', { href: config.mailboxUrl, target: '_blank', rel: 'noopener' }, 'Open the dev mailbox')) : null);
    }));
}

function resetPage() {
  page('Choose a new password',
    form('Set the password', [...field('New password (10 characters or more)', 'password', 'password', { autocomplete: 'new-password', minlength: '10' })], async (data) => {
      await api.resetPassword(param('token'), String(data.get('password')));
      say('Password changed; every session was signed out.');
      go('/login');
    }));
}

function trialDaysLeft(me: Me): number | null {
  if (!me.trialEndsAt || me.tier !== 'free_trial') return null;
  return Math.max(0, Math.ceil((Date.parse(me.trialEndsAt) - Date.now()) / 86_400_000));
}

function meters(usage: UsageSummary): Node {
  const rows = (usage.resources ?? []).map((r) => {
    const used = Number(r.used ?? 0);
    const limit = Number(r.limit ?? 0);
    const id = `meter-${r.resourceType}`;
    return h('div', { class: 'meter' },
      h('label', { for: id }, `${r.resourceType}: ${used.toLocaleString()} of ${limit.toLocaleString()} used`),
      h('meter', { id, min: '0', max: String(Math.max(limit, 1)), value: String(used), low: String(limit * 0.7), high: String(limit * 0.9), optimum: '0' }, `${used} of ${limit}`));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'usage-h' }, h('h2', { id: 'usage-h' }, 'Usage this period'), ...rows);
}

function accountDetails(me: Me): Node {
  const days = trialDaysLeft(me);
  return h('dl', { 'data-testid': 'account' },
    h('dt', {}, 'Email'), h('dd', {}, me.email ?? ''),
    h('dt', {}, 'Plan'), h('dd', { 'data-testid': 'plan' }, h('span', { class: 'tier' }, me.tier ?? '')),
    h('dt', {}, 'Effective tier'), h('dd', { 'data-testid': 'effective-tier' }, h('span', { class: 'tier' }, me.effectiveTier ?? '')),
    days !== null && h('dt', {}, 'Trial'), days !== null && h('dd', { 'data-testid': 'trial-days' }, `${days} day${days === 1 ? '' : 's'} left`));
}

function upgradePrompt(problem: ApiProblem): Node {
  const url = problem.upgradeUrl ?? '/billing';
  const reset = problem.resetAt ? ` It resets on ${new Date(problem.resetAt).toLocaleDateString()}.` : '';
  return h('section', { class: 'card upgrade', role: 'alert', 'data-testid': 'upgrade-prompt' },
    h('h2', {}, problem.code === 'quota_exceeded' ? 'You have used this month’s quota' : 'Slow down a little'),
    h('p', {}, `Your ${problem.tier ?? 'current'} plan allows ${problem.limit ?? 'a limited amount'}; ${problem.remaining ?? 0} left.${reset}`),
    h('a', { class: 'button', href: url }, 'Upgrade your plan'));
}

async function accountPage() {
  if (!api.signedIn) return go('/login');
  let me: Me;
  let usage: UsageSummary | null = null;
  try {
    me = await api.me();
    usage = await api.usageSummary().catch(() => null);
  } catch (error) {
    if (!api.signedIn) return go('/login');
    return page('Account', h('p', { class: 'error', role: 'alert' }, describe(error)));
  }
  const details = h('div', {}, accountDetails(me));
  const tryOut = h('div', {});
  const actions = h('div', {},
    h('button', { type: 'button', onclick: () => go('/billing') }, 'Change plan'),
    h('button', { type: 'button', class: 'secondary', onclick: openPortal }, 'Billing portal'),
    h('button', { type: 'button', class: 'secondary', onclick: async () => { await api.logout(); } }, 'Log out'),
    h('button', { type: 'button', class: 'secondary', onclick: async () => { await api.logoutAll(); } }, 'Log out everywhere'));
  const tryButton = config.meteredService && h('button', { type: 'button', class: 'secondary', onclick: async () => {
    tryOut.replaceChildren(h('p', { class: 'hint' }, 'Calling…'));
    try {
      await api.authed({ method: 'POST', path: `/api/${config.meteredService}/demo`, body: { prompt: 'hello' } });
      tryOut.replaceChildren(h('p', { class: 'ok' }, `The ${config.meteredService} service answered.`));
    } catch (error) {
      tryOut.replaceChildren(error instanceof ApiProblem && error.status === 429 ? upgradePrompt(error) : h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  } }, `Try the ${config.meteredService} service`);
  page('Your account', details, usage && meters(usage), tryButton || null, tryOut, actions);
  // A tier bought in another tab, or applied by a webhook, shows up without a reload.
  stopPolling = poll(5000, async () => {
    const fresh = await api.me();
    if (fresh.tier !== me.tier || fresh.effectiveTier !== me.effectiveTier) {
      me = fresh;
      details.replaceChildren(accountDetails(fresh));
      say(`Your plan is now ${fresh.effectiveTier}.`);
    }
  });
}

function poll(ms: number, task: () => Promise<void>): () => void {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try { await task(); } catch { /* the next tick tries again */ }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  let timer = setTimeout(tick, ms);
  return () => { stopped = true; clearTimeout(timer); };
}

async function openPortal() {
  try { location.href = await api.portal(); }
  catch (error) { say(describe(error)); }
}

function price(plan: Plan): string {
  const amount = Number(plan.monthlyPrice ?? 0) / 100;
  return amount === 0 ? 'Free' : `${amount.toLocaleString(undefined, { style: 'currency', currency: (plan.currency ?? 'usd').toUpperCase() })} a month`;
}

async function plansPage() {
  const plans = await api.plans();
  const current = api.signedIn ? await api.me().catch(() => null) : null;
  const errors = errorBox();
  const cards = plans.filter((p) => p.tier !== 'free_trial').map((plan) => {
    const limits = Object.entries(plan.limits ?? {}).map(([name, value]) => h('li', {}, `${name}: ${Number(value).toLocaleString()}`));
    const paid = Boolean(plan.priceId);
    const isCurrent = current?.effectiveTier === plan.tier;
    const buy = paid && !isCurrent && h('button', { type: 'button', 'aria-label': `Upgrade to ${plan.name}`, onclick: async (e) => {
      if (!api.signedIn) return go('/login');
      (e.target as HTMLButtonElement).disabled = true;
      try { location.href = await api.checkout(plan.tier); }
      catch (error) {
        errors.textContent = describe(error);
        (e.target as HTMLButtonElement).disabled = false;
      }
    } }, `Upgrade to ${plan.name}`);
    return h('section', { class: 'card', 'aria-label': `${plan.name} plan` },
      h('h2', {}, plan.name ?? plan.tier ?? ''), h('p', {}, price(plan)), h('ul', {}, ...limits),
      isCurrent ? h('p', { class: 'ok' }, 'Your plan') : buy);
  });
  page('Plans', current && h('p', {}, 'You are on ', h('span', { class: 'tier' }, current.effectiveTier ?? ''), '.'),
    h('div', { class: 'plans' }, ...cards), errors,
    api.signedIn && h('p', {}, 'Already subscribed? Change or cancel in the ', h('a', { href: '#', onclick: (e) => { e.preventDefault(); openPortal(); } }, 'billing portal'), '.'));
}

async function checkoutDonePage() {
  if (!api.signedIn) return go('/login');
  const before = await api.me();
  const state = h('p', { 'data-testid': 'checkout-state' }, 'Payment received. Waiting for your new plan to be applied…');
  page('Thank you!', state);
  stopPolling = poll(1000, async () => {
    const me = await api.me();
    if (me.tier === 'basic' || me.tier === 'pro') {
      stopPolling?.();
      history.replaceState(null, '', '/account');
      say(`Your plan is now ${me.effectiveTier}.`);
      await accountPage();
    } else if (before.tier !== me.tier) {
      state.textContent = `Your plan is now ${me.tier}.`;
    }
  });
}

const routes: Record<string, () => void | Promise<void>> = {
  '/signup': signUpPage,
  '/check-mail': checkMailPage,
  '/verify-email': verifyPage,
  '/login': loginPage,
  '/forgot-password': forgotPage,
  '/reset-password': resetPage,
  '/account': accountPage,
  '/billing': plansPage,
  '/billing/success': checkoutDonePage,
  '/billing/cancel': () => page('Checkout cancelled', h('p', {}, 'Nothing was charged. ', link('/billing', 'Back to the plans'))),
};

async function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const render = routes[path] ?? (() => go(api.signedIn ? '/account' : '/login'));
  try {
    await render();
  } catch (error) {
    page('Something went wrong', h('p', { class: 'error', role: 'alert' }, describe(error)));
  }
}

async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) return (await response.json()) as AppConfig;
  } catch {
    // `npm run dev`: no config server; Vite's env or the contract's default.
  }
  return { gatewayUrl: import.meta.env.VITE_GATEWAY_URL ?? 'http://localhost:5000' };
}

async function start() {
  config = await loadConfig();
  api = new SaasgateClient({ baseUrl: config.gatewayUrl });
  // For the browser tests and devtools: the one client of this tab.
  (window as unknown as { saasgate: SaasgateClient }).saasgate = api;
  api.onSessionChange((event) => {
    if (event.type === 'signedOut') {
      say(event.reason === 'token_reused' ? 'Your session was revoked. Log in again.' : 'You were logged out.');
      go('/login');
    } else if (event.type === 'signedIn' && !event.here && location.pathname === '/login') {
      // Signed in in another tab: this one follows.
      go('/account');
    }
  });
  addEventListener('popstate', route);
  await route();
}

start();
