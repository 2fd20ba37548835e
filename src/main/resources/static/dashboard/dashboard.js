// CJM Flow dashboard: reads /api/v1/crm/dashboard (same login as Tasklist) and draws charts (ECharts) and the
// order-flow heatmap (bpmn-js). Every number opens the list behind it (the control lists of the CRM API).
(function () {
  'use strict';

  const api = (path, accept) => fetch(path, { headers: { Accept: accept || 'application/json' },
    credentials: 'same-origin' })
    .then((r) => { if (!r.ok) { throw new Error(path + ': ' + r.status); } return r; });
  const el = (id) => document.getElementById(id);
  const dayMs = 86400000;

  function period() {
    const to = el('to').value ? new Date(el('to').value + 'T00:00:00Z').getTime() + dayMs : Date.now();
    const from = el('from').value ? new Date(el('from').value + 'T00:00:00Z').getTime() : to - 28 * dayMs;
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }

  function query(params) {
    return Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
  }

  function table(rows, columns, onClick) {
    if (!rows.length) {
      return '<p class="empty">Нет данных</p>';
    }
    const head = columns.map((c) => '<th>' + c[1] + '</th>').join('');
    const body = rows.map((row, i) => '<tr class="' + (onClick ? 'link' : '') + '" data-row="' + i + '">'
      + columns.map((c) => '<td>' + (row[c[0]] === null || row[c[0]] === undefined ? '' : String(row[c[0]])
        .replace(/&/g, '&amp;').replace(/</g, '&lt;')) + '</td>').join('') + '</tr>').join('');
    return '<table><thead><tr>' + head + '</tr></thead><tbody>' + body + '</tbody></table>';
  }

  function bindRows(container, rows, onClick) {
    container.querySelectorAll('tr.link').forEach((tr) => tr.addEventListener('click',
      () => onClick(rows[Number(tr.dataset.row)])));
  }

  /** The list behind a number: a control list of the CRM API, shown as a table. */
  function drill(title, path) {
    el('drilldown').hidden = false;
    el('drilldown-title').textContent = title;
    el('drilldown-body').innerHTML = '<p class="empty">Загрузка…</p>';
    api(path).then((r) => r.json()).then((data) => {
      const items = Array.isArray(data) ? data : (data.items || [data]);
      const columns = items.length ? Object.keys(items[0]).filter((k) => typeof items[0][k] !== 'object')
        .map((k) => [k, k]) : [];
      el('drilldown-body').innerHTML = '<p class="hint">' + path + (data.total !== undefined ? ' — всего ' + data.total : '')
        + '</p>' + table(items, columns, (row) => row.orderId || row.id);
      bindRows(el('drilldown-body'), items, (row) => {
        const id = row.orderId || (path.indexOf('/orders?') >= 0 ? row.id : null);
        if (id) { drill('Заказ ' + id, '/api/v1/crm/orders/' + id); }
      });
      el('drilldown').scrollIntoView({ behavior: 'smooth' });
    }).catch((e) => { el('drilldown-body').innerHTML = '<p class="empty">' + e.message + '</p>'; });
  }

  function cards(data) {
    const open = data.pipeline.reduce((s, p) => s + p.orders, 0);
    const breached = data.pipeline.reduce((s, p) => s + p.breached, 0);
    const items = [
      ['Заказов в работе', open, '/api/v1/crm/orders?' + query({ size: 200 })],
      ['С нарушением SLA сейчас', breached, '/api/v1/crm/orders?' + query({ breached: true, size: 200 })],
      ['Открытых возвратов и компенсаций', data.openCases.length + ' · ' + data.openCaseMoneyEur + ' €', null],
      ['Застрявших заказов', data.stalled.length, '/api/v1/crm/orders?' + query({ stalled: true, size: 200 })]
    ];
    el('cards').innerHTML = items.map((c, i) => '<div class="card" data-card="' + i + '"><div class="value">' + c[1]
      + '</div><div class="label">' + c[0] + '</div></div>').join('');
    el('cards').querySelectorAll('.card').forEach((card) => card.addEventListener('click', () => {
      const c = items[Number(card.dataset.card)];
      if (c[2]) { drill(c[0], c[2]); } else { el('cases').scrollIntoView({ behavior: 'smooth' }); }
    }));
  }

  function pipeline(data) {
    const chart = echarts.init(el('pipeline'));
    const rows = data.pipeline;
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['В срок', 'С нарушением SLA'] },
      grid: { left: 200, right: 30, top: 30, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.stageName), inverse: true },
      series: [
        { name: 'В срок', type: 'bar', stack: 'n', data: rows.map((r) => r.orders - r.breached), color: '#4c9f70',
          label: { show: true, formatter: (p) => p.value || '' } },
        { name: 'С нарушением SLA', type: 'bar', stack: 'n', data: rows.map((r) => r.breached), color: '#d9534f',
          label: { show: true, formatter: (p) => p.value || '' } }
      ]
    });
    chart.on('click', (p) => {
      const row = rows[p.dataIndex];
      drill(row.stageName + (p.seriesIndex === 1 ? ': с нарушением SLA' : ''), '/api/v1/crm/orders?'
        + query({ stage: row.stage, breached: p.seriesIndex === 1 ? true : undefined, size: 200 }));
    });
  }

  function breaches(data, range) {
    const chart = echarts.init(el('breaches'));
    const days = data.breaches;
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['Нарушения менеджеров', 'Задержки внешних сторон'] },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: days.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Нарушения менеджеров', type: 'bar', data: days.map((d) => d.managerBreaches), color: '#d9534f' },
        { name: 'Задержки внешних сторон', type: 'bar', data: days.map((d) => d.outsideDelays), color: '#f0ad4e' }
      ]
    });
    chart.on('click', (p) => {
      const day = days[p.dataIndex].day;
      const from = new Date(day + 'T00:00:00+03:00');
      drill(p.seriesName + ' ' + day, '/api/v1/crm/sla/breaches?' + query({ from: from.toISOString(),
        to: new Date(from.getTime() + dayMs).toISOString(), party: p.seriesIndex === 0 ? 'manager' : undefined,
        size: 500 }));
    });
  }

  function scorecards(data) {
    const chart = echarts.init(el('scorecards'));
    const managers = [...new Set(data.scorecards.map((s) => s.managerId))];
    const weeks = [...new Set(data.scorecards.map((s) => s.weekStart))].sort();
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: managers },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: managers.map((m) => ({ name: m, type: 'line', data: weeks.map((w) => {
        const s = data.scorecards.find((x) => x.managerId === m && x.weekStart === w);
        return s ? s.score : null;
      }) }))
    });
    chart.on('click', (p) => drill('Карточка ' + p.seriesName + ', неделя ' + p.name,
      '/api/v1/crm/managers/' + encodeURIComponent(p.seriesName) + '/scorecard?' + query({ from: p.name,
        to: new Date(new Date(p.name).getTime() + 6 * dayMs).toISOString().substring(0, 10) })));
    if (!managers.length) {
      el('scorecards').insertAdjacentHTML('beforeend', '<p class="empty">Карточки ещё не посчитаны за период</p>');
    }
  }

  function lists(data) {
    el('cases').innerHTML = table(data.openCases, [['kind', 'Вид'], ['orderId', 'Заказ'], ['amount', 'Сумма'],
      ['currency', 'Валюта'], ['status', 'Статус'], ['createdAt', 'Создан']], true);
    bindRows(el('cases'), data.openCases, (row) => drill('Заказ ' + row.orderId, '/api/v1/crm/orders/' + row.orderId));
    el('stalled').innerHTML = table(data.stalled, [['orderId', 'Заказ'], ['status', 'Статус'], ['managerId', 'Менеджер'],
      ['stalledSince', 'С'], ['reason', 'Причина']], true);
    bindRows(el('stalled'), data.stalled, (row) => drill('Заказ ' + row.orderId, '/api/v1/crm/orders/' + row.orderId));
  }

  /** The latest SLA backtest (POST /api/v1/crm/sla/backtest): totals before and with the candidate, changed stages. */
  function backtest(data) {
    const b = data.slaBacktest;
    if (!b) {
      el('backtest').innerHTML = '<p class="empty">Бэктест ещё не запускали (POST /api/v1/crm/sla/backtest)</p>';
      return;
    }
    const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const change = (c) => c.baseline + ' → ' + c.candidate;
    el('backtest').innerHTML = '<p class="hint">' + esc(b.ranAtText) + ', ' + esc(b.ranBy) + ': «' + esc(b.candidate)
      + '» против «' + esc(b.baseline) + '», визиты этапов за ' + esc(b.periodText) + ' — ' + b.visits + '</p>'
      + table([
        { what: 'Нарушения SLA', value: change(b.breaches) },
        { what: 'Предупреждения', value: change(b.warnings) },
        { what: 'Эскалации руководителю', value: change(b.escalations) },
        { what: 'Застрявшие заказы', value: change(b.stalls) },
        { what: 'Стали нарушениями / перестали ими быть', value: b.flippedToBreached + ' / ' + b.flippedToMet }
      ], [['what', 'Показатель'], ['value', 'Сейчас → с кандидатом']], false)
      + (b.stages.length ? table(b.stages.map((s) => ({ stage: s.stage, stageName: s.stageName, visits: s.visits,
        breaches: change(s.breaches) })), [['stageName', 'Этап'], ['visits', 'Визитов'],
        ['breaches', 'Нарушений: сейчас → с кандидатом']], true) : '');
    bindRows(el('backtest'), b.stages, (row) => drill(row.stageName, '/api/v1/crm/orders?'
      + query({ stage: row.stage, size: 200 })));
  }

  let viewer = null;

  function heatmap(range) {
    if (!viewer) {
      viewer = new BpmnJS({ container: el('heatmap') });
    }
    return Promise.all([api('/api/v1/crm/dashboard/diagram', 'application/xml').then((r) => r.text()),
      api('/api/v1/crm/dashboard/heatmap?' + query(range)).then((r) => r.json())])
      .then(([xml, heat]) => viewer.importXML(xml).then(() => {
        const canvas = viewer.get('canvas');
        const overlays = viewer.get('overlays');
        const registry = viewer.get('elementRegistry');
        overlays.clear();
        canvas.zoom('fit-viewport');
        const max = Math.max(1, ...heat.map((h) => h.medianDwellHours));
        heat.forEach((h) => {
          const shape = registry.get(h.activityId);
          if (!shape) { return; }
          const hue = 120 - 120 * Math.min(1, h.medianDwellHours / max);
          const gfx = registry.getGraphics(shape);
          const rect = gfx && gfx.querySelector('.djs-visual > rect, .djs-visual > circle');
          if (rect) {
            rect.style.fill = 'hsl(' + hue + ',75%,62%)';
          }
          const badge = document.createElement('div');
          badge.className = 'heat-badge';
          badge.dataset.testid = 'heat-' + h.activityId;
          badge.title = h.stageName + ': визитов ' + h.visits + ', открыто ' + h.open + ', медиана '
            + h.medianDwellHours + ' ч, нарушений ' + Math.round(h.breachRate * 100) + '%';
          badge.textContent = h.visits + ' · ' + h.medianDwellHours + ' ч · ' + Math.round(h.breachRate * 100) + '%';
          badge.addEventListener('click', () => drill(h.stageName, '/api/v1/crm/orders?'
            + query({ stage: h.stage, size: 200 })));
          overlays.add(h.activityId, { position: { bottom: 4, left: 2 }, html: badge });
        });
      }));
  }

  function load() {
    const range = period();
    api('/api/v1/crm/dashboard?' + query(range)).then((r) => r.json()).then((data) => {
      cards(data);
      pipeline(data);
      breaches(data, range);
      scorecards(data);
      lists(data);
      backtest(data);
      document.body.dataset.loaded = 'overview';
      return heatmap(range);
    }).then(() => { document.body.dataset.loaded = 'all'; })
      .catch((e) => { document.body.dataset.loaded = 'error'; el('cards').innerHTML = '<p class="empty">' + e.message + '</p>'; });
  }

  el('period').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  load();
}());
