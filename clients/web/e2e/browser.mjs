// Browser tests of the reference app in real Chromium (Debian's, driven by playwright-core) through the
// real gateway. Run by e2e's BrowserIT, which starts the suite and passes where everything is:
//   node e2e/browser.mjs <journey|tabs|logout|cors|expired-trial>
// Environment: WEB_URL, GATEWAY_URL, MAILBOX_URL, CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (a
// directory), USER_EMAIL / USER_PASSWORD (a verified user, for tabs, logout and expired-trial).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const WEB = env('WEB_URL');
const GATEWAY = env('GATEWAY_URL');
const SHOTS = process.env.SCREENSHOTS;
const TIMEOUT = 15_000;
/** The client's lock and channel name when the app gives none (clients/js `ClientOptions.name`). */
const LOCK = 'saasgate-session';

async function shot(page, name, fullPage = true) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

async function heading(page, text) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: TIMEOUT });
}

async function login(page, email, password) {
  await page.goto(`${WEB}/login`);
  await heading(page, 'Log in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await heading(page, 'Your account');
}

const scenarios = {
  /** Sign up, the mail in the dev mailbox, verify, upgrade through the Stripe stand-in, the new tier shown. */
  async journey(context) {
    const page = await context.newPage();
    const email = `browser-${Date.now()}@example.com`;
    await page.goto(`${WEB}/signup`);
    await heading(page, 'Create your account');
    await page.getByLabel('Name').fill('Ada Browser');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password (10 characters or more)').fill('correct-horse-battery-staple');
    await shot(page, '01-sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await heading(page, 'Check your mail');
    await shot(page, '02-check-your-mail');

    const mailboxLink = page.getByRole('link', { name: 'dev mailbox' });
    const mailboxUrl = await mailboxLink.getAttribute('href');
    assert.equal(mailboxUrl, env('MAILBOX_URL'));
    const mailbox = await context.newPage();
    // The mailbox lists every mail of the run: the link in the one to this address.
    const verifyLink = mailbox.locator('article', { hasText: email }).locator(`a[href^="${WEB}/verify-email?token="]`).first();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await mailbox.goto(mailboxUrl);
      if ((await verifyLink.count()) > 0) break;
      assert.ok(Date.now() < deadline, `no verification mail for ${email} in the dev mailbox`);
      await mailbox.waitForTimeout(500);
    }
    // The mailbox lists every mail of the run: its first screen only.
    await shot(mailbox, '03-dev-mailbox', false);
    await verifyLink.click();
    await heading(mailbox, 'Your account');
    assert.equal(await mailbox.getByTestId('plan').innerText(), 'free_trial');
    assert.equal(await mailbox.getByTestId('effective-tier').innerText(), 'free_trial');
    assert.match(await mailbox.getByTestId('trial-days').innerText(), /^[1-9]\d* days? left$/);
    assert.ok((await mailbox.locator('meter').count()) >= 3, 'a usage meter per resource');
    await shot(mailbox, '04-account-trial');

    await mailbox.getByRole('button', { name: 'Change plan' }).click();
    await heading(mailbox, 'Plans');
    await shot(mailbox, '05-plans');
    await mailbox.getByRole('button', { name: 'Upgrade to Pro' }).click();
    await mailbox.getByRole('button', { name: 'Pay (test)' }).waitFor({ timeout: TIMEOUT });
    await shot(mailbox, '06-checkout-stand-in');
    await mailbox.getByRole('button', { name: 'Pay (test)' }).click();
    // Back in the app on /billing/success, which polls /api/auth/me until the webhooks applied the tier.
    await heading(mailbox, 'Your account');
    await mailbox.getByTestId('plan').getByText('pro', { exact: true }).waitFor({ timeout: TIMEOUT });
    assert.equal(await mailbox.getByTestId('effective-tier').innerText(), 'pro');
    await shot(mailbox, '07-account-pro');

    await mailbox.getByRole('button', { name: 'Billing portal' }).click();
    await heading(mailbox, 'Billing portal (test)');
    await shot(mailbox, '08-billing-portal');
  },

  /** Two tabs refreshing at once: one refresh call on the wire, both keep working with the same pair. */
  async tabs(context) {
    const [email, password] = [env('USER_EMAIL'), env('USER_PASSWORD')];
    const first = await context.newPage();
    await login(first, email, password);
    const second = await context.newPage();
    await second.goto(`${WEB}/account`);
    await heading(second, 'Your account');

    const refreshes = [];
    context.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/auth/refresh') refreshes.push(request.url());
    });
    const refreshNow = (page) => page.evaluate(() => window.saasgate.session.refresh().then((t) => t.accessToken));
    // "At once" made sure: the test holds the tabs' lock (the client's default name) until both tabs'
    // refreshes wait for it. Without that, a loaded machine could finish the first tab's refresh, its
    // broadcast included, before the second tab even asked, and a refresh asked for afterwards is a new one.
    await first.evaluate((name) => new Promise((held) => {
      navigator.locks.request(name, () => new Promise((release) => {
        window.releaseTestLock = release;
        held();
      }));
    }), LOCK);
    const both = Promise.all([refreshNow(first), refreshNow(second)]);
    const waiting = () => first.evaluate((name) => navigator.locks.query()
      .then((state) => state.pending.filter((lock) => lock.name === name).length), LOCK);
    for (let polls = 0; (await waiting()) < 2; polls++) {
      assert.ok(polls < 300, 'both tabs wait for the refresh lock');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await first.evaluate(() => window.releaseTestLock());
    const [a, b] = await both;

    assert.equal(refreshes.length, 1, `refresh calls on the wire: ${refreshes.length}`);
    assert.equal(a, b, 'both tabs hold the same new access token');
    for (const page of [first, second]) {
      assert.equal(await page.evaluate(() => window.saasgate.me().then((m) => m.email)), email);
      assert.equal(await page.evaluate(() => window.saasgate.session.current.accessToken), a);
      await heading(page, 'Your account');
    }
    assert.equal(refreshes.length, 1, 'still one refresh call after both tabs used the new pair');
    await shot(second, '09-two-tabs-still-signed-in');
  },

  /** Logging out in one tab logs the other out, without a reload. */
  async logout(context) {
    const first = await context.newPage();
    await login(first, env('USER_EMAIL'), env('USER_PASSWORD'));
    const second = await context.newPage();
    await second.goto(`${WEB}/account`);
    await heading(second, 'Your account');

    await first.getByRole('button', { name: 'Log out', exact: true }).click();

    await heading(second, 'Log in');
    await heading(first, 'Log in');
    assert.equal(await second.evaluate(() => localStorage.getItem('saasgate.refreshToken')), null);
    await shot(second, '10-other-tab-logged-out');
  },

  /** A page on another origin cannot read the API: the gateway's CORS refuses it; the app's origin may. */
  async cors(context) {
    // The same app from http://127.0.0.1:<port>: another origin than http://localhost:<port>, and a page
    // without a Content-Security-Policy, so that only CORS can stop its calls.
    const other = await context.newPage();
    const otherUrl = new URL(WEB);
    otherUrl.hostname = '127.0.0.1';
    await other.goto(`${otherUrl.origin}/login`);
    const attempt = (page) => page.evaluate(async (gateway) => {
      try {
        const response = await fetch(`${gateway}/api/billing/plans`);
        return `status ${response.status}`;
      } catch (error) {
        return `refused: ${error.name}`;
      }
    }, GATEWAY);
    const login = (page) => page.evaluate(async (gateway) => {
      try {
        const response = await fetch(`${gateway}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password-1' }) });
        return `status ${response.status}`;
      } catch (error) {
        return `refused: ${error.name}`;
      }
    }, GATEWAY);
    assert.notEqual(new URL(other.url()).origin, new URL(WEB).origin);
    assert.equal(await attempt(other), 'refused: TypeError');
    assert.equal(await login(other), 'refused: TypeError');

    const app = await context.newPage();
    await app.goto(`${WEB}/login`);
    assert.equal(await attempt(app), 'status 200');
    assert.equal(await login(app), 'status 401');
  },

  /** An expired trial: free_restricted, and the quota_exceeded body becomes an upgrade prompt. */
  async 'expired-trial'(context) {
    const page = await context.newPage();
    await login(page, env('USER_EMAIL'), env('USER_PASSWORD'));
    assert.equal(await page.getByTestId('plan').innerText(), 'free_trial');
    assert.equal(await page.getByTestId('effective-tier').innerText(), 'free_restricted');
    await page.getByRole('button', { name: /^Try the .* service$/ }).click();
    const prompt = page.getByTestId('upgrade-prompt');
    await prompt.waitFor({ timeout: TIMEOUT });
    assert.match(await prompt.innerText(), /used this month’s quota/);
    assert.match(await prompt.innerText(), /free_restricted plan allows 10,?000; 0 left/);
    assert.equal(await prompt.getByRole('link', { name: 'Upgrade your plan' }).getAttribute('href'), `${WEB}/billing`);
    await shot(page, '11-expired-trial-upgrade-prompt');
    await prompt.getByRole('link', { name: 'Upgrade your plan' }).click();
    await heading(page, 'Plans');
  },
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`usage: node e2e/browser.mjs <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
const failures = [];
const wire = [];
context.on('page', (page) => page.on('pageerror', (error) => failures.push(`page error on ${page.url()}: ${error.message}`)));
// What went over the wire to the gateway, printed when a scenario fails.
context.on('response', async (response) => {
  const request = response.request();
  if (!request.url().startsWith(GATEWAY)) return;
  let detail = '';
  if (response.status() >= 400) detail = ` ${await response.text().catch(() => '')} retry-after=${response.headers()['retry-after'] ?? ''}`;
  wire.push(`${new Date().toISOString()} page${context.pages().indexOf(request.frame().page())} ${request.method()} ${new URL(request.url()).pathname} ${response.status()}${detail}`);
});
const started = Date.now();
try {
  await scenarios[name](context);
  assert.deepEqual(failures, [], 'no uncaught errors in the pages');
  console.log(`PASS ${name} (${Date.now() - started} ms)`);
} catch (error) {
  for (const page of context.pages()) {
    console.error(`open page: ${page.url()}`);
    await shot(page, `failed-${name}-${context.pages().indexOf(page)}`).catch(() => {});
  }
  console.error(`requests to the gateway:\n  ${wire.join('\n  ')}`);
  console.error(`FAIL ${name}: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
