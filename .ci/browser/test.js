#!/usr/bin/env node
// The browser tests (see run.sh). Seeds orders over the API, then in headless Chromium, with real clicks:
// 1. anna (sales manager) logs into Tasklist, opens a freshly booked order's task from her roles' filter, sees the
//    customer, the bike and the due date on it, claims and completes it, and the order's next task is hers;
// 2. galina (head of sales) logs in on the welcome page, follows its dashboard link and sees the heatmap and the
//    pipeline chart with the numbers of the seeded orders.
// Prints "N passed, N failed"; exits non-zero on a failure. Screenshots in ./screenshots.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = process.env.BASE_URL;
const TIMEOUT = 60000;
const results = [];
const pages = [];

async function api(user, method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(user + ':' + user).toString('base64'),
      'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function booking(externalId, name, bike, price) {
  return { externalId, customer: { name, phone: '+7 900 ' + Math.floor(Math.random() * 9000000 + 1000000),
    email: externalId + '@example.ru', tier: 'standard' },
  bike: { title: bike, sellerCountry: 'DE', priceEur: price }, reserveRequired: false, expertInspection: false };
}

async function check(name, body) {
  try {
    await body();
    results.push([name, true]);
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push([name, false]);
    // A request the browser still waits for: typically one answered by a Basic challenge (see newPage).
    const waiting = pages.splice(0).flatMap((page) => [...page.waiting]);
    console.log(`FAIL ${name}: ${e.message}` + (waiting.length ? `\n     no answer yet to ${waiting.join(', ')}` : ''));
  }
  pages.length = 0;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function openTasks(processInstanceId) {
  return api('anna', 'GET', `/engine-rest/task?processInstanceId=${processInstanceId}`);
}

async function newPage(browser, viewport) {
  const page = await (await browser.newContext({ viewport, locale: 'ru-RU' })).newPage();
  page.setDefaultTimeout(TIMEOUT);
  // A 401 with a Basic challenge makes the browser put its own login dialog over the page (headless Chromium then
  // ignores every click and key, and the request stays unanswered until the dialog is): these pages never get one.
  page.challenges = [];
  page.waiting = new Set();
  page.on('request', (request) => page.waiting.add(request.url()));
  page.on('requestfinished', (request) => page.waiting.delete(request.url()));
  page.on('requestfailed', (request) => page.waiting.delete(request.url()));
  page.on('response', (response) => {
    if (response.status() === 401 && /^Basic/i.test(response.headers()['www-authenticate'] || '')) {
      page.challenges.push(response.url());
    }
  });
  pages.push(page);
  return page;
}

// The Camunda login page as a person uses it: type, click "Log in", wait until the login form is gone.
function noChallenges(page) {
  assert(!page.challenges.length, `the browser was asked for a Basic login by ${page.challenges.join(', ')}`);
}

async function login(page, app, user) {
  await page.goto(`${BASE}/camunda/app/${app}/default/`);
  const username = page.locator('input[ng-model="username"]');
  await username.click();
  await page.keyboard.type(user);
  await page.locator('input[type="password"]').fill(user);
  await page.locator('button[type="submit"]').click();
  await username.waitFor({ state: 'detached' });
  noChallenges(page);
}

(async () => {
  const run = Date.now();
  const seeded = [];
  for (const [i, bike] of ['Canyon Ultimate CF SL 2022', 'Cube Stereo 140', 'Trek Domane SL6'].entries()) {
    seeded.push(await api('booking', 'POST', '/api/v1/crm/orders',
      booking(`browser-${run}-${i}`, ['Иван Петров', 'Мария Смирнова', 'Олег Кузнецов'][i], bike, 1850 + i * 100)));
  }
  const fresh = seeded[0];

  // Playwright's headless mode (chromium's --headless), its own --no-sandbox; nothing that talks to Google.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'] });
  try {
    await check('a sales manager works a fresh order in Tasklist and gets its next task', async () => {
      const [task] = await openTasks(fresh.processInstanceId);
      assert(task && task.due, 'the fresh order has an open task with a due date');
      const page = await newPage(browser, { width: 1500, height: 1000 });
      await login(page, 'tasklist', 'anna');
      await page.locator('[cam-tasklist-filters]').getByText('Задачи моих ролей').click();
      await page.locator('.tasks-list').getByText(`заказ ${fresh.orderId}`, { exact: false }).first().click();
      await page.waitForURL((url) => url.hash.includes(`task=${task.id}`), { waitUntil: 'commit' });
      const form = page.locator('[cam-tasklist-form]');
      await form.getByText('Иван Петров').first().waitFor();
      await form.getByText('Canyon Ultimate CF SL 2022').first().waitFor();
      await form.getByText(/Срок этапа \(SLA\): \d\d\.\d\d\.\d{4} \d\d:\d\d МСК/).first().waitFor();
      const due = await page.locator('.task-details .due-date').first().textContent();
      assert(/\d/.test(due), `the task's due date reads "${due.trim()}"`);
      await page.screenshot({ path: 'screenshots/1-tasklist-task-with-order.png', fullPage: true });

      await page.locator('.task-details').getByText(/^\s*(Claim|Взять)\s*$/).click();
      const complete = page.getByRole('button', { name: /Complete|Завершить/ }).first();
      await page.waitForFunction((button) => !button.disabled, await complete.elementHandle());
      await complete.click();
      let next = [];
      for (let i = 0; i < 60 && !next.length; i++) {
        await page.waitForTimeout(500);
        next = (await openTasks(fresh.processInstanceId)).filter((t) => t.id !== task.id);
      }
      assert(next.length > 0, 'the order has a next task');
      assert(next.every((t) => t.assignee === 'anna'), `the next task is anna's, not ${next.map((t) => t.assignee)}`);
      await page.locator('[cam-tasklist-filters]').getByText('Мои задачи').click();
      await page.locator('.tasks-list').getByText(next[0].name, { exact: true }).first().click();
      await page.waitForURL((url) => url.hash.includes(`task=${next[0].id}`), { waitUntil: 'commit' });
      await page.locator('[cam-tasklist-form]').getByText('Canyon Ultimate CF SL 2022').first().waitFor();
      await page.screenshot({ path: 'screenshots/2-tasklist-next-task-assigned.png', fullPage: true });
      noChallenges(page);
    });

    await check('the head of sales sees the heatmap and the pipeline with the seeded numbers', async () => {
      const page = await newPage(browser, { width: 1600, height: 1400 });
      // the latest SLA backtest shows next to the heatmap: the process owner tries the deployed table on 28 days
      const form = new FormData();
      form.append('candidate', new Blob([fs.readFileSync(path.join(__dirname, '../../dmn/stage-sla.dmn'))]),
        'stage-sla.dmn');
      form.append('from', new Date(Date.now() - 28 * 86400000).toISOString());
      form.append('to', new Date(Date.now() + 60000).toISOString());
      const tried = await fetch(BASE + '/api/v1/crm/sla/backtest', { method: 'POST', body: form,
        headers: { Authorization: 'Basic ' + Buffer.from('olga:olga').toString('base64') } });
      assert(tried.ok, `the backtest ran: ${tried.status}`);
      const backtest = await tried.json();
      await login(page, 'welcome', 'galina');
      await page.getByRole('link', { name: 'Панель руководителя продаж' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/dashboard'), { waitUntil: 'commit' });
      await page.waitForSelector('body[data-loaded="all"]');
      const overview = await api('galina', 'GET', '/api/v1/crm/dashboard');
      const open = overview.pipeline.reduce((s, p) => s + p.orders, 0);
      assert(open >= seeded.length, `the API counts ${open} open orders, at least the ${seeded.length} seeded`);
      const card = await page.locator('.card .value').first().textContent();
      assert(Number(card) === open, `the card shows ${card}, the API ${open}`);
      // What the pipeline chart drew (ECharts keeps it on its element), stage by stage, against the API.
      const drawn = await page.evaluate(() => {
        const option = window.echarts.getInstanceByDom(document.getElementById('pipeline')).getOption();
        return option.yAxis[0].data.map((stage, i) => [stage, option.series[0].data[i] + option.series[1].data[i],
          option.series[1].data[i]]);
      });
      const expected = overview.pipeline.map((p) => [p.stageName, p.orders, p.breached]);
      assert(JSON.stringify(drawn) === JSON.stringify(expected),
        `the pipeline chart draws ${JSON.stringify(drawn)}, the API says ${JSON.stringify(expected)}`);
      const heat = await api('galina', 'GET', '/api/v1/crm/dashboard/heatmap');
      assert(heat.reduce((s, h) => s + h.visits, 0) >= seeded.length, 'the heatmap counts the seeded visits');
      for (const h of heat) {
        const badge = await page.locator(`[data-testid="heat-${h.activityId}"]`).textContent();
        const want = `${h.visits} · ${h.medianDwellHours} ч · ${Math.round(h.breachRate * 100)}%`;
        assert(badge === want, `the heat badge of ${h.activityId} reads "${badge}", the API "${want}"`);
      }
      const panel = await page.locator('[data-testid="backtest"]').textContent();
      assert(panel.includes('Нарушения SLA') && panel.includes('olga') && panel.includes('МСК')
        && panel.includes(String(backtest.visits)), `the backtest panel reads "${panel}"`);
      await page.screenshot({ path: 'screenshots/3-dashboard.png', fullPage: true });
      noChallenges(page);
    });
  } finally {
    await browser.close();
  }
  const passed = results.filter((r) => r[1]).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
