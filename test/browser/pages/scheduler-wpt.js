// Runs the ported WPT scheduler tests (test/scheduler/wpt/) in this page, against
// Midstream's bundle (?impl=midstream: dist/midstream.scheduler.min.js, global Midstream) or the
// browser's own scheduler (?impl=native). Results go to window.wptResults; window.wptDone
// resolves when they are there.
const WPT = '/test/scheduler/wpt/';
const implementation = new URLSearchParams(location.search).get('impl') ?? 'native';
const native = { scheduler: globalThis.scheduler, TaskController: globalThis.TaskController, TaskSignal: globalThis.TaskSignal };

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.body.append(script);
  });
}

/** Puts the implementation under test in the globals the tests use: fresh before each test. */
function install() {
  if (implementation === 'midstream') {
    const { Scheduler, TaskController, TaskSignal } = globalThis.Midstream;
    globalThis.scheduler = new Scheduler();
    globalThis.TaskController = TaskController;
    globalThis.TaskSignal = TaskSignal;
  } else {
    Object.assign(globalThis, native); // scheduler-replaceable.any.js replaces the global
  }
}

async function runAll() {
  if (implementation === 'midstream') await loadScript('/dist/midstream.scheduler.min.js');
  install();
  globalThis.wptBlankUrl = location.href;
  for (const file of globalThis.wptManifest.files) {
    const text = await (await fetch(WPT + file)).text();
    const directory = file.slice(0, file.lastIndexOf('/') + 1);
    for (const [, script] of text.matchAll(/^\/\/ META: script=(.+)$/gm)) await loadScript(WPT + directory + script.trim());
    globalThis.wptShim.currentFile = file;
    await loadScript(WPT + file);
  }
  return globalThis.wptShim.run({ beforeEach: install });
}

window.wptDone = runAll().then(
  (results) => (window.wptResults = results),
  (error) => (window.wptResults = [{ file: '(page)', name: 'load', status: 'FAIL', message: String(error) }]),
);
