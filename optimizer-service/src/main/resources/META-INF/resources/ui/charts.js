// ECharts option builders for the study page. Every chart records how many points it drew per legend entry in
// data-points ("name:count,…"), read back by the browser tests.
import * as echarts from '../webjars/echarts/5.3.1/dist/echarts.esm.min.js';

const BLUE = '#2f6fdf', ORANGE = '#e58a1f', RED = '#c8402f', GREEN = '#2d9d5a', GREY = '#9aa3b2';

export function mount(node, option) {
  const chart = echarts.getInstanceByDom(node) || echarts.init(node, null, { renderer: 'canvas' });
  chart.setOption({ animation: false, ...option }, true);
  const counts = new Map();
  option.series.forEach(s => counts.set(s.name, (counts.get(s.name) || 0) + pointCount(s)));
  node.dataset.points = [...counts].map(([name, n]) => name + ':' + n).join(',');
  return chart;
}

/** Points drawn: polylines count their vertices, gaps count nothing. */
function pointCount(series) {
  if (series.type === 'lines') return series.data.reduce((n, d) => n + d.coords.length, 0);
  return series.data.filter(d => d !== GAP).length;
}

export function resizeAll(nodes) {
  nodes.forEach(n => echarts.getInstanceByDom(n)?.resize());
}

/** A gap between polylines inside one line series. */
const GAP = '-';

const better = dir => (a, b) => dir === 'minimize' ? a < b : a > b;

/**
 * Objective per completed trial (by trial number) and the best so far: a step line through the improvements only
 * (and the last trial, where the line ends), not one vertex per trial.
 */
export function historyOption(rows, objectiveIndex, objective) {
  const points = rows.filter(r => r.phase === 'SEARCH' && r.state === 'COMPLETE' && num(r.objectives?.[objectiveIndex]))
    .sort((a, b) => a.number - b.number);
  const isBetter = better(objective.direction);
  let best = null;
  const bestLine = [];
  for (const r of points) {
    const v = r.objectives[objectiveIndex];
    if (best === null || isBetter(v, best)) {
      best = v;
      bestLine.push([r.number, best]);
    }
  }
  const last = points[points.length - 1];
  if (last && bestLine[bestLine.length - 1][0] !== last.number) bestLine.push([last.number, best]);
  return {
    tooltip: { trigger: 'item', formatter: p => 'trial #' + p.value[0] + '<br>' + objective.id + ' ' + p.value[1].toFixed(4) },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 30, bottom: 36 },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'value', name: objective.id + (objective.direction === 'minimize' ? ' (lower is better)' : ''), scale: true,
      nameTextStyle: { align: 'left' } },
    series: [
      { name: 'objective', type: 'scatter', symbolSize: 6, large: points.length > 2000, color: BLUE,
        data: points.map(r => [r.number, r.objectives[objectiveIndex]]) },
      { name: 'best so far', type: 'line', step: 'end', showSymbol: false, color: RED, data: bestLine },
    ],
  };
}

/**
 * Intermediate value per epoch, one polyline per trial (ECharts 'lines': one draw call for thousands); a trial with
 * one value so far (e.g. pruned after its first epoch) is a dot, since a polyline needs two points. Pruned in orange.
 */
