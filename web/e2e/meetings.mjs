// The browser test of matchmaking and meetings (issue 3), run by run.mjs after the
// directory and booth-editor steps against the same server:
//
//   a Japanese buyer signs in in a browser set to Asia/Tokyo, opens the recommended
//   suppliers, marks one Must meet and requests a meeting in a slot; the supplier's
//   exhibitor signs in in a browser set to Asia/Ho_Chi_Minh and accepts; both see the
//   meeting in their schedules, the buyer on the Tokyo and the fair's clock, the
//   exhibitor on the Hanoi clock.
//
// The API (through Playwright's request context, with its own cookies) is used only
// to find the accounts and, when the fair has no future slots, to set it up as an
// organiser would. Waits are for elements and responses, never fixed sleeps.
import { request } from 'playwright-core';

const FAIR_ZONE = 'Asia/Ho_Chi_Minh';

/** "10:00–10:30" on a 24-hour clock in a zone, as the app shows it. */
function range(slot, zone, locale) {
  const f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
  return `${f.format(new Date(slot.starts_at))}–${f.format(new Date(slot.ends_at))}`;
}

/** `YYYY-MM-DD` in a zone, `days` after now. */
function dateIn(zone, days) {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** An API session for one account. */
async function session(base, email, password) {
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  const res = await api.post('/api/v1/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()} ${await res.text()}`);
  const me = await res.json();
  const call = async (method, path, data) => {
    const r = await api.fetch(path, { method, ...(data === undefined ? {} : { data }) });
    const text = await r.text();
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { api, me, call };
}

/** The fair's future slots; sets the fair up (days next week, tables, a Japanese interpreter) when it has none. */
async function futureSlots(base, password) {
  const anonymous = await request.newContext({ baseURL: base });
  const fair = await (await anonymous.get('/api/v1/fair')).json();
  await anonymous.dispose();
  const soon = Date.now() + 60 * 60 * 1000;
  const future = fair.slots.filter((s) => new Date(s.starts_at).getTime() > soon);
  if (future.length > 0) return { fair, slots: future, setUp: false };

  const organiser = await session(base, 'organiser@demo.cnht.vn', password);
  try {
    const days = [7, 8].map((d) => ({ date: dateIn(FAIR_ZONE, d), opens_at: '09:00', closes_at: '17:00', breaks: [['12:00', '13:30']] }));
    const next = await organiser.call('PUT', '/api/v1/fair', {
      name: fair.name,
      time_zone: FAIR_ZONE,
      slot_minutes: 30,
      buyer_min_meetings: fair.buyer_min_meetings,
      buyer_max_meetings: fair.buyer_max_meetings,
      supplier_min_meetings: fair.supplier_min_meetings,
      supplier_max_meetings: fair.supplier_max_meetings,
      request_ttl_hours: fair.request_ttl_hours,
      days,
    });
    const tables = await organiser.call('GET', '/api/v1/fair/tables');
    if (tables.length === 0) {
      for (const label of ['E2E-1', 'E2E-2']) await organiser.call('POST', '/api/v1/fair/tables', { hall: 'A', label });
    }
    const interpreters = await organiser.call('GET', '/api/v1/fair/interpreters');
    if (!interpreters.some((i) => i.language === 'ja')) {
      await organiser.call('POST', '/api/v1/fair/interpreters', { name: 'Phiên dịch E2E', language: 'ja' });
    }
    return { fair: next, slots: next.slots.filter((s) => new Date(s.starts_at).getTime() > soon), setUp: true };
  } finally {
    await organiser.api.dispose();
  }
}

/** Sign in through the login page; the app then shows the user's home. */
async function signIn(page, base, email, password, home) {
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === home);
}

export async function meetingFlow({ browser, base, password, step, timeout, showing }) {
  let slot = null;
  let buyer = null;
  let supplier = null;
  let exhibitorEmail = null;

  await step('the fair has future slots (set up through the organiser API if not)', async () => {
    const found = await futureSlots(base, password);
    if (found.slots.length === 0) throw new Error('the fair has no slot in the future');
    // A slot a few places in, so the choice is not simply the first radio.
    slot = found.slots[Math.min(2, found.slots.length - 1)];
    if (found.setUp) console.log(`    (set the fair up: ${found.fair.slots.length} slots)`);
  });

  await step('find the Japanese demo buyer and a recommended supplier with an exhibitor login', async () => {
    for (let n = 1; n <= 4 && !buyer; n++) {
      const email = `buyer${n}@demo.cnht.vn`;
      const s = await session(base, email, password);
      try {
        const company = await s.call('GET', `/api/v1/buyers/${s.me.user.organisation_id}`);
        if (company.country === 'JP') buyer = { email, id: company.id, name: company.company_name, session: s };
      } finally {
        if (!buyer) await s.api.dispose();
      }
    }
    if (!buyer) throw new Error('no demo buyer (buyer1..4) is Japanese');
    const exhibitors = new Map();
    for (let n = 1; n <= 5; n++) {
      const email = `exhibitor${n}@demo.cnht.vn`;
      const s = await session(base, email, password);
      exhibitors.set(s.me.user.organisation_id, email);
      await s.api.dispose();
    }
    const recs = await buyer.session.call('GET', `/api/v1/buyers/${buyer.id}/recommendations?lang=ja&limit=100`);
    const index = recs.items.findIndex((r) => exhibitors.has(r.organisation_id) && !r.meeting && r.their_preference !== 'no');
    if (index < 0) throw new Error('none of the top 100 recommendations has a demo exhibitor login');
    const rec = recs.items[index];
    supplier = { id: rec.organisation_id, name: rec.name, rank: index };
    exhibitorEmail = exhibitors.get(rec.organisation_id);
  });

  const tokyo = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const buyerPage = await tokyo.newPage();
  buyerPage.setDefaultTimeout(timeout);
  const errors = [];
  buyerPage.on('pageerror', (err) => errors.push(`buyer: ${err.message}`));
  showing(buyerPage);
  let meetingId = null;
  const tokyoRange = range(slot, 'Asia/Tokyo', 'ja');
  const fairRangeJa = range(slot, FAIR_ZONE, 'ja');

  await step(`${buyer.email} (Tokyo browser) marks ${supplier.name} Must meet`, async () => {
    await signIn(buyerPage, base, buyer.email, password, '/buyer');
    await buyerPage.locator('nav.tabs a[data-tab="recommendations"]').click();
    await buyerPage.waitForURL((url) => url.searchParams.get('tab') === 'recommendations');
    const card = buyerPage.locator(`article.rec[data-org="${supplier.id}"]`);
    // Show more until the supplier's card is on the page (it is in the top 100).
    while (!(await card.isVisible())) {
      await buyerPage.locator('article.rec').first().waitFor();
      if (await card.isVisible()) break;
      const more = buyerPage.locator('section[aria-labelledby="recs-h"] > button.btn');
      if (!(await more.isVisible())) break;
      await more.click();
      await buyerPage.locator('ol.recs[aria-busy="false"]').waitFor();
    }
    await card.waitFor();
    // Reasons come from the server in the UI language (Japanese for this buyer).
    await card.locator('ul.reasons li').first().waitFor();
    const saved = buyerPage.waitForResponse((r) => r.url().includes(`/preferences/${supplier.id}`) && r.request().method() === 'PUT');
    await card.locator('button[data-level="must"]').click();
    const response = await saved;
    if (response.status() !== 200) throw new Error(`saving the preference answered ${response.status()}`);
    await card.locator('button[data-level="must"][aria-pressed="true"]').waitFor();
  });

  await step(`request a meeting at ${fairRangeJa} Hanoi = ${tokyoRange} Tokyo (double click sends one request)`, async () => {
    const card = buyerPage.locator(`article.rec[data-org="${supplier.id}"]`);
    await card.locator('button.request').click();
    const dialog = buyerPage.locator('#request-dialog');
    await dialog.waitFor();
    const radio = dialog.locator(`input[name="request-slot"][data-starts="${slot.starts_at}"]`);
    await radio.check();
    // The slot's label shows both clocks.
    const label = await radio.locator('xpath=ancestor::label[1]').innerText();
    if (!label.includes(tokyoRange) || !label.includes(fairRangeJa)) throw new Error(`the slot label lacks a clock: ${label}`);
    await dialog.locator('#request-message').fill('E2E: 射出成形のカバーについてご相談したいです。');
    const firstProduct = dialog.locator('input[name="request-products"]').first();
    if (await firstProduct.count()) await firstProduct.check();
    const created = buyerPage.waitForResponse((r) => r.url().endsWith('/api/v1/meetings') && r.request().method() === 'POST');
    await dialog.locator('#request-send').dblclick();
    const response = await created;
    if (response.status() !== 201) throw new Error(`the request answered ${response.status()}: ${await response.text()}`);
    meetingId = (await response.json()).id;
    if (!response.request().headers()['idempotency-key']) throw new Error('the request carried no Idempotency-Key');
    await buyerPage.locator('#request-notice').waitFor();
    await card.locator('a', { hasText: 'スケジュール' }).waitFor();
    const list = await buyer.session.call('GET', `/api/v1/meetings?organisation_id=${buyer.id}`);
    const withSupplier = list.items.filter((m) => m.supplier.id === supplier.id && m.status !== 'cancelled');
    if (withSupplier.length !== 1) throw new Error(`expected one meeting with the supplier, found ${withSupplier.length}`);
  });

  await step('the request waits in the buyer\'s schedule on both clocks', async () => {
    await buyerPage.locator('#request-notice a').click();
    await buyerPage.waitForURL((url) => url.searchParams.get('tab') === 'schedule');
    const card = buyerPage.locator(`#waiting article.meeting[data-meeting="${meetingId}"]`);
    await card.waitFor();
    const text = await card.innerText();
    if (!text.includes(tokyoRange) || !text.includes(fairRangeJa) || !text.includes('東京')) throw new Error(`the waiting request shows: ${text}`);
  });

  const hanoi = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const exhibitorPage = await hanoi.newPage();
  exhibitorPage.setDefaultTimeout(timeout);
  exhibitorPage.on('pageerror', (err) => errors.push(`exhibitor: ${err.message}`));
  exhibitorPage.on('dialog', (d) => void d.accept());
  const fairRangeVi = range(slot, FAIR_ZONE, 'vi');

  await step(`${exhibitorEmail} (Hanoi browser) accepts the request`, async () => {
    showing(exhibitorPage);
    await signIn(exhibitorPage, base, exhibitorEmail, password, '/exhibitor');
    await exhibitorPage.locator('nav.tabs a[data-tab="meetings"]').click();
    await exhibitorPage.waitForURL((url) => url.searchParams.get('tab') === 'meetings');
    const incoming = exhibitorPage.locator(`#to-answer article.meeting[data-meeting="${meetingId}"]`);
    await incoming.waitFor();
    const accepted = exhibitorPage.waitForResponse((r) => r.url().endsWith(`/meetings/${meetingId}/accept`));
    await incoming.locator('button.act-accept').click();
    const response = await accepted;
    if (response.status() !== 200) throw new Error(`accepting answered ${response.status()}: ${await response.text()}`);
    await exhibitorPage.locator(`#upcoming article.meeting[data-meeting="${meetingId}"][data-status="accepted"]`).waitFor();
  });

  await step('the exhibitor\'s schedule shows the meeting at Hanoi time, with its calendar file', async () => {
    const card = exhibitorPage.locator(`#upcoming article.meeting[data-meeting="${meetingId}"]`);
    const text = await card.innerText();
    if (!text.includes(fairRangeVi) || !text.includes('Hà Nội')) throw new Error(`the exhibitor's meeting shows: ${text}`);
    if (text.includes(tokyoRange)) throw new Error(`the exhibitor's meeting shows the Tokyo time: ${text}`);
    if (!text.includes(buyer.name)) throw new Error(`the exhibitor's meeting does not name the buyer: ${text}`);
    const href = await card.locator('a.ics').getAttribute('href');
    const ics = await hanoi.request.get(`${base}${href}`);
    const body = await ics.text();
    if (ics.status() !== 200 || !body.includes('BEGIN:VEVENT') || !body.includes(`UID:${meetingId}@`)) throw new Error(`the invite is not an event: ${ics.status()} ${body.slice(0, 300)}`);
  });

  await step('the buyer sees the confirmed meeting on the Tokyo and the fair\'s clock', async () => {
    showing(buyerPage);
    await buyerPage.reload();
    const card = buyerPage.locator(`#upcoming article.meeting[data-meeting="${meetingId}"][data-status="accepted"]`);
    await card.waitFor();
    const text = await card.innerText();
    for (const wanted of [tokyoRange, '東京', fairRangeJa, 'ハノイ', supplier.name]) {
      if (!text.includes(wanted)) throw new Error(`the buyer's meeting lacks "${wanted}": ${text}`);
    }
    await card.locator('a.ics').waitFor();
  });

  await buyer.session.api.dispose();
  if (errors.length > 0) throw new Error(`errors in the pages: ${errors.join('; ')}`);
}
