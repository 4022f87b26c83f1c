// AbortSignal.any() tests, shared by every signal class that has an any().
// Ported from web-platform-tests/wpt, dom/abort/resources/abort-signal-any-tests.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/dom/abort/resources/abort-signal-any-tests.js, commit d289f01f9996cde9c4bbac2b0eff4b7988cc348f).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

function abortSignalAnySignalOnlyTests(SignalClass) {
  test(() => {
    assert_false(SignalClass.any([]).aborted);
  }, `${SignalClass.name}.any() works with an empty array of signals`);
}

function abortSignalAnyTests(SignalClass, ControllerClass) {
  const any = `${SignalClass.name}.any()`;
  const using = `(using ${ControllerClass.name})`;

  /** Three fresh controllers and a signal combining all three. */
  const threeControllers = () => [0, 1, 2].map(() => new ControllerClass());
  const isAbortError = (reason) => reason instanceof DOMException && reason.name === 'AbortError';

  test((t) => {
    const controller = new ControllerClass();
    const clone = SignalClass.any([controller.signal]);
    assert_false(clone.aborted);
    assert_true('reason' in clone, 'the combined signal has a reason property');
    assert_equals(clone.reason, undefined, 'its reason is undefined at first');
    assert_not_equals(controller.signal, clone, `${any} returns a new signal.`);
    let fired = false;
    clone.onabort = t.step_func((event) => {
      assert_equals(event.target, clone, `the event target is the signal ${any} returned`);
      fired = true;
    });
    controller.abort('reason string');
    assert_true(controller.signal.aborted);
    assert_true(clone.aborted);
    assert_true(fired);
    assert_equals(clone.reason, 'reason string', `${any} passes the abort reason on`);
  }, `${any} follows a single signal ${using}`);

  test((t) => {
    for (let aborter = 0; aborter < 3; aborter++) {
      const controllers = threeControllers();
      const combined = SignalClass.any(controllers.map((c) => c.signal));
      let fired = false;
      combined.onabort = t.step_func((event) => {
        assert_equals(event.target, combined);
        fired = true;
      });
      controllers[aborter].abort();
      assert_true(fired);
      assert_true(combined.aborted);
      assert_true(isAbortError(combined.reason), 'the reason is an AbortError DOMException');
    }
  }, `${any} follows multiple signals ${using}`);

  test(() => {
    const controllers = threeControllers();
    controllers[1].abort('reason 1');
    controllers[2].abort('reason 2');
    const combined = SignalClass.any(controllers.map((c) => c.signal));
    assert_true(combined.aborted);
    assert_equals(combined.reason, 'reason 1', 'the first aborted signal gives the reason');
  }, `${any} returns an aborted signal if passed an aborted signal ${using}`);

  test(() => {
    const controller = new ControllerClass();
    const combined = SignalClass.any([controller.signal, controller.signal]);
    assert_false(combined.aborted);
    controller.abort('reason');
    assert_true(combined.aborted);
    assert_equals(combined.reason, 'reason');
  }, `${any} can be passed the same signal more than once ${using}`);

  test(() => {
    const first = new ControllerClass();
    first.abort('reason 1');
    const second = new ControllerClass();
    second.abort('reason 2');
    const combined = SignalClass.any([first.signal, second.signal, first.signal]);
    assert_true(combined.aborted);
    assert_equals(combined.reason, 'reason 1');
  }, `${any} uses the first instance of a duplicate signal ${using}`);

  test((t) => {
    for (let aborter = 0; aborter < 3; aborter++) {
      const controllers = threeControllers();
      const inner = SignalClass.any([controllers[0].signal, controllers[1].signal]);
      const outer = SignalClass.any([inner, controllers[2].signal]);
      let fired = false;
      outer.onabort = t.step_func(() => {
        fired = true;
      });
      controllers[aborter].abort();
      assert_true(fired);
      assert_true(outer.aborted);
      assert_true(isAbortError(outer.reason), 'the reason is an AbortError DOMException');
    }
  }, `${any} signals are composable ${using}`);

  async_test((t) => {
    const controller = new ControllerClass();
    const combined = SignalClass.any([controller.signal, AbortSignal.timeout(5)]);
    combined.onabort = t.step_func_done(() => {
      assert_true(combined.aborted);
      assert_true(combined.reason instanceof DOMException, 'the reason is a DOMException');
      assert_equals(combined.reason.name, 'TimeoutError');
    });
  }, `${any} works with signals returned by AbortSignal.timeout() ${using}`);

  test(() => {
    const controller = new ControllerClass();
    let combined = SignalClass.any([controller.signal]);
    for (let i = 0; i < 3; i++) combined = SignalClass.any([combined]);
    let fired = false;
    combined.onabort = () => {
      fired = true;
    };
    assert_false(fired);
    assert_false(combined.aborted);
    controller.abort('the reason');
    assert_true(fired);
    assert_true(combined.aborted);
    assert_equals(combined.reason, 'the reason');
  }, `${any} works with intermediate signals ${using}`);

  test(() => {
    const controller = new ControllerClass();
    // Every combined signal depends on controller.signal itself (never on another
    // combined one), so the events fire in creation order, the source first.
    const signals = [controller.signal];
    signals.push(SignalClass.any([controller.signal]));
    signals.push(SignalClass.any([controller.signal]));
    signals.push(SignalClass.any([signals[0]]));
    signals.push(SignalClass.any([signals[1]]));
    let fired = '';
    signals.forEach((signal, i) => signal.addEventListener('abort', () => (fired += i)));
    controller.abort();
    assert_equals(fired, '01234');
  }, `Abort events for ${any} signals fire in the right order ${using}`);

  test(() => {
    const controller = new ControllerClass();
    const first = SignalClass.any([controller.signal]);
    const second = SignalClass.any([first]);
    let fired = false;
    controller.signal.addEventListener('abort', () => {
      const third = SignalClass.any([second]);
      assert_true(controller.signal.aborted);
      assert_true(first.aborted);
      assert_true(second.aborted);
      assert_true(third.aborted);
      fired = true;
    });
    controller.abort();
    assert_true(fired, 'the event fired');
  }, `Dependent signals for ${any} are marked aborted before abort events fire ${using}`);

  test(() => {
    const first = new ControllerClass();
    const second = new ControllerClass();
    const combined = SignalClass.any([first.signal, second.signal]);
    let events = 0;
    first.signal.addEventListener('abort', () => second.abort('reason 2'));
    combined.addEventListener('abort', () => events++);
    first.abort('reason 1');
    assert_equals(events, 1);
    assert_true(combined.aborted);
    assert_equals(combined.reason, 'reason 1');
  }, `Dependent signals for ${any} are aborted correctly for reentrant aborts ${using}`);
}
