// The browser test of the live service (issue "Live service"), run by run.mjs after
// the meetings steps against the same server, in a second Chromium started with a
// fake camera and microphone (--use-fake-device-for-media-stream) that grants them
// without asking (--use-fake-ui-for-media-stream):
//
//   the organiser adds a fair day today around the current time (keeping the other
//   days); buyer1 requests an ONLINE meeting with exhibitor1's company in the slot
//   of now, exhibitor1 accepts (all through the API). Then, in the browser: the
//   exhibitor (page A) and the buyer (page B) join the meeting room from their
//   schedules, see each other in it, the video call connects both ways (the remote
//   video decodes frames: videoWidth > 0 and currentTime advancing), and a chat
//   message from each reaches the other. The buyer agrees on their profile to be
//   named at booths and visits the exhibitor's booth: the exhibitor's "Visitors now"
//   panel shows them arrive, the exhibitor starts a chat and the buyer's invitation
//   opens it. The organiser's live dashboard counts the people connected, one more
//   when an anonymous visitor opens a booth page and one fewer when they leave.
//
// Waits are for elements, responses and page state (waitForFunction), never sleeps.
import { request } from 'playwright-core';

const FAIR_ZONE = 'Asia/Ho_Chi_Minh';
const PASSWORD_ENV = 'cnht-demo-2026';

/** Hours and minutes now in a zone, and the date there. */
function clock(zone, at = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const hhmm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** An API session for one account (Playwright's request context keeps its cookie). */
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

/**
 * Adds today (fair zone) as a fair day whose first slot starts this minute, keeping
 * the other days and the slot length, and returns the slot that holds now (or the
 * last one of the day, if the day is nearly over: its room lets the buyer in through
 * the lobby).
 */
async function slotOfNow(organiser) {
  const fair = await organiser.call('GET', '/api/v1/fair');
  const length = fair.slot_minutes;
  const now = clock(FAIR_ZONE);
  const pick = (slots) => {
    const t = Date.now();
    const open = slots.filter((s) => Date.parse(s.starts_at) - 15 * 60_000 <= t && t < Date.parse(s.ends_at));
    open.sort((a, b) => Math.abs(Date.parse(a.starts_at) - t) - Math.abs(Date.parse(b.starts_at) - t));
    return open[0] ?? null;
  };
  const existing = pick(fair.slots);
  if (existing) return existing;
  if (fair.days.some((d) => d.date === now.date)) throw new Error(`the fair already has ${now.date} without a slot now; cannot add it again`);
  const latest = 23 * 60 + 59;
  const opens = Math.max(0, Math.min(now.minutes, latest - length));
  const closes = Math.min(latest, opens + Math.max(2 * length, 120));
  const days = [...fair.days, { date: now.date, opens_at: hhmm(opens), closes_at: hhmm(closes), breaks: [] }];
  days.sort((a, b) => a.date.localeCompare(b.date));
  const next = await organiser.call('PUT', '/api/v1/fair', {
    name: fair.name,
    time_zone: fair.time_zone,
    slot_minutes: length,
    buyer_min_meetings: fair.buyer_min_meetings,
    buyer_max_meetings: fair.buyer_max_meetings,
    supplier_min_meetings: fair.supplier_min_meetings,
    supplier_max_meetings: fair.supplier_max_meetings,
    request_ttl_hours: fair.request_ttl_hours,
    days,
  });
  const slot = pick(next.slots);
  if (!slot) throw new Error(`no slot holds now after adding ${now.date} ${hhmm(opens)}–${hhmm(closes)}`);
  return slot;
}

async function signIn(page, base, email, password, home) {
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === home);
}

/** Waits until a remote video shows moving pictures: frames decoded and time advancing. */
async function waitForVideo(page, timeout) {
  const video = 'video[data-member]:not([data-member="local"])';
  await page.locator(video).first().waitFor({ timeout });
  await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector);
      return el instanceof HTMLVideoElement && el.videoWidth > 0 && el.currentTime > 0;
    },
    video,
    { timeout },
  );
  const start = await page.evaluate((selector) => document.querySelector(selector)?.currentTime ?? 0, video);
  await page.waitForFunction(
    ({ selector, from }) => {
      const el = document.querySelector(selector);
      return el instanceof HTMLVideoElement && el.currentTime > from + 0.3 && !el.paused;
    },
    { selector: video, from: start },
    { timeout },
  );
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    return el instanceof HTMLVideoElement ? `${el.videoWidth}×${el.videoHeight}` : '';
  }, video);
}

