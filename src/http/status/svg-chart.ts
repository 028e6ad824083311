// Hourly bar charts as inline SVG: no script, no image request, readable without JavaScript
// and allowed by the page's strict Content-Security-Policy.
import { html } from 'hono/html';
import type { HourCount } from '../../core/status/status.ts';

const WIDTH = 480;
const HEIGHT = 120;
const AXIS = 16;

export function hourlyChart(title: string, counts: HourCount[], color = '#2f6fde') {
  const max = Math.max(1, ...counts.map((c) => c.count));
  const total = counts.reduce((n, c) => n + c.count, 0);
  const slot = WIDTH / Math.max(1, counts.length);
  const plot = HEIGHT - AXIS;
  const bars = counts.map((c, i) => {
    const h = Math.round((c.count / max) * (plot - 4));
    const label = `${c.hour.toISOString().slice(11, 16)} UTC: ${c.count}`;
    return html`<rect x="${(i * slot + 1).toFixed(1)}" y="${plot - h}" width="${(slot - 2).toFixed(1)}" height="${h}" fill="${color}"><title>${label}</title></rect>`;
  });
  const ticks = counts
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => i % 6 === 0)
    .map(({ c, i }) => html`<text x="${(i * slot).toFixed(1)}" y="${HEIGHT - 3}" font-size="10" fill="#666">${c.hour.toISOString().slice(11, 16)}</text>`);
  return html`<figure class="chart">
    <figcaption>${title} <span class="muted">(${total} in 24 h, peak ${max === 1 && total === 0 ? 0 : max}/h)</span></figcaption>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${title}: ${total} in the last 24 hours">
      <line x1="0" y1="${plot}" x2="${WIDTH}" y2="${plot}" stroke="#bbb" />
      ${bars}${ticks}
    </svg>
  </figure>`;
}
