// The demo page: real results from the library in dist/, recomputed whenever a
// control changes. Plain DOM and SVG, no framework.
import * as Midstream from '../dist/index.mjs';
import { lorenz, motifSignal } from '../dist/samples.mjs';

const { init, findSimilar, dtwPath } = Midstream;
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

const sample = motifSignal();
const { series, pattern, embedded } = sample;
const m = pattern.length;
const trajectory = lorenz();

/** What the page shows, for the browser test and the curious (open the console). */
const state = { ready: false, updates: 0, threshold: NaN, window: NaN, cost: '', matches: [], distinct: [], best: null, portrait: null };
window.demoState = state;

// ------------------------------------------------------------------ SVG helpers

function el(name, attributes = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  parent?.appendChild(node);
  return node;
}

function clear(svg) {
  while (svg.firstChild) svg.firstChild.remove();
}

function viewBox(svg) {
  const [, , width, height] = svg.getAttribute('viewBox').split(/\s+/).map(Number);
  return { width, height };
}

/** [min, max] over one or more arrays (widened when they are all equal). */
function extent(...arrays) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of arrays) {
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function scale([d0, d1], [r0, r1]) {
  const k = (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

function polyline(xs, ys, sx, sy) {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${sx(xs[i]).toFixed(1)},${sy(ys[i]).toFixed(1)}`;
  return d;
}

const range = (n, from = 0) => Array.from({ length: n }, (_, i) => from + i);

// ------------------------------------------------------------------ plots

function drawSeries(distinct) {
  const svg = $('series-plot');
  clear(svg);
  const { width, height } = viewBox(svg);
  const sx = scale([0, series.length - 1], [4, width - 4]);
  const sy = scale(extent(series), [height - 18, 16]);
  el('line', { class: 'axis', x1: 4, x2: width - 4, y1: sy(0), y2: sy(0) }, svg);
  for (const e of embedded) {
    el('rect', { class: 'truth', x: sx(e.index), y: height - 8, width: sx(e.index + e.length) - sx(e.index), height: 6 }, svg).append(
      Object.assign(document.createElementNS(SVG, 'title'), { textContent: `motif embedded at ${e.index} (${e.length} points)` }),
    );
  }
  distinct.forEach((match, k) => {
    const x = sx(match.index);
    const r = el('rect', { class: 'match', x, y: 12, width: sx(match.index + m - 1) - x, height: height - 24, 'data-index': match.index }, svg);
    r.append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: `#${k + 1}: position ${match.index}, distance ${match.distance.toFixed(3)}` }));
    el('text', { class: 'label', x: x + 2, y: 10 }, svg).textContent = `#${k + 1}`;
  });
  el('path', { class: 'series', d: polyline(range(series.length), series, sx, sy) }, svg);
}

function drawBest(best, window, cost) {
  const patternSvg = $('pattern-plot');
  const pathSvg = $('path-plot');
  clear(patternSvg);
  clear(pathSvg);
  if (!best) {
    for (const svg of [patternSvg, pathSvg]) {
      el('text', { x: 20, y: 110 }, svg).textContent = 'No window is within the threshold: raise it.';
    }
    const { width, height } = viewBox(patternSvg);
    const sx = scale([0, m - 1], [10, width - 10]);
    el('path', { class: 'pattern', d: polyline(range(m), pattern, sx, scale(extent(pattern), [height - 40, 130])) }, patternSvg);
    $('path-caption').textContent = '';
    return;
  }
  const windowValues = series.subarray(best.index, best.index + m);

  // Pattern above, best window below, a line for every aligned pair.
  {
    const { width, height } = viewBox(patternSvg);
    const sx = scale([0, m - 1], [10, width - 10]);
    const [lo, hi] = extent(pattern, windowValues);
    const half = (height - 20) / 2;
    const syTop = scale([lo, hi], [half, 10]);
    const syBottom = scale([lo, hi], [height - 10, half + 20]);
    for (const [i, j] of best.path) {
      el('line', { class: 'link', x1: sx(j), y1: syTop(pattern[j]), x2: sx(i), y2: syBottom(windowValues[i]) }, patternSvg);
    }
    el('path', { class: 'pattern', d: polyline(range(m), pattern, sx, syTop) }, patternSvg);
    el('path', { class: 'best', d: polyline(range(m), windowValues, sx, syBottom) }, patternSvg);
  }

  // The warping path in the (pattern index, window index) plane, inside its band.
  {
    const { height } = viewBox(pathSvg);
    const size = height - 30;
    const left = 60;
    const sx = scale([0, m - 1], [left, left + size]);
    const sy = scale([0, m - 1], [10 + size, 10]);
    const w = Math.min(window, m);
    const band = [
      [0, 0], [w, 0], [m - 1, m - 1 - w], [m - 1, m - 1], [m - 1 - w, m - 1], [0, w],
    ].map(([j, i]) => `${sx(Math.min(m - 1, j)).toFixed(1)},${sy(Math.min(m - 1, i)).toFixed(1)}`);
    el('polygon', { class: 'band', points: band.join(' ') }, pathSvg);
    el('rect', { class: 'axis', x: sx(0), y: sy(m - 1), width: sx(m - 1) - sx(0), height: sy(0) - sy(m - 1) }, pathSvg);
    el('line', { class: 'diagonal', x1: sx(0), y1: sy(0), x2: sx(m - 1), y2: sy(m - 1) }, pathSvg);
    el('path', { class: 'warp', d: polyline(best.path.map((p) => p[1]), best.path.map((p) => p[0]), sx, sy) }, pathSvg);
    el('text', { x: left + size / 2 - 30, y: height - 4 }, pathSvg).textContent = 'pattern index';
    const yLabel = el('text', { x: 0, y: 0, transform: `translate(${left - 8} ${10 + size / 2 + 40}) rotate(-90)` }, pathSvg);
    yLabel.textContent = 'window index';
    el('text', { x: left + size + 16, y: 30 }, pathSvg).textContent = `distance ${best.pathDistance.toFixed(3)}`;
    el('text', { x: left + size + 16, y: 48 }, pathSvg).textContent = `${best.path.length} steps`;
    el('text', { x: left + size + 16, y: 66 }, pathSvg).textContent = `band ${w} points, ${cost}`;
  }
  $('path-caption').textContent =
    `Best window starts at ${best.index}; dtwPath finds distance ${best.pathDistance.toFixed(4)} ` +
    `(findSimilar: ${best.distance.toFixed(4)}), a path of ${best.path.length} steps. Shaded: the Sakoe-Chiba band.`;
}

function drawMatchList(distinct, total) {
  const list = $('match-list');
  list.replaceChildren();
  if (distinct.length === 0) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = 'No window within the threshold.';
    list.append(li);
  }
  for (const match of distinct) {
    const li = document.createElement('li');
    li.dataset.index = String(match.index);
    li.dataset.distance = String(match.distance);
    const truth = embedded.find((e) => Math.abs(e.index - match.index) <= m / 4);
    li.textContent = `position ${match.index}, distance ${match.distance.toFixed(3)}` + (truth ? ` (motif embedded at ${truth.index})` : ' (not an embedded motif)');
    list.append(li);
  }
  $('series-caption').textContent =
    `${series.length} points; ${total} windows of ${m} points within the threshold, ${distinct.length} distinct (non-overlapping) matches; ` +
    `the motif was embedded at ${embedded.map((e) => e.index).join(', ')}.`;
}

