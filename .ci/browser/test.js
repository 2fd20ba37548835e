#!/usr/bin/env node
// The browser tests (see run.sh). Seeds orders over the API, then in headless Chromium:
// 1. anna (sales manager) logs into Tasklist, opens a freshly booked order's task, sees the customer, the bike and
//    the due date on it, claims and completes it, and the order's next task is assigned to her;
// 2. galina (head of sales) opens the dashboard and sees the heatmap, the pipeline chart with the seeded numbers and
//    the latest SLA backtest (run by olga just before) in Russian.
// Prints "N passed, N failed"; exits non-zero on a failure. Screenshots in ./screenshots.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = process.env.BASE_URL;
const results = [];

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
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Logs into a Camunda webapp and waits for the login call's answer (not for a URL: the welcome app keeps "login"
// in its hash-bang URL after a successful login, e.g. #!/welcome#%252Flogin).
async function login(page, app, user) {
  page.setDefaultTimeout(90000);
  await page.goto(`${BASE}/camunda/app/${app}/default/#/login`);
  await page.locator('input[ng-model="username"]').fill(user);
  await page.locator('input[type="password"]').fill(user);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'
      && r.url().includes(`/camunda/api/admin/auth/user/default/login/${app}`), { timeout: 90000 }),
    page.locator('button[type="submit"]').click()]);
  assert(answer.ok(), `${user} logs into ${app}: ${answer.status()}`);
}

(async () => {
  const run = Date.now();
  const seeded = [];
  for (const [i, bike] of ['Canyon Ultimate CF SL 2022', 'Cube Stereo 140', 'Trek Domane SL6'].entries()) {
    seeded.push(await api('booking', 'POST', '/api/v1/crm/orders',
      booking(`browser-${run}-${i}`, ['Иван Петров', 'Мария Смирнова', 'Олег Кузнецов'][i], bike, 1850 + i * 100)));
  }
  const fresh = seeded[0];

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    await check('a sales manager works a fresh order in Tasklist and gets its next task', async () => {
      const page = await (await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'ru-RU' })).newPage();
      await login(page, 'tasklist', 'anna');
      const tasks = await api('anna', 'GET', `/engine-rest/task?processInstanceId=${fresh.processInstanceId}`);
      assert(tasks.length === 1, 'one open task');
      await page.goto(`${BASE}/camunda/app/tasklist/default/#/?task=${tasks[0].id}`);
      const form = page.locator('.fjs-container, [cam-tasklist-form-camunda]').first();
      await page.getByText('Иван Петров').first().waitFor({ timeout: 90000 });
      await page.getByText('Canyon Ultimate CF SL 2022').first().waitFor();
      await page.getByText('МСК').first().waitFor();
      assert(await page.getByText('заказ ' + fresh.orderId).count() > 0, 'the task name names the order');
      assert(tasks[0].due, 'the task has a due date');
      await page.screenshot({ path: 'screenshots/1-tasklist-task-with-order.png', fullPage: true });
      await page.getByRole('button', { name: /Claim|Взять/ }).first().click();
      await page.getByRole('button', { name: /Complete|Завершить/ }).first().waitFor({ timeout: 90000 });
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: /Complete|Завершить/ }).first().click();
      let next = [];
      for (let i = 0; i < 30 && !next.length; i++) {
        await page.waitForTimeout(500);
        next = await api('anna', 'GET', `/engine-rest/task?processInstanceId=${fresh.processInstanceId}`
          + '&taskDefinitionKey=Task_CheckBikeWithSeller');
      }
      assert(next.length === 1, 'the next task exists');
      assert(next[0].assignee === 'anna', `the next task is assigned to anna, not ${next[0].assignee}`);
      await page.goto(`${BASE}/camunda/app/tasklist/default/#/?task=${next[0].id}`);
      await page.getByText('Canyon Ultimate CF SL 2022').first().waitFor({ timeout: 90000 });
      await page.screenshot({ path: 'screenshots/2-tasklist-next-task-assigned.png', fullPage: true });
      void form;
    });

    await check('the head of sales sees the heatmap and the pipeline with the seeded numbers', async () => {
      const page = await (await browser.newContext({ viewport: { width: 1600, height: 1400 }, locale: 'ru-RU' })).newPage();
      // the latest SLA backtest shows next to the heatmap: the deployed table tried against itself, last 28 days
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
      await page.goto(`${BASE}/dashboard`);
      await page.waitForSelector('body[data-loaded="all"]', { timeout: 120000 });
      const overview = await api('galina', 'GET', '/api/v1/crm/dashboard');
      const open = overview.pipeline.reduce((s, p) => s + p.orders, 0);
      const card = await page.locator('.card .value').first().textContent();
      assert(Number(card) === open && open >= seeded.length, `the card shows ${card}, the API ${open}`);
      assert(await page.locator('#pipeline canvas').count() > 0, 'the pipeline chart is drawn');
      const badges = page.locator('.heat-badge');
      assert(await badges.count() > 0, 'the heatmap has counts on its tasks');
      const booked = await page.locator('[data-testid="heat-Task_ConfirmBooking"], .heat-badge').first().textContent();
      assert(/\d+ · /.test(booked), `a heat badge reads "${booked}"`);
      const panel = await page.locator('[data-testid="backtest"]').textContent();
      assert(panel.includes('Нарушения SLA') && panel.includes('olga') && panel.includes('МСК')
        && panel.includes(String(backtest.visits)), `the backtest panel reads "${panel}"`);
      await page.screenshot({ path: 'screenshots/3-dashboard.png', fullPage: true });
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
