// End-to-end test in a real browser against the real server.
//
//   npm run build && npm run e2e        (FAIR_BIN defaults to ../target/debug/fair)
//
// Seeds a fresh demo database in a temporary directory, starts `fair serve` on a free
// port with web/dist, waits for /readyz, then drives headless Chromium through the
// directory, a booth page, the language switch, sign-in and the booth editor; then
// matchmaking: a Japanese buyer in a Tokyo browser marks a recommended supplier Must
// meet and requests a meeting, the supplier's exhibitor in a Hanoi browser accepts,
// and both see it in their schedules on their own clocks (see meetings.mjs); then the
// live service in a second Chromium with a fake camera: an online meeting's room with
// video and chat, booth presence, the virtual hall and the dashboard (see live.mjs). Waits
// are for elements and events with timeouts, never fixed sleeps. On failure a
// screenshot goes to web/test-results/. The server is always stopped.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { liveFlow, MEDIA_ARGS } from './live.mjs';
import { meetingFlow } from './meetings.mjs';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fairBin = resolve(web, process.env.FAIR_BIN ?? '../target/debug/fair');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const distDir = join(web, 'dist');
const resultsDir = join(web, 'test-results');
const TOTAL_MS = 4 * 60 * 1000;
const STEP_MS = 20_000;
const DEMO_EMAIL = 'exhibitor1@demo.cnht.vn';
const DEMO_PASSWORD = 'cnht-demo-2026';

let server = null;
let browser = null;
/** A second Chromium with a fake camera and microphone, for the live test. */
let mediaBrowser = null;
let page = null;
/** The page to screenshot on failure (the one a step is driving). */
let current = null;
let dataDir = null;
let serverLog = '';
let passed = 0;
let failed = 0;

const deadline = setTimeout(() => {
  console.error(`e2e: gave up after ${TOTAL_MS / 1000} s`);
  void finish(1);
}, TOTAL_MS);

function log(message) {
  console.log(`e2e: ${message}`);
}

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed += 1;
    console.log(`  ✗ ${name}`);
    throw err;
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Poll /readyz until it answers 200, the server exits, or the time is up. */
async function waitReady(base, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let exited = null;
  const exit = new Promise((r) => server.once('exit', (code, signal) => r((exited = signal ?? code))));
  while (Date.now() < until) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before it was ready`);
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    // Poll again shortly, or stop at once if the server exits.
    await Promise.race([exit, new Promise((r) => setTimeout(r, 100))]);
  }
  throw new Error(`/readyz did not answer 200 within ${timeoutMs / 1000} s`);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(deadline);
  const shown = current ?? page;
  if (code !== 0 && shown) {
    try {
      mkdirSync(resultsDir, { recursive: true });
      const shot = join(resultsDir, 'e2e-failure.png');
      await shown.screenshot({ path: shot, fullPage: true, timeout: 10_000 });
      console.error(`e2e: screenshot saved to ${shot} (page ${shown.url()})`);
    } catch (err) {
      console.error(`e2e: could not take a screenshot: ${err.message}`);
    }
  }
  if (code !== 0 && serverLog) console.error(`--- server log (last lines) ---\n${serverLog.split('\n').slice(-40).join('\n')}`);
  for (const b of [browser, mediaBrowser]) {
    try {
      await b?.close();
    } catch {
      // already gone
    }
  }
  await stopServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

process.on('SIGINT', () => void finish(130));
process.on('SIGTERM', () => void finish(143));

async function main() {
  if (!existsSync(fairBin)) throw new Error(`no server binary at ${fairBin}: build it (cargo build -p fair-server) or set FAIR_BIN`);
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium`);

  dataDir = mkdtempSync(join(tmpdir(), 'fair-e2e-'));
  const env = { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' };

  await step('seed the demo fair', async () => {
    const seed = spawnSync(fairBin, ['--data-dir', dataDir, 'seed', '--demo', '--quiet'], {
      cwd: dataDir,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (seed.status !== 0) throw new Error(`fair seed failed (${seed.status ?? seed.signal}):\n${seed.stderr}\n${seed.stdout}`);
  });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await step(`start the server on ${base}`, async () => {
    server = spawn(fairBin, ['--data-dir', dataDir, '--web-dir', distDir, '--bind', `127.0.0.1:${port}`, 'serve'], {
      cwd: dataDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk) => {
      serverLog = (serverLog + chunk.toString()).slice(-20_000);
    };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);
    await waitReady(base, 60_000);
  });

  const launchArgs = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
  ];
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await step('search the directory for "ep phun" and find "Ép phun"', async () => {
    await page.goto(`${base}/directory`);
    await page.locator('#dir-q').fill('ep phun');
    await page.locator('#dir-q').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'ep phun');
    const hit = page.locator('article.hit', { hasText: 'Ép phun' }).first();
    await hit.waitFor({ state: 'visible' });
  });

  await step('open a booth', async () => {
    // The list may still re-render (results for the typed prefix arrive before the final
    // query's), so read one link's name and address together and follow that very link.
    await page.waitForLoadState('networkidle');
    const link = page.locator('article.hit', { hasText: 'Ép phun' }).first().locator('h3 a');
    const { name, href } = await link.evaluate((a) => ({ name: a.textContent.trim(), href: a.getAttribute('href') }));
    await page.locator(`article.hit h3 a[href="${href}"]`).first().click();
    await page.waitForURL((url) => url.pathname === href);
    await page.locator('h1', { hasText: name }).waitFor();
  });

  await step('switch to Japanese', async () => {
    await page.locator('#lang-switch').selectOption('ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await page.locator('h2', { hasText: '取扱製品' }).waitFor();
    await page.locator('header a', { hasText: 'ログイン' }).waitFor();
  });

  await step(`sign in as ${DEMO_EMAIL}`, async () => {
    await page.locator('header a', { hasText: 'ログイン' }).click();
    await page.waitForURL(/\/login/);
    await page.locator('#login-email').fill(DEMO_EMAIL);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/exhibitor');
    await page.locator('#view-booth').waitFor();
  });

  const productName = `Vỏ hộp thử nghiệm E2E ${Date.now().toString(36)}`;
  await step('add a product in the booth editor', async () => {
    await page.locator('nav.tabs a[href="/exhibitor?tab=products"]').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'products');
    await page.locator('#product-add').click();
    await page.locator('#product-name').fill(productName);
    await page.locator('#product-group').selectOption('EL5');
    await page.locator('input[name="processes"][value="P02"]').check();
    await page.locator('form.product-form button[type="submit"]').click();
    await page.locator('#product-list li', { hasText: productName }).waitFor();
  });

  await step('see the product on the public booth page', async () => {
    await page.locator('#view-booth').click();
    await page.waitForURL(/\/booths\//);
    await page.locator('.products .product', { hasText: productName }).waitFor();
    const text = await page.locator('.products .product', { hasText: productName }).innerText();
    if (!/P02|Ép phun|射出成形|Injection|射出成型/.test(text)) throw new Error(`the product shows no process label: ${text}`);
  });

  if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);

  await meetingFlow({
    browser,
    base,
    password: DEMO_PASSWORD,
    step,
    timeout: STEP_MS,
    showing: (p) => {
      current = p;
    },
  });

  mediaBrowser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...launchArgs, ...MEDIA_ARGS] });
  await liveFlow({
    browser: mediaBrowser,
    base,
    password: DEMO_PASSWORD,
    step,
    timeout: STEP_MS,
    showing: (p) => {
      current = p;
    },
  });
}

main().then(
  () => finish(0),
  (err) => {
    console.error(`e2e: ${err.stack ?? err}`);
    void finish(1);
  },
);