function drawPortrait() {
  const svg = $('phase-plot');
  clear(svg);
  const { width, height } = viewBox(svg);
  const choice = $('signal').value;
  const tau = Math.max(1, Math.min(200, Math.round(Number($('delay').value) || 1)));
  let xs;
  let ys;
  let caption;
  if (choice === 'lorenz-xz') {
    xs = trajectory.x;
    ys = trajectory.z;
    caption = `Lorenz system (σ 10, ρ 28, β 8/3): the true state, x against z, ${xs.length} points.`;
  } else {
    const source = choice === 'lorenz-x' ? trajectory.x : series;
    xs = source.subarray(0, source.length - tau);
    ys = source.subarray(tau);
    caption = `Delay embedding of ${choice === 'lorenz-x' ? 'Lorenz x' : 'the noisy periodic signal'}: x(t) against x(t + ${tau}), ${xs.length} points.`;
  }
  const sx = scale(extent(xs), [10, width - 10]);
  const sy = scale(extent(ys), [height - 10, 10]);
  el('rect', { class: 'axis', x: 1, y: 1, width: width - 2, height: height - 2 }, svg);
  el('path', { class: 'portrait', d: polyline(xs, ys, sx, sy) }, svg);
  $('phase-caption').textContent = caption;
  state.portrait = { signal: choice, delay: tau, points: xs.length };
  showClassification(choice);
}

