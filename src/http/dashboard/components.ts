import { type Translator, translator } from '../../i18n/index.ts';
import { MISSING } from './format.ts';
import { html, jsonScript, type SafeHtml } from './html.ts';

/** Small building blocks shared by the pages. */

export interface Tile {
  /** Stable key, also the tile's data-kpi attribute (tests and scripts find tiles by it). */
  key: string;
  label: string;
  value: string;
  sub?: string;
}

export function tiles(items: readonly Tile[], label: string): SafeHtml {
  return html`<dl class="tiles" aria-label="${label}">${items.map(
    (t) =>
      html`<div class="tile" data-kpi="${t.key}"><dt>${t.label}</dt><dd><span class="value">${t.value}</span>${
        t.sub === undefined ? '' : html`<span class="sub">${t.sub}</span>`
      }</dd></div>`,
  )}</dl>`;
}

/**
 * A labelled distribution as horizontal bars with the counts written out. The bar's width
 * is set from `data-share` by page.js: the CSP allows no inline style attribute.
 */
export function bars(
  title: string,
  items: ReadonlyArray<{ key: string; label: string; count: number }>,
): SafeHtml {
  const total = items.reduce((s, i) => s + i.count, 0);
  return html`<figure class="dist" aria-label="${title}"><figcaption><h3>${title}</h3></figcaption><ul class="bars">${items.map(
    (i) => {
      const share = total === 0 ? 0 : (i.count / total) * 100;
      return html`<li data-key="${i.key}"><span>${i.label}</span><span class="bar" aria-hidden="true"><span data-share="${share.toFixed(1)}"></span></span><span class="n">${i.count.toLocaleString('en-US')} (${share.toFixed(0)} %)</span></li>`;
    },
  )}</ul></figure>`;
}

export function badge(kind: string | null, text: string): SafeHtml {
  return html`<span class="badge ${kind ?? 'none'}">${text}</span>`;
}

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color?: string;
  /** Draw as marks only (no line). */
  points?: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** Epoch ms per point. */
  x: number[];
  /** Row labels of the data table (e.g. "2025-07"). */
  xLabels: string[];
  yLabel: string;
  percent?: boolean;
  yRange?: [number, number];
  series: ChartSeries[];
  /** Formats a value for the data table. */
  format: (v: number | null) => string;
  /** The reader's language for the chart's own words (English when absent). */
  tr?: Translator | undefined;
}

/**
 * A uPlot chart (drawn by charts.js) with its numbers in a table under it: the table is
 * what screen readers and keyboard users get, and it keeps the page useful without JS.
 */
export function chart(spec: ChartSpec): SafeHtml {
  const tr = spec.tr ?? translator('en');
  const data = {
    dateLabel: tr.t('chart.date'),
    failed: tr.t('model.js.chart_failed', { error: '{error}' }),
    x: spec.x.map((t) => Math.round(t / 1000)),
    yLabel: spec.yLabel,
    percent: spec.percent === true,
    yRange: spec.yRange,
    series: spec.series.map((s) => ({ label: s.label, values: s.values, color: s.color, points: s.points })),
  };
  return html`<figure class="chart-figure" id="${spec.id}-figure">
<figcaption><h3>${spec.title}</h3></figcaption>
<div class="chart" data-chart="${spec.id}-data" role="img" aria-label="${tr.t('chart.aria', { title: spec.title })}"></div>
${jsonScript(`${spec.id}-data`, data)}
<details><summary>${tr.t('chart.table', { title: spec.title })}</summary>
<table><thead><tr><th scope="col">${tr.t('chart.date')}</th>${spec.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}</tr></thead>
<tbody>${spec.xLabels.map(
    (label, i) =>
      html`<tr><th scope="row">${label}</th>${spec.series.map(
        (s) =>
          html`<td class="num">${s.values[i] === null || s.values[i] === undefined ? MISSING : spec.format(s.values[i] ?? null)}</td>`,
      )}</tr>`,
  )}</tbody></table>
</details>
</figure>`;
}
