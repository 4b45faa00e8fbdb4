// chart.js: draws bench/run.js's ratios per row as an SVG bar chart (by hand, no dependencies).
'use strict';

// node bench/chart.js RESULTS.json OUT.svg
//
// run.js calls ratiosChart(data) itself after each `make bench` and writes
// DIR/ratios.svg from DIR/results.json's data; this command redraws it.
//
// One group of bars per row (and one for the geomeans): our engine's time
// over native's, over Liftoff's and over TurboFan's. The axis is
// logarithmic and the bars start at 1.00 (the same speed), so a bar to the
// left means we are faster than that engine, to the right slower, and twice
// as slow is as long as twice as fast.

const fs = require('fs');

const SERIES = [
  { ratio: 'ours/native', label: 'ours / native clang -O2', color: '#4c72b0' },
  { ratio: 'ours/liftoff', label: 'ours / node Liftoff', color: '#dd8452' },
  { ratio: 'ours/turbofan', label: 'ours / node TurboFan', color: '#55a868' },
];

const LAYOUT = {
  width: 960, left: 170, right: 70, top: 94, bottom: 46,
  bar: 7, barGap: 1, groupGap: 9, font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
};

function escapeXml(text) {
  return String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
}

const finite = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0;

// The axis's powers of two: at least 0.5 to 2, wide enough for every value.
function axisRange(values) {
  const present = values.filter(finite);
  const low = Math.min(0.5, ...present), high = Math.max(2, ...present);
  return { low: 2 ** Math.floor(Math.log2(low)), high: 2 ** Math.ceil(Math.log2(high)) };
}

function formatTick(value) {
  return value >= 1 ? `${value}x` : `${value.toFixed(value >= 0.25 ? 2 : 3).replace(/0+$/, '')}x`;
}

// The SVG text of the chart for run.js's data (results.json).
function ratiosChart(data) {
  const groups = [...data.rows.map((row) => ({ name: row.row, ratios: row.ratios })),
                  { name: 'geomean', ratios: data.geomeans, summary: true }];
  const values = groups.flatMap((group) => SERIES.map((series) => group.ratios[series.ratio]));
  const { low, high } = axisRange(values);
  const L = LAYOUT;
  const groupHeight = SERIES.length * (L.bar + L.barGap) + L.groupGap;
  const plotHeight = groups.length * groupHeight;
  const height = L.top + plotHeight + L.bottom;
  const plotWidth = L.width - L.left - L.right;
  const x = (value) => L.left + plotWidth * (Math.log2(value) - Math.log2(low)) / (Math.log2(high) - Math.log2(low));
  const one = x(1);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${height}" ` +
           `viewBox="0 0 ${L.width} ${height}" font-family="${L.font}" font-size="11">`);
  out.push(`<rect width="${L.width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${L.left}" y="20" font-size="14" font-weight="bold">make bench: our engine's time ` +
           'over native, Liftoff and TurboFan, per row</text>');
  out.push(`<text x="${L.left}" y="37">lower is better: a bar left of 1x means we are faster than that ` +
           'engine; KERNEL/calls rows keep functions separate (bench/build.mk)</text>');
  const subtitle = `${escapeXml(data.date || '')}, node ${escapeXml(data.node || '?')}, median ${escapeXml(data.clock || 'cpu')} ` +
                   `time of ${data.runs} call(s) per cell, BENCH_SCALE=${data.scale}, ` +
                   `load average ${finite(data.loadBefore) ? data.loadBefore.toFixed(2) : '?'} before, ` +
                   `${finite(data.loadAfter) ? data.loadAfter.toFixed(2) : '?'} after`;
  out.push(`<text x="${L.left}" y="53" fill="#555">${subtitle}</text>`);
  SERIES.forEach((series, i) => {
    const legendX = L.left + i * 230;
    out.push(`<rect x="${legendX}" y="64" width="12" height="12" fill="${series.color}"/>`);
    out.push(`<text x="${legendX + 17}" y="74">${escapeXml(series.label)}</text>`);
  });

  // Every other group on a light stripe, the geomeans below a line; then
  // grid lines at the powers of two, the 1.00x line darker.
  groups.forEach((group, g) => {
    const top = L.top + g * groupHeight - L.groupGap / 2;
    if (group.summary)
      out.push(`<line x1="10" y1="${top}" x2="${L.width - 10}" y2="${top}" stroke="#999"/>`);
    else if (g % 2 === 1)
      out.push(`<rect x="10" y="${top}" width="${L.width - 20}" height="${groupHeight}" fill="#f4f4f4"/>`);
  });
  for (let tick = low; tick <= high * 1.0001; tick *= 2) {
    const tickX = x(tick).toFixed(1);
    out.push(`<line x1="${tickX}" y1="${L.top - 6}" x2="${tickX}" y2="${L.top + plotHeight}" ` +
             `stroke="${tick === 1 ? '#333' : '#ddd'}" stroke-width="${tick === 1 ? 1.2 : 1}"/>`);
    out.push(`<text x="${tickX}" y="${L.top + plotHeight + 16}" text-anchor="middle">${formatTick(tick)}</text>`);
  }
  out.push(`<text x="${(L.left + plotWidth / 2).toFixed(1)}" y="${L.top + plotHeight + 34}" text-anchor="middle" ` +
           'fill="#555">ratio of times (log scale)</text>');

  groups.forEach((group, g) => {
    const top = L.top + g * groupHeight;
    const middle = top + (SERIES.length * (L.bar + L.barGap)) / 2 + 4;
    out.push(`<text x="${L.left - 8}" y="${middle.toFixed(1)}" text-anchor="end"` +
             `${group.summary ? ' font-weight="bold"' : ''}>${escapeXml(group.name)}</text>`);
    SERIES.forEach((series, i) => {
      const value = group.ratios[series.ratio];
      const barY = top + i * (L.bar + L.barGap);
      if (!finite(value)) {
        out.push(`<text x="${(one + 4).toFixed(1)}" y="${barY + L.bar}" font-size="9" fill="#999">n/a</text>`);
        return;
      }
      const end = Math.min(Math.max(x(value), L.left), L.left + plotWidth);
      const from = Math.min(one, end), width = Math.max(Math.abs(end - one), 0.8);
      out.push(`<rect x="${from.toFixed(1)}" y="${barY}" width="${width.toFixed(1)}" height="${L.bar}" ` +
               `fill="${series.color}"><title>${escapeXml(group.name)}: ${series.ratio} = ${value.toFixed(2)}x</title></rect>`);
      const labelX = value >= 1 ? end + 3 : end - 3;
      out.push(`<text x="${labelX.toFixed(1)}" y="${barY + L.bar}" font-size="9" ` +
               `text-anchor="${value >= 1 ? 'start' : 'end'}" fill="#333">${value.toFixed(2)}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

if (require.main === module) {
  if (process.argv.length !== 4) {
    console.error('usage: node bench/chart.js RESULTS.json OUT.svg');
    process.exit(2);
  }
  const data = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  fs.writeFileSync(process.argv[3], ratiosChart(data));
}

module.exports = { ratiosChart };
