// Herald admin console: the rate chart, drawn on a canvas.
'use strict';

/** Both rates on one linear scale; publishes solid, deliveries dashed, so colour is not the only cue. */
function drawChart() {
  const canvas = $('rate-chart');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 720;
  const height = canvas.clientHeight || 220;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const styles = getComputedStyle(document.documentElement);
  const colour = (name) => styles.getPropertyValue(name).trim();
  const left = 56;
  const right = 12;
  const top = 12;
  const bottom = 24;
  const points = live.history;
  const max = niceCeiling(Math.max(1, ...points.map((p) => Math.max(p.publish, p.delivery))));
  const x = (i) => left + (width - left - right) * (i + CHART_POINTS - points.length) / (CHART_POINTS - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);

  g.font = '12px system-ui, sans-serif';
  g.fillStyle = colour('--muted');
  g.strokeStyle = colour('--border');
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    g.beginPath();
    g.moveTo(left, y(v));
    g.lineTo(width - right, y(v));
    g.stroke();
    g.fillText(rates.format(v), left - 6, y(v));
  }
  g.textAlign = 'left';
  g.textBaseline = 'alphabetic';
  g.fillText('5 min ago', left, height - 6);
  g.textAlign = 'right';
  g.fillText('now', width - right, height - 6);

  const line = (key, style, dash) => {
    g.strokeStyle = colour(style);
    g.lineWidth = 2;
    g.setLineDash(dash);
    g.beginPath();
    points.forEach((p, i) => (i === 0 ? g.moveTo(x(i), y(p[key])) : g.lineTo(x(i), y(p[key]))));
    g.stroke();
    g.setLineDash([]);
  };
  line('delivery', '--delivery', [6, 4]);
  line('publish', '--publish', []);

  const last = points[points.length - 1];
  const peak = (key) => rates.format(Math.max(...points.map((p) => p[key])));
  $('chart-summary').textContent = `Now ${rates.format(last.publish)} publishes/s and ${rates.format(last.delivery)} `
    + `deliveries/s; peaks over the chart ${peak('publish')} and ${peak('delivery')}.`;
}

/** 1, 2 or 5 times a power of ten, at least v. */
function niceCeiling(v) {
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= v) return step * power;
  }
  return 10 * power;
}