/** Keeps the last signalling frames of a page's live connection (printed if the call fails). */
function recordSignals(page, who) {
  const frames = [];
  page.on('websocket', (ws) => {
    const keep = (dir) => (event) => {
      const text = typeof event.payload === 'string' ? event.payload : '';
      if (!text.includes('"signal"') && !text.includes('room_joined') && !text.includes('member_')) return;
      let brief = text;
      try {
        const m = JSON.parse(text);
        const cand = m.data?.kind === 'candidate' ? ` [${m.data.sdp_mid} ${m.data.candidate.split(' ').slice(4, 8).join(' ')}]` : '';
        brief = `${m.type}${m.data ? `:${m.data.kind}${cand}` : ''}${m.to ? ` to ${m.to}` : ''}${m.from ? ` from ${m.from}` : ''}${m.you ? ` you ${m.you}` : ''}${m.member ? ` ${typeof m.member === 'string' ? m.member : m.member.member}` : ''}`;
      } catch {
        // keep the text
      }
      frames.push(`${new Date().toISOString().slice(11, 23)} ${who} ${dir} ${brief}`);
      if (frames.length > 60) frames.shift();
    };
    ws.on('framesent', keep('→'));
    ws.on('framereceived', keep('←'));
  });
  return frames;
}

/** The call's state in a page, for a failure message. */
function callState(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.tile')].map((f) => {
      const v = f.querySelector('video');
      return `${v?.dataset.member}: ${f.getAttribute('data-state') ?? ''} ${v ? `${v.videoWidth}x${v.videoHeight} t=${v.currentTime.toFixed(2)} paused=${v.paused}` : ''}`;
    }),
  );
}

/** The online figure on the dashboard once it equals `want`. */
async function waitForOnline(page, want, timeout) {
  await page.waitForFunction((n) => document.querySelector('#dash-online .num')?.getAttribute('data-value') === String(n), want, { timeout });
}

/** With E2E_SHOTS=<dir>, screenshots of the live pages go there (to look at them). */
async function shot(page, name) {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true, timeout: 10_000 });
}

