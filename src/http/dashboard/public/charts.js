// Draws every <div data-chart="id"> from the JSON block <script id="id"> with uPlot
// (served from node_modules by Vigil). The same numbers are in a data table next to each
// chart, so the canvas is hidden from screen readers.
// Block shape: { x: [epoch seconds], yLabel, percent?, series: [{ label, values, color, points? }] }
(() => {
  const palette = ['#1f5f9e', '#b45309', '#15803d', '#7e22ce', '#be123c'];

  function seriesFor(spec, i) {
    const color = spec.color ?? palette[i % palette.length];
    if (spec.points === true) {
      // Marks only (e.g. config-caused changes): no line, large points.
      return {
        label: spec.label,
        stroke: color,
        width: 0,
        paths: () => null,
        points: { show: true, size: 11, fill: color },
      };
    }
    return { label: spec.label, stroke: color, width: 2, spanGaps: true, points: { show: true, size: 5 } };
  }

  function draw(el) {
    const block = document.getElementById(el.dataset.chart);
    if (block === null) return;
    const data = JSON.parse(block.textContent);
    const width = Math.max(280, el.clientWidth);
    const fmt = (v) =>
      v === null || v === undefined ? '–' : data.percent ? `${v.toFixed(1)} %` : v.toFixed(1);
    const opts = {
      width,
      height: 240,
      series: [
        {
          label: data.dateLabel ?? 'Date',
          value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)),
        },
      ].concat(data.series.map((s, i) => Object.assign(seriesFor(s, i), { value: (_u, v) => fmt(v) }))),
      axes: [
        { stroke: '#4a5561' },
        {
          stroke: '#4a5561',
          label: data.yLabel,
          values: (_u, ticks) => ticks.map((t) => (data.percent ? `${t} %` : String(t))),
        },
      ],
      scales: { x: { time: true } },
      legend: { live: false },
    };
    if (data.yRange !== undefined) opts.scales.y = { range: data.yRange };
    // One point alone gets a month either side, so it sits in the middle of a readable axis.
    if (data.x.length === 1) opts.scales.x.range = [data.x[0] - 15 * 86400, data.x[0] + 15 * 86400];
    const plot = new uPlot(opts, [data.x].concat(data.series.map((s) => s.values)), el);
    plot.root.setAttribute('aria-hidden', 'true');
    el.dataset.drawn = 'true';
  }

  function drawAll() {
    for (const el of document.querySelectorAll('[data-chart]')) {
      try {
        draw(el);
      } catch (err) {
        // The words come with the chart's data, in the reader's language.
        const block = document.getElementById(el.dataset.chart);
        const failed = block === null ? null : JSON.parse(block.textContent).failed;
        el.textContent =
          typeof failed === 'string'
            ? failed.replace('{error}', err.message)
            : `The chart could not be drawn (${err.message}); the table below has the numbers.`;
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
  else drawAll();
})();
