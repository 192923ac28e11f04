// The reports as charts. Everything comes from this service's own /api/reports (no CDN, works offline).
'use strict';

const TOKEN_KEY = 'whiteglove.token';
const charts = {};
const VIP = '#6554c0', NON_VIP = '#00875a';
const CHANNEL_COLOURS = { PHONE: '#0052cc', EMAIL: '#00b8d9', WEB: '#36b37e', API: '#ffab00' };

function token() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

async function report(name, params) {
  const query = new URLSearchParams(params);
  const response = await fetch(`api/reports/${name}?${query}`, {
    headers: { Authorization: `Bearer ${token()}`, Accept: 'application/json' }
  });
  if (response.status === 401 || response.status === 403) {
    throw Object.assign(new Error('Your token does not let you read reports (role manager needed).'), { signIn: true });
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${name}: HTTP ${response.status}`);
  }
  return response.json();
}

function draw(id, config) {
  if (charts[id]) {
    charts[id].destroy();
  }
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  charts[id] = new Chart(document.getElementById(id), config);
}

const minutes = seconds => seconds == null ? null : Math.round(seconds / 6) / 10;
const text = (id, value) => { document.getElementById(id).textContent = value; };

async function load() {
  const range = { from: document.getElementById('from').value, to: document.getElementById('to').value };
  document.body.dataset.state = 'loading';
  document.getElementById('error').hidden = true;
  try {
    const [impact, volume, totals, compliance, times, backlog] = await Promise.all([
      report('vip-impact', { ...range, groupBy: 'day' }),
      report('volume', { ...range, groupBy: 'day,channel' }),
      report('volume', range),
      report('sla-compliance', { ...range, groupBy: 'vip' }),
      report('response-times', { ...range, groupBy: 'vip' }),
      report('backlog', { groupBy: 'vip' })
    ]);
    const opened = totals.rows[0].opened;
    const vipOpened = totals.rows[0].vipOpened;
    text('kpi-opened', opened);
    text('kpi-vip-share', opened ? `${(100 * vipOpened / opened).toFixed(1)} %` : '–');
    const pct = label => {
      const row = compliance.rows.find(r => r.vip === label);
      return row && row.responseCompliancePercent != null ? `${row.responseCompliancePercent.toFixed(1)} %` : "–";
    };
    text('kpi-compliance', `${pct('VIP')} / ${pct('non-VIP')}`);
    const sum = column => backlog.rows.reduce((total, row) => total + row[column], 0);
    text('kpi-open', sum('open'));
    text('kpi-at-risk', sum('atRisk'));
    text('kpi-breached', sum('breached'));

    const days = impact.rows.map(r => r.day);
    draw('chart-compliance', {
      type: 'line',
      data: { labels: days, datasets: [
        { label: 'VIP response', data: impact.rows.map(r => r.vipResponseCompliancePercent), borderColor: VIP, spanGaps: true },
        { label: 'non-VIP response', data: impact.rows.map(r => r.nonVipResponseCompliancePercent), borderColor: NON_VIP, spanGaps: true },
        { label: 'VIP resolution', data: impact.rows.map(r => r.vipResolutionCompliancePercent), borderColor: VIP, borderDash: [6, 4], spanGaps: true },
        { label: 'non-VIP resolution', data: impact.rows.map(r => r.nonVipResolutionCompliancePercent), borderColor: NON_VIP, borderDash: [6, 4], spanGaps: true }
      ] },
      options: { scales: { y: { min: 0, max: 100 } } }
    });

    const volumeDays = [...new Set(volume.rows.map(r => r.day))];
    const channels = [...new Set(volume.rows.map(r => r.channel))];
    draw('chart-volume', {
      type: 'bar',
      data: { labels: volumeDays, datasets: channels.map(channel => ({
        label: channel, backgroundColor: CHANNEL_COLOURS[channel] || '#999',
        data: volumeDays.map(day => (volume.rows.find(r => r.day === day && r.channel === channel) || { opened: 0 }).opened)
      })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
    });

    const percentiles = ['P50', 'P90', 'P99'];
    draw('chart-response', {
      type: 'bar',
      data: { labels: percentiles.map(p => p.toLowerCase()), datasets: times.rows.map(row => ({
        label: row.vip, backgroundColor: row.vip === 'VIP' ? VIP : NON_VIP,
        data: percentiles.map(p => minutes(row[`responseCalendar${p}Seconds`]))
      })) },
      options: { scales: { y: { beginAtZero: true } } }
    });

    const ages = ['0-1d', '1-3d', '3-7d', '7-30d', '30d+'];
    draw('chart-backlog', {
      type: 'bar',
      data: { labels: ages, datasets: ['VIP', 'non-VIP'].map(label => ({
        label, backgroundColor: label === 'VIP' ? VIP : NON_VIP,
        data: ages.map(age => (backlog.rows.find(r => r.age === age && r.vip === label) || { open: 0 }).open)
      })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
    });
    document.body.dataset.state = 'ready';
  } catch (e) {
    document.body.dataset.state = 'error';
    document.getElementById('signin').hidden = !e.signIn;
    const error = document.getElementById('error');
    error.textContent = e.message;
    error.hidden = false;
  }
}

function init() {
  // The range comes from the link (?from=…&to=…) when there is one, so a view can be shared; else the last 30 days.
  const link = new URLSearchParams(location.search);
  const today = new Date();
  const from = new Date(today.getTime() - 29 * 24 * 3600 * 1000);
  document.getElementById('to').value = link.get('to') || today.toISOString().slice(0, 10);
  document.getElementById('from').value = link.get('from') || from.toISOString().slice(0, 10);
  document.getElementById('range').addEventListener('submit', event => {
    event.preventDefault();
    const range = new URLSearchParams({ from: document.getElementById('from').value, to: document.getElementById('to').value });
    history.replaceState(null, '', `${location.pathname}?${range}`);
    load();
  });
  document.getElementById('token-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
    document.getElementById('signin').hidden = true;
    load();
  });
  if (!token()) {
    document.getElementById('signin').hidden = false;
    document.body.dataset.state = 'signin';
    return;
  }
  load();
}

init();