/** Chromium's flags for this test: a fake camera and microphone, granted without asking. */
export const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** `browser` must have been launched with MEDIA_ARGS; the caller closes it. */
export async function liveFlow({ browser, base, password = PASSWORD_ENV, step, timeout, showing }) {
  const errors = [];
  const watch = (page, who) => page.on('pageerror', (err) => errors.push(`${who}: ${err.message}`));
  {
    let slot = null;
    let meeting = null;
    let buyer = null;
    let exhibitor = null;
    let booth = null;

    await step('set up an accepted online meeting now: a fair day today, buyer1 requests, exhibitor1 accepts', async () => {
      const organiser = await session(base, 'organiser@demo.cnht.vn', password);
      buyer = await session(base, 'buyer1@demo.cnht.vn', password);
      exhibitor = await session(base, 'exhibitor1@demo.cnht.vn', password);
      try {
        slot = await slotOfNow(organiser);
      } finally {
        await organiser.api.dispose();
      }
      const buyerOrg = buyer.me.user.organisation_id;
      const supplierOrg = exhibitor.me.user.organisation_id;
      // One open meeting per pair: an earlier step may have booked these two already.
      const mine = await buyer.call('GET', `/api/v1/meetings?organisation_id=${buyerOrg}`);
      for (const m of mine.items.filter((m) => m.supplier.id === supplierOrg && (m.status === 'requested' || m.status === 'accepted'))) {
        await buyer.call('POST', `/api/v1/meetings/${m.id}/cancel`, { reason: 'E2E: moved online, now' });
      }
      const requested = await buyer.call('POST', '/api/v1/meetings', {
        counterpart_id: supplierOrg,
        slot_id: slot.id,
        mode: 'online',
        message: 'E2E: オンラインで今お話しできますか。',
      });
      meeting = requested.status === 'accepted' ? requested : await exhibitor.call('POST', `/api/v1/meetings/${requested.id}/accept`, {});
      if (meeting.status !== 'accepted' || meeting.mode !== 'online') throw new Error(`the meeting is ${meeting.status} ${meeting.mode}`);
      const page = await exhibitor.call('GET', `/api/v1/exhibitors/${supplierOrg}`);
      booth = { slug: page.slug, hall: page.hall, name: page.name };
      console.log(`    (slot ${slot.starts_at}–${slot.ends_at}, booth ${booth.slug} in hall ${booth.hall ?? '–'})`);
    });

    const grant = { permissions: ['camera', 'microphone'] };
    const hanoi = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: FAIR_ZONE, ...grant });
    const tokyo = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', isMobile: true, hasTouch: true, ...grant });
    await hanoi.grantPermissions(['camera', 'microphone'], { origin: base });
    await tokyo.grantPermissions(['camera', 'microphone'], { origin: base });
    const pageA = await hanoi.newPage();
    const pageB = await tokyo.newPage();
    const signals = [...[recordSignals(pageA, 'A')], ...[recordSignals(pageB, 'B')]];
    for (const p of [pageA, pageB]) p.setDefaultTimeout(timeout);
    watch(pageA, 'exhibitor');
    watch(pageB, 'buyer');
    pageA.on('dialog', (d) => void d.accept());
    let roomId = null;

    await step('the exhibitor (page A) joins the meeting room from the schedule', async () => {
      showing(pageA);
      await signIn(pageA, base, 'exhibitor1@demo.cnht.vn', password, '/exhibitor');
      await pageA.goto(`${base}/exhibitor?tab=meetings`);
      const card = pageA.locator(`article.meeting[data-meeting="${meeting.id}"]`);
      await card.locator('button.act-room').click();
      await pageA.waitForURL((url) => url.pathname.startsWith('/rooms/'));
      roomId = new URL(pageA.url()).pathname.split('/')[2];
      await pageA.locator(`.room-grid[data-room="${roomId}"]`).waitFor();
      await pageA.locator(`#room-members li[data-user="${exhibitor.me.user.id}"]`).waitFor();
    });

    await step('the buyer (page B, a phone in Tokyo) joins from the schedule; both see each other', async () => {
      showing(pageB);
      await signIn(pageB, base, 'buyer1@demo.cnht.vn', password, '/buyer');
      await pageB.goto(`${base}/buyer?tab=schedule`);
      await pageB.locator(`article.meeting[data-meeting="${meeting.id}"] button.act-room`).click();
      await pageB.waitForURL((url) => url.pathname === `/rooms/${roomId}`);
      // Late for the slot: a host lets the buyer in from the lobby.
      const inRoom = pageB.locator(`.room-grid[data-room="${roomId}"]`);
      const lobby = pageB.locator('#room-lobby');
      await inRoom.or(lobby).first().waitFor();
      if (await lobby.isVisible()) {
        console.log('    (the buyer waits in the lobby: the exhibitor admits)');
        await pageA.locator(`#room-waiting li[data-user="${buyer.me.user.id}"] button.act-admit`).click();
        await inRoom.waitFor();
      }
      await pageB.locator(`#room-members li[data-user="${exhibitor.me.user.id}"]`).waitFor();
      await pageA.locator(`#room-members li[data-user="${buyer.me.user.id}"]`).waitFor();
      const hostBadge = await pageB.locator(`#room-members li[data-user="${exhibitor.me.user.id}"] .badge.brand`).count();
      if (hostBadge !== 1) throw new Error('the exhibitor is not marked as host');
      const clocks = await pageB.locator('.room-head .when').innerText();
      if (!clocks.includes('東京') || !clocks.includes('ハノイ')) throw new Error(`the room shows the time as: ${clocks}`);
    });

    await step('the video call connects both ways (remote video decodes frames and plays)', async () => {
      let a;
      let b;
      try {
        [a, b] = await Promise.all([waitForVideo(pageA, timeout), waitForVideo(pageB, timeout)]);
      } catch (err) {
        const frames = signals.flat().sort();
        const states = `A: ${(await callState(pageA)).join('; ')}\nB: ${(await callState(pageB)).join('; ')}`;
        throw new Error(`${err.message}\n${states}\n${frames.join('\n')}`);
      }
      console.log(`    (exhibitor sees ${a}, buyer sees ${b})`);
      await shot(pageA, 'room-exhibitor');
      await shot(pageB, 'room-buyer-phone');
      for (const p of [pageA, pageB]) {
        if (await p.locator('#media-problem').count()) throw new Error(`media problem: ${await p.locator('#media-problem').innerText()}`);
      }
    });

    await step('a chat message from each side reaches the other', async () => {
      const hello = `Xin chào từ gian hàng ${Date.now().toString(36)}`;
      await pageA.locator('#chat-text').fill(hello);
      await pageA.locator('#chat-send').click();
      await pageB.locator('[data-chat-lines] li', { hasText: hello }).waitFor();
      const reply = `よろしくお願いします ${Date.now().toString(36)}`;
      await pageB.locator('#chat-text').fill(reply);
      await pageB.locator('#chat-text').press('Enter');
      await pageA.locator('[data-chat-lines] li', { hasText: reply }).waitFor();
      await pageB.locator('[data-chat-lines] li.mine', { hasText: reply }).waitFor();
      await shot(pageB, 'room-buyer-chat');
    });

    await step("the calendar invitation's room link (/rooms/<meeting id>) opens the same room; the call comes back", async () => {
      if (!meeting.room_url?.endsWith(`/rooms/${meeting.id}`)) throw new Error(`the meeting's room link is ${meeting.room_url}`);
      await pageB.goto(`${base}/rooms/${meeting.id}`);
      await pageB.waitForURL((url) => url.pathname === `/rooms/${roomId}`);
      await pageB.locator(`.room-grid[data-room="${roomId}"]`).or(pageB.locator('#room-lobby')).first().waitFor();
      if (await pageB.locator('#room-lobby').isVisible()) {
        await pageA.locator(`#room-waiting li[data-user="${buyer.me.user.id}"] button.act-admit`).click();
      }
      // The chat so far is shown again, and the buyer's new connection joins the call.
      await pageB.locator('[data-chat-lines] li').nth(1).waitFor();
      await Promise.all([waitForVideo(pageA, timeout), waitForVideo(pageB, timeout)]);
      if ((await pageA.locator('#room-members li').count()) !== 2) throw new Error('the old connection is still listed');
    });

    const pageA2 = await hanoi.newPage();
    const pageB2 = await tokyo.newPage();
    for (const p of [pageA2, pageB2]) p.setDefaultTimeout(timeout);
    watch(pageA2, 'exhibitor booth');
    watch(pageB2, 'buyer booth');

    await step('the buyer agrees to be named at booths (profile switch)', async () => {
      showing(pageB2);
      await pageB2.goto(`${base}/buyer`);
      const toggle = pageB2.locator('#presence-visible');
      if (!(await toggle.isChecked())) {
        const saved = pageB2.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PUT');
        await toggle.check();
        const response = await saved;
        if (response.status() !== 200 || (await response.json()).user.presence_visible !== true) throw new Error(`saving consent answered ${response.status()}`);
      }
    });

    await step("the buyer visits the exhibitor's booth and the \"Visitors now\" panel shows them arrive", async () => {
      showing(pageA2);
      await pageA2.goto(`${base}/booths/${encodeURIComponent(booth.slug)}`);
      const panel = pageA2.locator('#booth-visitors');
      await panel.locator('#visitors-total').waitFor();
      await pageB2.goto(`${base}/booths/${encodeURIComponent(booth.slug)}`);
      await pageB2.locator('h1', { hasText: booth.name }).waitFor();
      const row = panel.locator(`li[data-visitor="${buyer.me.user.id}"]`);
      await row.waitFor();
      const text = await row.innerText();
      if (!text.includes(buyer.me.user.display_name)) throw new Error(`the visitor shows as: ${text}`);
      await shot(pageA2, 'booth-visitors');
      await shot(pageB2, 'booth-buyer-phone');
    });

    if (booth.hall) {
      await step(`an anonymous visitor on a phone sees the booth busy in virtual hall ${booth.hall} and opens it`, async () => {
        const street = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: FAIR_ZONE, isMobile: true, hasTouch: true });
        try {
          const walker = await street.newPage();
          walker.setDefaultTimeout(timeout);
          watch(walker, 'hall visitor');
          showing(walker);
          await walker.goto(`${base}/hall/${encodeURIComponent(booth.hall)}`);
          const tile = walker.locator(`svg[data-hall-map] a[data-slug="${booth.slug}"]`);
          await tile.waitFor();
          // The buyer is at the booth: the next second's figures show it.
          await walker.waitForFunction(
            (slug) => Number(document.querySelector(`svg[data-hall-map] a[data-slug="${slug}"]`)?.getAttribute('data-visitors')) >= 1,
            booth.slug,
          );
          await walker.locator('#hall-busiest a', { hasText: booth.name }).waitFor();
          await shot(walker, 'hall-phone');
          await tile.click();
          await walker.waitForURL((url) => url.pathname === `/booths/${booth.slug}`);
          await walker.locator('h1', { hasText: booth.name }).waitFor();
          // The exhibitor's panel counts this visitor without a name.
          await pageA2.locator('#visitors-anonymous').waitFor();
        } finally {
          await street.close();
        }
        await pageA2.locator('#visitors-anonymous').waitFor({ state: 'detached' });
      });
    }

    await step('the exhibitor starts a chat; the buyer gets the invitation and opens the chat room', async () => {
      await pageA2.locator(`#booth-visitors li[data-visitor="${buyer.me.user.id}"] button.start-chat`).click();
      await pageA2.waitForURL((url) => url.pathname.startsWith('/rooms/') && !url.pathname.endsWith(roomId));
      const chatRoom = new URL(pageA2.url()).pathname.split('/')[2];
      const invite = pageB2.locator(`[data-invite-room="${chatRoom}"]`);
      await invite.waitFor();
      await shot(pageB2, 'chat-invite-phone');
      await invite.locator('button.invite-open').click();
      await pageB2.waitForURL((url) => url.pathname === `/rooms/${chatRoom}`);
      await pageB2.locator(`#room-members li[data-user="${exhibitor.me.user.id}"]`).waitFor();
      await pageA2.locator(`#room-members li[data-user="${buyer.me.user.id}"]`).waitFor();
    });

    const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: FAIR_ZONE });
    const dash = await office.newPage();
    dash.setDefaultTimeout(timeout);
    watch(dash, 'organiser');

    await step("the organiser's live dashboard counts the people online, and a visitor coming and going", async () => {
      showing(dash);
      await signIn(dash, base, 'organiser@demo.cnht.vn', password, '/organiser');
      await dash.locator('a#live-dashboard-link').click();
      await dash.waitForURL((url) => url.pathname === '/organiser/live');
      await dash.locator('#dash-online .num').waitFor();
      // Signed-in people connected now: the organiser, the exhibitor, the buyer.
      await dash.waitForFunction(() => Number(document.querySelector('#dash-online .num')?.getAttribute('data-value')) >= 3);
      for (const role of ['organiser', 'exhibitor', 'buyer']) await dash.locator(`#dash-online li[data-role="${role}"]`).waitFor();
      const before = Number(await dash.locator('#dash-online .num').getAttribute('data-value'));
      // The chart draws the figures received.
      await dash.waitForFunction(() => Number(document.querySelector('#online-chart')?.getAttribute('data-points')) >= 2);

      const street = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: FAIR_ZONE });
      const visitor = await street.newPage();
      visitor.setDefaultTimeout(timeout);
      watch(visitor, 'visitor');
      await visitor.goto(`${base}/booths/${encodeURIComponent(booth.slug)}`);
      await visitor.locator('h1', { hasText: booth.name }).waitFor();
      await waitForOnline(dash, before + 1, timeout);
      await shot(dash, 'dashboard');
      if (booth.hall) await dash.locator(`#dash-halls li[data-key="${booth.hall}"]`).waitFor();
      await street.close();
      await waitForOnline(dash, before, timeout);
    });

    await step('leaving the room ends the call for the other side', async () => {
      showing(pageA);
      await pageA.locator('#room-leave').click();
      await pageA.waitForURL((url) => url.pathname === '/exhibitor');
      await pageB.locator(`#room-members li[data-user="${exhibitor.me.user.id}"]`).waitFor({ state: 'detached' });
      await pageB.locator('video[data-member]:not([data-member="local"])').waitFor({ state: 'detached' });
    });

    await buyer.api.dispose();
    await exhibitor.api.dispose();
    if (errors.length > 0) throw new Error(`errors in the pages: ${errors.join('; ')}`);
  }
}