// The attractor classification of the chosen signal.
const classifications = new Map();
function showClassification(choice) {
  const target = $('attractor-class');
  if (!classifications.has(choice)) {
    const started = performance.now();
    let result;
    if (choice === 'lorenz-xz') {
      const points = Array.from(trajectory.x, (x, i) => [x, trajectory.y[i], trajectory.z[i]]);
      result = Midstream.classifyAttractor({ points }, { dt: trajectory.options.dt });
    } else if (choice === 'lorenz-x') {
      result = Midstream.classifyAttractor(trajectory.x, { dt: trajectory.options.dt });
    } else {
      result = Midstream.classifyAttractor(series);
    }
    classifications.set(choice, { result, milliseconds: performance.now() - started });
  }
  const { result, milliseconds } = classifications.get(choice);
  const number = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'none');
  const unit = choice === 'periodic' ? 'per sample' : 'per unit time';
  const embedding = result.delay > 0 ? `embedding dimension ${result.dimension}, delay ${result.delay}` : `the ${result.dimension}-D state`;
  target.innerHTML = '';
  const head = document.createElement('span');
  head.innerHTML = `classifyAttractor: <b></b>, confidence ${Math.round(result.confidence * 100)}%; ` +
    `largest Lyapunov exponent ${number(result.lyapunovExponent)} ${unit}, correlation dimension ${number(result.correlationDimension)} ` +
    `(${embedding}; ${milliseconds.toFixed(0)} ms).`;
  head.querySelector('b').textContent = result.type;
  const why = document.createElement('span');
  why.className = 'why';
  why.textContent = ' ' + result.reasons.join('; ') + '.';
  target.append(head, why);
  state.classification = { signal: choice, type: result.type, lyapunovExponent: result.lyapunovExponent, correlationDimension: result.correlationDimension };
}

// ------------------------------------------------------------------ controls

function readControls() {
  const threshold = Number($('threshold').value);
  const window = Math.round(Number($('window').value));
  return {
    threshold: Number.isFinite(threshold) && threshold >= 0 ? threshold : 0,
    window: Number.isFinite(window) ? Math.max(0, Math.min(m, window)) : 0,
    cost: $('cost').value,
  };
}

function update() {
  const { threshold, window, cost } = readControls();
  const started = performance.now();
  // Every window within the threshold (for the count), and one match per
  // occurrence: findSimilar's own selection, best first, no two overlapping.
  const matches = findSimilar(series, pattern, threshold, { window, cost });
  const distinct = findSimilar(series, pattern, threshold, { window, cost, exclusion: 0 });
  let best = null;
  if (distinct.length) {
    const { distance: pathDistance, path } = dtwPath(series.subarray(distinct[0].index, distinct[0].index + m), pattern, { window, cost });
    best = { ...distinct[0], pathDistance, path };
  }
  const took = performance.now() - started;
  drawSeries(distinct);
  drawBest(best, window, cost);
  drawMatchList(distinct, matches.length);
  Object.assign(state, { threshold, window, cost, matches, distinct, best, searchMilliseconds: took });
  state.updates++;
  $('status').textContent =
    `findSimilar scored ${series.length - m + 1} windows in ${took.toFixed(1)} ms ` +
    `(the WebAssembly module, compiled asynchronously, was ready ${state.initMilliseconds.toFixed(1)} ms after this script started).`;
}

function link(rangeId, numberId) {
  const r = $(rangeId);
  const n = $(numberId);
  r.addEventListener('input', () => {
    n.value = r.value;
    schedule();
  });
  n.addEventListener('input', () => {
    r.value = n.value;
    schedule();
  });
}

let pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    update();
  });
}

// ------------------------------------------------------------------ start

try {
  const started = performance.now();
  await init();
  state.initMilliseconds = performance.now() - started;
} catch (error) {
  $('status').className = 'error';
  $('status').textContent = error.message;
  throw error;
}
link('threshold-range', 'threshold');
link('window-range', 'window');
$('cost').addEventListener('change', () => {
  const value = $('cost').value === 'squared' ? 25 : 32; // a threshold that separates the motif from the rest
  $('threshold').value = $('threshold-range').value = String(value);
  schedule();
});
$('signal').addEventListener('change', drawPortrait);
$('delay').addEventListener('input', drawPortrait);
$('controls').addEventListener('submit', (event) => event.preventDefault());
update();
drawPortrait();
state.ready = true;
document.body.dataset.ready = 'true';
