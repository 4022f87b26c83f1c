// The live demo. This one file plays two parts: on the page it draws; started
// as a module Web Worker (by the page, from this same URL, so a strict CSP
// with script-src 'self' allows it) it replays the sample series through one
// Midstream pipeline at the chosen speed and posts the samples and events.
// All analysis happens in the worker: the page's main thread only draws.
export const SETUP = {
  patterns: { chirp: { threshold: 32, window: 0.1 } },
  regime: { window: 2000, every: 1000 },
  rules: { bounded: 'G (x < 12)', chirpWhileCycling: 'F (regime.limit_cycle & match.chirp)', staysCalm: 'G !regime.chaotic' },
};

/** The series the demo replays: the motif signal, then the Lorenz system's x scaled to its range (a regime change). */
export function liveSeries(samples) {
  const { series, pattern } = samples.motifSignal();
  const { x } = samples.lorenz({ steps: 4000 });
  const out = new Float64Array(series.length + x.length);
  out.set(series);
  for (let t = 0; t < x.length; t++) out[series.length + t] = x[t] / 6;
  return { series: out, pattern };
}

// A module worker started by the page, or the page itself (imported elsewhere, e.g. by a test in Node: neither).
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) runWorker();
else if (typeof document !== 'undefined') runPage();

async function runWorker() {
  const [{ Midstream }, samples] = await Promise.all([import('../dist/index.mjs'), import('../dist/samples.mjs')]);
  const { series, pattern } = liveSeries(samples);
  const ms = new Midstream({ ...SETUP, patterns: { chirp: { ...SETUP.patterns.chirp, pattern } } });
  let timer;
  self.onmessage = async ({ data }) => {
    if (data.type !== 'play') return;
    clearInterval(timer);
    ms.reset();
    const perTick = Math.max(1, Math.round((data.speed * 20) / 1000)); // a tick every 20 ms
    let next = 0;
    self.postMessage({ type: 'start', length: series.length });
    timer = setInterval(async () => {
      const to = Math.min(series.length, next + perTick);
      const events = [];
      for (let t = next; t < to; t++) for (const event of ms.push(series[t])) events.push(event);
      self.postMessage({ type: 'samples', from: next, values: series.slice(next, to), events });
      next = to;
      if (next < series.length) return;
      clearInterval(timer);
      self.postMessage({ type: 'done', events: await ms.end(), stats: ms.stats() });
    }, 20);
  };
  self.postMessage({ type: 'ready' });
}

function runPage() {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const plot = $('live-plot');
  const WIDTH = 1000;
  const HEIGHT = 240;
  /** What the page shows, for the browser test (and the console). */
  const state = { ready: false, playing: false, done: false, length: 0, received: 0, events: [], stats: null, frames: 0 };
  window.liveState = state;
  let values = new Float64Array(0);
  let dirty = false;

  const el = (name, attributes, parent) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
    parent.appendChild(node);
    return node;
  };
  const layers = { windows: el('g', {}, plot), matches: el('g', {}, plot), line: el('path', { class: 'series', d: '' }, plot) };
  const x = (t) => (t / Math.max(1, state.length - 1)) * WIDTH;
  const y = (v) => HEIGHT / 2 - v * 8;

  const worker = new Worker(new URL(import.meta.url), { type: 'module' });
  worker.onerror = (e) => {
    $('status').textContent = `The worker failed: ${e.message}`;
    $('status').className = 'error';
  };
  worker.onmessage = ({ data }) => {
    if (data.type === 'ready') {
      state.ready = true;
      $('play').disabled = false;
      $('status').textContent = 'Ready: press Play.';
    } else if (data.type === 'start') {
      state.length = data.length;
      values = new Float64Array(data.length);
      state.received = 0;
      state.events = [];
      state.done = false;
      for (const layer of [layers.windows, layers.matches]) layer.replaceChildren();
      $('regime-list').replaceChildren();
      $('rule-list').replaceChildren();
    } else if (data.type === 'samples') {
      values.set(data.values, data.from);
      state.received = data.from + data.values.length;
      show(data.events);
    } else if (data.type === 'done') {
      show(data.events);
      state.stats = data.stats;
      state.done = true;
      state.playing = false;
      $('play').disabled = false;
      $('status').textContent = `Done: ${data.stats.samples} samples, ${state.events.length} events.`;
    }
    if (!dirty) {
      dirty = true;
      requestAnimationFrame(draw);
    }
  };

  function show(events) {
    for (const e of events) {
      state.events.push(e);
      if (e.type === 'match') {
        el('rect', { class: 'match', x: x(e.start), y: 0, width: Math.max(1, x(e.end) - x(e.start)), height: HEIGHT }, layers.matches);
      } else if (e.type === 'regime') {
        el('rect', { class: 'band', x: x(e.window[0]), y: HEIGHT - 8, width: x(e.window[1]) - x(e.window[0]), height: 8 }, layers.windows);
        const label = el('text', { class: 'label', x: x(e.window[1]) - 4, y: HEIGHT - 12, 'text-anchor': 'end' }, layers.windows);
        label.textContent = e.regime;
        const item = document.createElement('li');
        item.textContent = `sample ${e.step}: ${e.regime}${e.previous ? ` (was ${e.previous})` : ''}, confidence ${e.confidence.toFixed(2)}`;
        $('regime-list').appendChild(item);
      } else if (e.type === 'verdict') {
        const item = document.createElement('li');
        item.innerHTML = '';
        item.append(`${e.rule} `, Object.assign(document.createElement('b'), { textContent: e.verdict }), ` at sample ${e.step}`);
        if (e.counterexample) item.title = e.counterexample.reason;
        $('rule-list').appendChild(item);
      }
    }
  }

  function draw() {
    dirty = false;
    state.frames++;
    // One vertical min-max segment per pixel column: the cost of a frame does not grow with the stream.
    const n = state.received;
    const perColumn = Math.max(1, Math.ceil(state.length / WIDTH));
    let d = '';
    for (let from = 0; from < n; from += perColumn) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let t = from; t < Math.min(n, from + perColumn); t++) {
        if (values[t] < lo) lo = values[t];
        if (values[t] > hi) hi = values[t];
      }
      const px = x(from).toFixed(1);
      d += `${from === 0 ? 'M' : 'L'}${px} ${y(lo).toFixed(1)}L${px} ${y(hi).toFixed(1)}`;
    }
    layers.line.setAttribute('d', d);
    $('live-caption').textContent = `${n} of ${state.length} samples`;
  }

  $('play').addEventListener('click', () => {
    state.playing = true;
    $('play').disabled = true;
    $('status').textContent = 'Playing…';
    worker.postMessage({ type: 'play', speed: Number($('speed').value) });
  });
}