export function intermediateOption(rows) {
  const groups = { kept: { lines: [], dots: [] }, pruned: { lines: [], dots: [] } };
  let min = Infinity, max = -Infinity, last = 1;
  for (const r of rows) {
    if (r.phase !== 'SEARCH' || !r.intermediate) continue;
    const coords = Object.keys(r.intermediate).map(Number).sort((a, b) => a - b).map(e => [e, r.intermediate[e]]);
    if (coords.length === 0) continue;
    for (const [e, v] of coords) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      last = Math.max(last, e);
    }
    const group = groups[r.state === 'PRUNED' ? 'pruned' : 'kept'];
    if (coords.length === 1) group.dots.push([...coords[0], r.number]);
    else group.lines.push({ coords, trial: r.number });
  }
  const series = [];
  for (const [key, name, color] of [['kept', 'completed or running', BLUE], ['pruned', 'pruned', ORANGE]]) {
    const { lines, dots } = groups[key];
    series.push({ name, type: 'lines', coordinateSystem: 'cartesian2d', polyline: true, large: lines.length > 500,
      color, data: lines, lineStyle: { width: 1, opacity: lines.length > 500 ? 0.25 : 0.7 },
      tooltip: { formatter: p => 'trial #' + p.data.trial } });
    series.push({ name, type: 'scatter', color, symbolSize: 4, data: dots, large: dots.length > 2000,
      tooltip: { formatter: p => 'trial #' + p.value[2] + ', epoch ' + p.value[0] + ': ' + p.value[1].toFixed(4) } });
  }
  const pad = max > min ? (max - min) * 0.05 : 0.05;
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0, data: ['completed or running', 'pruned'] },
    grid: { left: 56, right: 16, top: 30, bottom: 36 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1, min: 0, max: last },
    yAxis: { type: 'value', name: 'intermediate value', nameTextStyle: { align: 'left' }, min: Number.isFinite(min) ? +(min - pad).toFixed(3) : 0,
      max: Number.isFinite(max) ? +(max + pad).toFixed(3) : 1 },
    series,
  };
}

/** Worst-group AUC against AUC gap for every scored search trial; the Pareto front (two objectives) on top. */
export function fairnessOption(rows, paretoNumbers, selected) {
  const scored = rows.filter(r => r.phase === 'SEARCH' && r.state === 'COMPLETE' && num(r.minAuc) && num(r.aucGap));
  const front = new Set(paretoNumbers || []);
  const point = r => [r.aucGap, r.minAuc, r.number];
  const series = [
    { name: 'trials', type: 'scatter', symbolSize: 7, color: BLUE, large: scored.length > 2000,
      data: scored.filter(r => !front.has(r.number)).map(point) },
  ];
  if (paretoNumbers) {
    series.push({ name: 'Pareto front', type: 'scatter', symbolSize: 11, color: RED,
      data: scored.filter(r => front.has(r.number)).sort((a, b) => a.aucGap - b.aucGap).map(point) });
  }
  const chosen = scored.find(r => r.number === selected);
  series.push({ name: 'selected trial', type: 'scatter', symbol: 'diamond', symbolSize: 14, color: GREEN,
    data: chosen ? [point(chosen)] : [] });
  return {
    tooltip: { trigger: 'item', formatter: p => 'trial #' + p.value[2] + '<br>worst-group AUC ' + p.value[1].toFixed(4) +
      '<br>AUC gap ' + p.value[0].toFixed(4) },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 30, bottom: 40 },
    xAxis: { type: 'value', name: 'AUC gap (lower is fairer)', nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { type: 'value', name: 'worst-group AUC', scale: true, nameTextStyle: { align: 'left' } },
    series,
  };
}

/** Vertical error bars for category charts; {offset} shifts them onto one bar of a group. */
function errorBars(name, data, offset = 0, horizontal = false) {
  return {
    name, type: 'custom', data, z: 10, tooltip: { show: false },
    // both interval ends count toward the value axis' extent, the category index toward the other
    encode: horizontal ? { x: [1, 2], y: 0 } : { x: 0, y: [1, 2] },
    renderItem(params, api) {
      const cat = api.value(0), lo = api.value(1), hi = api.value(2);
      const band = api.size(horizontal ? [0, 1] : [1, 0])[horizontal ? 1 : 0];
      const a = api.coord(horizontal ? [lo, cat] : [cat, lo]), b = api.coord(horizontal ? [hi, cat] : [cat, hi]);
      const shift = offset * band, cap = band * 0.06;
      const style = { stroke: '#1d2430', lineWidth: 1.2 };
      if (horizontal) {
        const y = a[1] + shift;
        return { type: 'group', children: [
          { type: 'line', shape: { x1: a[0], y1: y, x2: b[0], y2: y }, style },
          { type: 'line', shape: { x1: a[0], y1: y - cap, x2: a[0], y2: y + cap }, style },
          { type: 'line', shape: { x1: b[0], y1: y - cap, x2: b[0], y2: y + cap }, style }] };
      }
      const x = a[0] + shift;
      return { type: 'group', children: [
        { type: 'line', shape: { x1: x, y1: a[1], x2: x, y2: b[1] }, style },
        { type: 'line', shape: { x1: x - cap, y1: a[1], x2: x + cap, y2: a[1] }, style },
        { type: 'line', shape: { x1: x - cap, y1: b[1], x2: x + cap, y2: b[1] }, style }] };
    },
  };
}

