// The pipeline's cost and its latency. Run: npx tsx bench/pipeline.bench.ts (or npm run bench -- pipeline)
// 1. Throughput, matching + rules: 10^6 samples (seeded random walk) through a
//    Midstream with one 128-point pattern and two rules that stay undecided (so
//    every sample reaches both monitors), by run() and by push(), against the
//    same StreamMatcher and monitor calls made by hand in a loop.
// 2. Throughput with regime analysis every 1,000 samples over a 4,000-sample
//    window added (8,000 samples, in the thread), against the same by hand.
// 3. Match-event latency while 10,000-point regime analyses run, offload off
//    and on: samples arrive in real time (20,000 per second); a match's latency
//    is from the moment its deciding sample was due to the moment the consumer
//    has the event (regime.whenBusy 'skip', as a live feed would use it).
import { Midstream, StreamMatcher, classifyAttractor, findSimilar } from '../src/index';
import { monitor } from '../src/logic/index';
import { formatMs, randomWalk, seededRandom } from './support';

const random = seededRandom(11);
const n = 1_000_000;
const m = 128;
const series = randomWalk(random, n);
const pattern = Array.from(series.subarray(400_000, 400_000 + m), (x) => x + (random() - 0.5) * 0.2);
const window = Math.ceil(0.1 * m);
const threshold = findSimilar(series.subarray(0, 200_000), pattern, Infinity, { window, limit: 5 })[4].distance;
const rules = { bounded: 'G (x < 1e9)', matchedInRange: 'G (match.p -> x > -1e9)' };

function byHand(values: Float64Array, withRegime: boolean): number {
  const matcher = new StreamMatcher(pattern, { threshold, window });
  const monitors = Object.values(rules).map((r) => monitor(r));
  const state: Record<string, number | boolean> = { x: 0, 'match.p': false };
  let events = 0;
  let regime = '';
  for (let t = 0; t < values.length; t++) {
    const found = matcher.push(values[t]);
    events += found.length;
    if (withRegime) {
      if ((t + 1) % 1000 === 0 && t + 1 >= 4000) {
        const type = classifyAttractor(values.subarray(t + 1 - 4000, t + 1)).type;
        if (type !== regime) events++;
        regime = type;
      }
    }
    state.x = values[t];
    state['match.p'] = found.length > 0;
    for (const mon of monitors) if (mon.push(state) !== 'unknown') events++;
  }
  events += matcher.flush().length;
  return events;
}

const options = (withRegime: boolean) => ({
  patterns: { p: { pattern, threshold, window } },
  rules,
  ...(withRegime ? { regime: { window: 4000, every: 1000 } } : {}),
});

async function viaRun(values: Float64Array, withRegime: boolean): Promise<number> {
  const ms = new Midstream(options(withRegime));
  let events = 0;
  for await (const _ of ms.run(values)) events++;
  ms.close();
  return events;
}

async function viaPush(values: Float64Array): Promise<number> {
  const ms = new Midstream(options(false));
  let events = 0;
  for (let t = 0; t < values.length; t++) events += ms.push(values[t]).length;
  events += (await ms.end()).length;
  ms.close();
  return events;
}

async function timed(runs: number, task: () => unknown): Promise<number> {
  await task(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function row(name: string, ms: number, samples: number, base: number): string {
  const overhead = ((ms / base - 1) * 100).toFixed(1);
  const perSecond = (samples / ms) * 1000;
  const rate = perSecond >= 1e5 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${Math.round(perSecond).toLocaleString('en')}/s`;
  return `| ${name} | ${formatMs(ms)} | ${rate} | ${ms === base ? '-' : `${overhead}%`} |`;
}

console.log(`\n## 1. Matching + two rules, ${n.toLocaleString('en')} samples (median of 3)`);
console.log('| how | time | samples/s | pipeline overhead |');
console.log('|---|---:|---:|---:|');
const hand = await timed(3, () => byHand(series, false));
console.log(row('by hand: StreamMatcher.push + 2 x monitor.push', hand, n, hand));
console.log(row('Midstream.run(Float64Array)', await timed(3, () => viaRun(series, false)), n, hand));
console.log(row('Midstream.push() per sample', await timed(3, () => viaPush(series)), n, hand));

const short = series.subarray(0, 8000);
console.log(`\n## 2. Plus regime analysis every 1,000 samples over 4,000, ${short.length.toLocaleString('en')} samples (one run each)`);
console.log('| how | time | samples/s | pipeline overhead |');
console.log('|---|---:|---:|---:|');
const handRegime = await timed(1, () => byHand(short, true));
console.log(row('by hand, classifyAttractor in the loop', handRegime, short.length, handRegime));
console.log(row('Midstream.run, analysis in the thread', await timed(1, () => viaRun(short, true)), short.length, handRegime));

// ---------------------------------------------------------------- 3. latency
const RATE = 20_000; // samples per second
const SPIKE = Array.from({ length: 32 }, (_, i) => 4 * Math.exp(-((i - 16) ** 2) / 20));

async function latency(offload: boolean, total: number): Promise<{ p50: number; p99: number; max: number; count: number; seconds: number }> {
  const noise = seededRandom(5);
  const values = Float64Array.from({ length: total }, (_, t) => (t % 400 < 32 ? SPIKE[t % 400] : 0) + 0.1 * Math.sin(t / 7) + 0.02 * (noise() - 0.5));
  // A match's latency runs from the moment its last sample was handed over (not
  // from its nominal due time: a sample may be handed over up to 1 ms early).
  const arrived = new Float64Array(total);
  let start = 0;
  async function* live() {
    start = performance.now();
    for (let t = 0; t < total; t++) {
      const wait = start + (t * 1000) / RATE - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      arrived[t] = performance.now();
      yield values[t];
    }
  }
  // whenBusy 'skip': a live feed does not wait for an analysis slower than the data.
  const ms = new Midstream({ patterns: { spike: { pattern: SPIKE, threshold: 2 } }, regime: { window: 10_000, every: 10_000, whenBusy: 'skip' }, offload });
  const latencies: number[] = [];
  for await (const e of ms.run(live())) if (e.type === 'match') latencies.push(performance.now() - arrived[e.step]);
  const seconds = (performance.now() - start) / 1000;
  ms.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1], count: latencies.length, seconds };
}

const total = 40_000;
console.log(`\n## 3. Match-event latency, ${total.toLocaleString('en')} samples arriving at ${RATE.toLocaleString('en')}/s, a 10,000-sample regime analysis every 10,000`);
console.log('| regime analysis | matches | p50 | p99 | max | wall time |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const offload of [false, true]) {
  const r = await latency(offload, total);
  console.log(`| ${offload ? 'in a worker (offload: true)' : 'in the thread (background task)'} | ${r.count} | ${formatMs(r.p50)} | ${formatMs(r.p99)} | ${formatMs(r.max)} | ${r.seconds.toFixed(1)} s |`);
}
