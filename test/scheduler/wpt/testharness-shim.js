// A small stand-in for WPT's testharness.js: the functions the scheduler tests use
// (test, promise_test, async_test, the assert_* family, promise_rejects_*), as globals,
// in Node (loaded with vm.runInThisContext) and in browsers (a classic <script>).
//
// Tests register into globalThis.wptShim.tests as the files load; wptShim.run() then runs
// them one after another, in registration order (testharness.js runs promise_tests in
// sequence too), and returns one result per test: { file, name, status, message }.
// Written for Midstream; not a copy of testharness.js.
(function installShim(global) {
  'use strict';

  const TIMEOUT_MS = 5000;

  class AssertionError extends Error {
    constructor(message) {
      super(message);
      this.name = 'AssertionError';
    }
  }

  function show(value) {
    if (typeof value === 'string') return JSON.stringify(value);
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }

  function fail(message, description) {
    throw new AssertionError(description ? `${description}: ${message}` : message);
  }

  const asserts = {
    assert_true(actual, description) {
      if (actual !== true) fail(`expected true, got ${show(actual)}`, description);
    },
    assert_false(actual, description) {
      if (actual !== false) fail(`expected false, got ${show(actual)}`, description);
    },
    assert_equals(actual, expected, description) {
      if (!Object.is(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`, description);
    },
    assert_not_equals(actual, unexpected, description) {
      if (Object.is(actual, unexpected)) fail(`got the unexpected ${show(actual)}`, description);
    },
    assert_greater_than_equal(actual, bound, description) {
      if (!(typeof actual === 'number' && actual >= bound)) fail(`expected a number >= ${bound}, got ${show(actual)}`, description);
    },
    assert_array_equals(actual, expected, description) {
      const same = actual.length === expected.length && Array.prototype.every.call(actual, (x, i) => Object.is(x, expected[i]));
      if (!same) fail(`expected [${Array.from(expected).map(show)}], got [${Array.from(actual).map(show)}]`, description);
    },
    assert_unreached(description) {
      fail('reached unreachable code', description);
    },
    assert_throws_dom(name, callback, description) {
      try {
        callback();
      } catch (error) {
        if (!isDomException(error, name)) fail(`expected a DOMException ${name}, got ${show(error)}`, description);
        return;
      }
      fail(`expected a DOMException ${name}, nothing was thrown`, description);
    },
    assert_throws_js(constructor, callback, description) {
      try {
        callback();
      } catch (error) {
        if (!(error instanceof constructor)) fail(`expected a ${constructor.name}, got ${show(error)}`, description);
        return;
      }
      fail(`expected a ${constructor.name}, nothing was thrown`, description);
    },
  };

  function isDomException(error, name) {
    const isDom = typeof DOMException === 'function' && error instanceof DOMException;
    return isDom && error.name === name;
  }

  async function settle(promise) {
    try {
      return { fulfilled: true, value: await promise };
    } catch (reason) {
      return { fulfilled: false, reason };
    }
  }

  async function promise_rejects_dom(t, name, promise, description) {
    const outcome = await settle(promise);
    if (outcome.fulfilled) fail(`expected a rejection with DOMException ${name}, it fulfilled`, description);
    if (!isDomException(outcome.reason, name)) fail(`expected a rejection with DOMException ${name}, got ${show(outcome.reason)}`, description);
  }

  async function promise_rejects_exactly(t, reason, promise, description) {
    const outcome = await settle(promise);
    if (outcome.fulfilled) fail(`expected a rejection with ${show(reason)}, it fulfilled`, description);
    if (outcome.reason !== reason) fail(`expected a rejection with ${show(reason)}, got ${show(outcome.reason)}`, description);
  }

  async function promise_rejects_js(t, constructor, promise, description) {
    const outcome = await settle(promise);
    if (outcome.fulfilled) fail(`expected a rejection with a ${constructor.name}, it fulfilled`, description);
    if (!(outcome.reason instanceof constructor)) fail(`expected a ${constructor.name}, got ${show(outcome.reason)}`, description);
  }

  /** The `t` object handed to each test. */
  class TestContext {
    constructor(onDone) {
      this.failure = null;
      this.finished = false;
      this.cleanups = [];
      this.onDone = onDone;
    }
    record(error) {
      if (this.failure === null) this.failure = error;
    }
    step(callback, thisArg, ...args) {
      if (this.finished) return undefined;
      try {
        return callback.apply(thisArg, args);
      } catch (error) {
        this.record(error);
        this.done();
        return undefined;
      }
    }
    step_func(callback, thisArg) {
      const t = this;
      return function stepped(...args) {
        return t.step(callback, thisArg === undefined ? this : thisArg, ...args);
      };
    }
    step_func_done(callback, thisArg) {
      const t = this;
      return function steppedThenDone(...args) {
        if (callback) t.step(callback, thisArg === undefined ? this : thisArg, ...args);
        t.done();
      };
    }
    step_timeout(callback, ms, ...args) {
      return setTimeout(this.step_func(() => callback(...args)), ms);
    }
    unreached_func(description) {
      return this.step_func(() => asserts.assert_unreached(description));
    }
    add_cleanup(callback) {
      this.cleanups.push(callback);
    }
    done() {
      if (this.finished) return;
      this.finished = true;
      this.onDone();
    }
  }

  const shim = {
    tests: [],
    currentFile: '',
    /** Runs every registered test (or those `select` accepts); `beforeEach` re-installs the globals under test. */
    async run({ select = () => true, beforeEach = () => {} } = {}) {
      const results = [];
      for (const entry of shim.tests) {
        if (!select(entry)) continue;
        beforeEach(entry);
        results.push({ file: entry.file, name: entry.name, ...(await runOne(entry)) });
      }
      return results;
    },
  };

  async function runOne(entry) {
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    const t = new TestContext(() => finish());
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    try {
      if (entry.kind === 'test') {
        t.step(entry.body, t, t);
        t.done();
      } else if (entry.kind === 'async') {
        t.step(entry.body, t, t);
      } else {
        const returned = t.step(entry.body, t, t);
        Promise.resolve(returned).then(
          () => t.done(),
          (error) => {
            t.record(error);
            t.done();
          },
        );
      }
      const outcome = await Promise.race([finished, timedOut]);
      if (outcome === 'timeout' && !t.finished) return { status: 'TIMEOUT', message: `no result within ${TIMEOUT_MS} ms` };
    } finally {
      clearTimeout(timer);
      for (const cleanup of t.cleanups) {
        try {
          cleanup();
        } catch {
          // a failing cleanup does not change the result
        }
      }
    }
    if (t.failure !== null) return { status: 'FAIL', message: show(t.failure) };
    return { status: 'PASS', message: '' };
  }

  function register(kind) {
    return (body, name) => shim.tests.push({ kind, body, name, file: shim.currentFile });
  }

  Object.assign(global, asserts, {
    test: register('test'),
    async_test: register('async'),
    promise_test: register('promise'),
    promise_rejects_dom,
    promise_rejects_exactly,
    promise_rejects_js,
    wptShim: shim,
  });
})(globalThis);
