// The status page's HTML, server-rendered with hono/html (every value is escaped): feed
// health first, because a failing feed is what an operator most often has to act on.
import { html } from 'hono/html';
import type { PlatformCondition } from '../../core/status/platform-health.ts';
import type { StatusSnapshot } from '../../core/status/status.ts';
import { stripControls } from '../../core/text/clean-text.ts';
import { hourlyChart } from './svg-chart.ts';

const PLATFORM_COLORS: Record<string, string> = { telegram: '#229ed9', discord: '#5865f2', web: '#6a8759' };
const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1040px;padding:16px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:3px 6px;border-bottom:1px solid #eee;vertical-align:top}
.muted{color:#777}.ok{color:#18794e}.failing{color:#b35900}.unhealthy{color:#c11}.new{color:#777}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:110px}
.card b{display:block;font-size:20px}.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}
.err{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}`;

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'never');

export function statusPage(s: StatusSnapshot, platforms: Record<string, PlatformCondition> = {}, redact: (text: string) => string = (text) => text) {
  // Stored text as the page shows it: escaped by hono/html, redacted (rows written before errors
  // were), and with no control character (rows written before input was cleaned).
  const shown = (text: string | null | undefined) => (text ? stripControls(redact(text)) : '');
  const feedCounts = (['ok', 'failing', 'unhealthy', 'new'] as const).map((status) => ({ status, n: s.feeds.filter((f) => f.status === status).length }));
  const troubled = s.feeds.filter((f) => f.status === 'failing' || f.status === 'unhealthy');
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Herald status</title><style>${STYLE}</style></head>
<body>
<h1>Herald status</h1>
<form method="post" action="/status/logout" style="float:right"><button>Sign out</button></form>
<p class="muted">As of ${when(s.generatedAt)}. Reload for fresh figures.</p>
${
  Object.keys(platforms).length === 0
    ? ''
    : html`<h2>Platforms</h2>
<table><tr><th>Platform</th><th>State</th><th>Since</th><th>Why</th></tr>
${Object.entries(platforms).map(([name, p]) => html`<tr><td>${name}</td><td class="${p.state === 'up' ? 'ok' : p.state === 'down' ? 'unhealthy' : 'failing'}">${p.state}</td><td>${when(p.since)}</td><td class="err">${shown(p.reason)}</td></tr>`)}</table>`
}

<h2>Feeds</h2>
<div class="cards">${feedCounts.map((c) => html`<div class="card"><b class="${c.status}">${c.n}</b>${c.status}</div>`)}</div>
${
  troubled.length === 0
    ? html`<p class="ok">Every feed fetched fine at its last try.</p>`
    : html`<table><tr><th>Feed</th><th>Status</th><th>Failures</th><th>Last success</th><th>Last error</th></tr>
${troubled.map((f) => html`<tr><td>${shown(f.source)} · ${shown(f.category)}<br><span class="muted err">${shown(f.url)}</span></td><td class="${f.status}">${f.status}</td><td>${f.failures}</td><td>${when(f.lastSuccessAt)}</td><td class="err">${shown(f.lastError)}</td></tr>`)}</table>`
}

<h2>Items and stories</h2>
<div class="cards">
<div class="card"><b>${s.stories.last24h}</b>stories in 24 h</div>
<div class="card"><b>${s.stories.breaking24h}</b>breaking in 24 h</div>
<div class="card"><b>${s.stories.total}</b>stories in all</div>
</div>
<div class="charts">${hourlyChart('Items ingested per hour', s.itemsPerHour, '#8a5cf6')}</div>
${
  s.recentBreaking.length === 0
    ? ''
    : html`<table><tr><th>Breaking</th><th>Outlets</th><th>Why</th><th>When</th></tr>
${s.recentBreaking.map((b) => html`<tr><td>${shown(b.headline)}</td><td>${b.outlets}</td><td>${shown(b.reason)}</td><td>${when(b.at)}</td></tr>`)}</table>`
}

<h2>Deliveries</h2>
<div class="cards">${Object.entries(s.outbox)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => html`<div class="card"><b>${n}</b>${status}</div>`)}</div>
<div class="charts">${Object.entries(s.deliveriesPerHour).map(([platform, counts]) => hourlyChart(`Sent per hour: ${platform}`, counts, PLATFORM_COLORS[platform]))}</div>

<h2>Dead letters <span class="muted">(${s.deadLetters.total})</span></h2>
${
  s.deadLetters.total === 0
    ? html`<p class="ok">None: every message was sent or is still being tried.</p>`
    : html`<table><tr><th>Row</th><th>Target</th><th>Kind</th><th>Error</th><th>When</th></tr>
${s.deadLetters.latest.map((d) => html`<tr><td>${d.id}</td><td>${shown(d.platform)} ${shown(d.chat)}</td><td>${shown(d.kind)}</td><td class="err">${shown(d.error)}</td><td>${when(d.at)}</td></tr>`)}</table>`
}

<h2>Targets</h2>
${
  s.targets.length === 0
    ? html`<p class="muted">Nobody yet.</p>`
    : html`<table><tr><th>Platform</th><th>Primary country</th><th>Active targets</th></tr>
${s.targets.map((t) => html`<tr><td>${t.platform}</td><td>${t.country || html`<span class="muted">not chosen</span>`}</td><td>${t.count}</td></tr>`)}</table>`
}

<h2>Suggested by readers <span class="muted">(${s.suggestions.pending} pending)</span></h2>
${
  s.suggestions.pending === 0
    ? html`<p class="muted">No suggestions waiting.</p>`
    : html`<table><tr><th>#</th><th>Address</th><th>Readers</th><th>Last</th></tr>
${s.suggestions.latest.map((x) => html`<tr><td>${x.id}</td><td>${shown(x.url)}</td><td>${x.readers}</td><td>${when(x.last)}</td></tr>`)}</table>
<p class="muted">Test and add one with <code>herald suggestions approve ID --country XX --language xx --category slug</code>, or <code>herald suggestions reject ID</code>.</p>`
}
</body>
</html>`;
}

export function loginPage(opts: { failed: boolean; retryAfterMinutes?: number }) {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Herald status: sign in</title><style>${STYLE}</style></head>
<body>
<h1>Herald status</h1>
<p>This page needs the admin token (<code>HERALD_ADMIN_TOKEN</code>), sent as <code>Authorization: Bearer …</code>, or entered here.</p>
${
  opts.retryAfterMinutes !== undefined
    ? html`<p class="unhealthy">Too many failed sign-ins from your address. Try again in ${opts.retryAfterMinutes} minute${opts.retryAfterMinutes === 1 ? '' : 's'}.</p>`
    : opts.failed
      ? html`<p class="unhealthy">That token is not the admin token.</p>`
      : ''
}
<form method="post" action="/status/login"><input type="password" name="token" autocomplete="current-password" aria-label="Admin token" required> <button>Sign in</button></form>
</body>
</html>`;
}