/** Per-group AUC, TPR and FPR of one trial with their 95 % intervals. */
export function groupsOption(groups) {
  const names = groups.map(g => g.group + ' (n=' + (g.count ?? '?') + ')');
  const metrics = [['AUC', 'auc', BLUE], ['TPR', 'tpr', GREEN], ['FPR', 'fpr', ORANGE]];
  const width = 0.22;
  const series = [];
  metrics.forEach(([label, key, color], i) => {
    series.push({ name: label, type: 'bar', color, barWidth: (width * 100) + '%', barGap: '0%',
      data: groups.map(g => g[key].value ?? GAP) });
  });
  metrics.forEach(([label, key], i) => {
    series.push(errorBars(label + ' 95% CI', groups.map((g, c) => g[key].low === null ? GAP : [c, g[key].low, g[key].high])
      .filter(d => d !== GAP), (i - 1) * width));
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: metrics.map(m => m[0]) },
    grid: { left: 48, right: 16, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', min: 0, max: 1 },
    series,
  };
}

/** Difference in objective with each bit on vs off, with its 95 % Welch interval. */
export function bitEffectsOption(effects) {
  const bits = effects.bits;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: ps => {
      const b = bits[ps[0].dataIndex];
      return b.name + '<br>on ' + b.on + ' trials, off ' + b.off + '<br>effect ' + (b.effect === null ? 'n/a' : b.effect.toFixed(4)) +
        (b.ciLow === null ? '' : ' [' + b.ciLow.toFixed(4) + ', ' + b.ciHigh.toFixed(4) + ']');
    } },
    grid: { left: 150, right: 20, top: 10, bottom: 36 },
    xAxis: { type: 'value', name: 'Δ ' + effects.objective + ' (on − off)', nameLocation: 'middle', nameGap: 24, scale: true },
    yAxis: { type: 'category', data: bits.map(b => b.name), inverse: true, axisLabel: { fontSize: 11 } },
    series: [
      { name: 'effect', type: 'bar', color: BLUE, barWidth: '55%',
        data: bits.map(b => b.effect === null ? GAP : b.effect) },
      errorBars('95% CI', bits.map((b, i) => b.ciLow === null ? GAP : [i, b.ciLow, b.ciHigh]).filter(d => d !== GAP), 0, true),
    ],
  };
}

/** Final phase: each arm's seeds on test (worst-group AUC), and its mean ± 95 % CI. */
export function finalOption(arms, finalRows) {
  const names = arms.map(a => a.arm);
  const seeds = finalRows.filter(r => r.state === 'COMPLETE' && num(r.minAuc) && names.includes(r.arm))
    .map(r => [names.indexOf(r.arm), r.minAuc, r.seedIndex]);
  const means = arms.map((a, i) => a.metrics.min_auc ? [i, a.metrics.min_auc.mean] : GAP).filter(d => d !== GAP);
  const cis = arms.map((a, i) => {
    const s = a.metrics.min_auc;
    return s && s.ci95 !== null ? [i, s.mean - s.ci95, s.mean + s.ci95] : GAP;
  }).filter(d => d !== GAP);
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0, data: ['seed', 'mean'] },
    grid: { left: 56, right: 16, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', name: 'worst-group AUC (test)', scale: true, nameTextStyle: { align: 'left' } },
    series: [
      { name: 'seed', type: 'scatter', color: GREY, symbolSize: 8, data: seeds },
      { name: 'mean', type: 'scatter', color: RED, symbol: 'rect', symbolSize: [22, 3], data: means },
      errorBars('95% CI', cis),
    ],
  };
}

function num(v) {
  return typeof v === 'number' && !Number.isNaN(v);
}
