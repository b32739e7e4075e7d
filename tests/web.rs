//! The real client — this crate's `ConnectsIntegrationLibrary`, the Rust class itself — in real
//! Chromium against a real host frame (tests/fixtures/host.js in an iframe), over real
//! `postMessage` and `MessagePort`s.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --test web`
//! (the topology is inverted — the client is the page, the gadget its iframe — which the
//! protocol does not care about and which keeps every test in one page). `CilClient` below is a
//! thin test adapter that calls the class's methods by their JS names, so each test reads as the
//! behaviour it checks.
#![cfg(target_arch = "wasm32")]

use connects_cil::ConnectsIntegrationLibrary;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HOST_JS: &str = include_str!("fixtures/host.js");

/// One `ConnectsIntegrationLibrary` instance, with the shape the tests use.
struct CilClient {
    lib: ConnectsIntegrationLibrary,
    offs: std::cell::RefCell<Vec<Option<Function>>>,
}

impl CilClient {
    fn new(options: JsValue) -> CilClient {
        CilClient {
            lib: ConnectsIntegrationLibrary::new(options),
            offs: Default::default(),
        }
    }
    /// Request `method` with up to six arguments, as a page would call it.
    fn request(&self, method: &str, args: Array) -> Promise {
        let a = |i| args.get(i);
        let (x0, x1, x2, x3, x4, x5) = (a(0), a(1), a(2), a(3), a(4), a(5));
        let lib = &self.lib;
        match method {
            "dialOrConsult" => lib.dial_or_consult(x0, x1, x2, x3, x4, x5),
            "getChannel" => lib.get_channel(x0, x1, x2, x3, x4, x5),
            "getReasonCodeList" => lib.get_reason_code_list(x0, x1, x2, x3, x4, x5),
            "isUpdateWorkitemDataEnabled" => {
                lib.is_update_workitem_data_enabled(x0, x1, x2, x3, x4, x5)
            }
            "setAgentState" => lib.set_agent_state(x0, x1, x2, x3, x4, x5),
            "setWrapupReason" => lib.set_wrapup_reason(x0, x1, x2, x3, x4, x5),
            "updateWorkitemData" => lib.update_workitem_data(x0, x1, x2, x3, x4, x5),
            other => panic!("no request {other}"),
        }
    }
    /// Registers `handler` for the wire event `event` (or `connectionChange`); a token for `off`.
    fn on(&self, event: &str, handler: JsValue) -> Result<u32, JsValue> {
        let lib = &self.lib;
        let off = match event {
            "agentStateChange" => lib.on_agent_state_change(handler),
            "callVariableChanged" => lib.on_call_variable_changed(handler),
            "createChannel" => lib.on_channel_create(handler),
            "error" => lib.on_error(handler),
            "workitemConnect" => lib.on_workitem_connect(handler),
            "workitemCreate" => lib.on_workitem_create(handler),
            "workitemEnd" => lib.on_workitem_end(handler),
            "workitemPause" => lib.on_workitem_pause(handler),
            "workitemResume" => lib.on_workitem_resume(handler),
            "workitemWrapup" => lib.on_workitem_wrapup(handler),
            "wrapupDataChanged" => lib.on_wrapup_data_changed(handler),
            "connectionChange" => lib.on_connection_change(handler),
            other => panic!("no event {other}"),
        }?;
        let mut offs = self.offs.borrow_mut();
        offs.push(Some(off));
        Ok(offs.len() as u32 - 1)
    }
    fn off(&self, token: u32) -> bool {
        let off = self
            .offs
            .borrow_mut()
            .get_mut(token as usize)
            .and_then(Option::take);
        let Some(off) = off else { return false };
        off.call0(&JsValue::UNDEFINED).unwrap();
        off.call0(&JsValue::UNDEFINED).unwrap(); // a second unsubscribe is a no-op
        true
    }
    fn ready(&self) -> Promise {
        self.lib.init_integration(JsValue::UNDEFINED)
    }
    fn connected(&self) -> bool {
        self.lib.connected()
    }
    fn host_id(&self) -> Option<String> {
        self.lib.host_id()
    }
    fn destroy(&self) {
        self.lib.destroy_instance()
    }
    fn memory(&self) -> f64 {
        self.lib.wasm_memory_bytes()
    }
}

#[wasm_bindgen(inline_js = r#"
export function make_frame(hostJs, mode) {
  // mode: 'host' (a gadget), 'sandboxed' (a gadget with an opaque origin), 'empty' (no gadget),
  // 'forger' (posts a forged ack to the parent for client id 'fixed.0', then events on its port).
  return new Promise((resolve) => {
    const iframe = document.createElement('iframe');
    let body = '';
    if (mode === 'host' || mode === 'sandboxed') {
      body = '<script>' + hostJs + '<\/script><script>startCilTestHost({announceTo: () => [parent, "*"]});<\/script>';
    }
    if (mode === 'forger') {
      body = `<script>
        const ch = new MessageChannel();
        window.seen = [];
        ch.port1.onmessage = (e) => window.seen.push(e.data);
        parent.postMessage({ns: 'connects-cil', v: 1, kind: 'announce', hostId: 'evil'}, '*');
        parent.postMessage({ns: 'connects-cil', v: 1, kind: 'ack', clientId: 'fixed.0', hostId: 'evil', apiVersion: '2.7'}, '*', [ch.port2]);
        setTimeout(() => ch.port1.postMessage({ns: 'connects-cil', v: 1, kind: 'event', name: 'workitemCreate', data: {event: 'workitemCreate', id: 'forged'}}), 20);
        window.addEventListener('message', (e) => { if (e.data && e.data.cilTest === 'seen') parent.postMessage({cilTest: 'seen', list: window.seen}, '*'); });
      <\/script>`;
    }
    if (mode === 'sandboxed') iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.srcdoc = '<!doctype html><body>' + body + '</body>';
    iframe.onload = () => resolve(iframe);
    document.body.appendChild(iframe);
  });
}
export function frame_window(iframe) { return iframe.contentWindow; }
export function remove_frame(iframe) { iframe.remove(); }
export function control(win, message) { win.postMessage(message, '*'); }
export function ask(win, what) {
  return new Promise((resolve) => {
    const on = (e) => {
      if (e.source === win && e.data && e.data.cilTest === what) {
        window.removeEventListener('message', on);
        resolve(e.data.list);
      }
    };
    window.addEventListener('message', on);
    win.postMessage({cilTest: what}, '*');
  });
}
export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
export function recorder(behaviour) {
  const calls = [];
  const fn = (data) => {
    calls.push(data);
    if (behaviour === 'throw') throw new Error('handler failure');
  };
  return {fn, calls};
}
export function settle(promise) {
  return promise.then((value) => ({ok: true, value}), (error) => ({ok: false, error}));
}
"#)]
extern "C" {
    fn make_frame(host_js: &str, mode: &str) -> Promise;
    fn frame_window(iframe: &JsValue) -> JsValue;
    fn remove_frame(iframe: &JsValue);
    fn control(win: &JsValue, message: &JsValue);
    fn ask(win: &JsValue, what: &str) -> Promise;
    fn sleep(ms: u32) -> Promise;
    fn recorder(behaviour: &str) -> JsValue;
    fn settle(promise: &Promise) -> Promise;
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn args(items: &[JsValue]) -> Array {
    items.iter().collect()
}

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

async fn wait(promise: Promise) -> JsValue {
    JsFuture::from(promise).await.unwrap_or_else(|e| e)
}

async fn pause(ms: u32) {
    wait(sleep(ms)).await;
}

/// The outcome of a promise: Ok(value) or Err(error object).
async fn outcome(promise: Promise) -> Result<JsValue, JsValue> {
    let r = wait(settle(&promise)).await;
    if get(&r, "ok").as_bool() == Some(true) {
        Ok(get(&r, "value"))
    } else {
        Err(get(&r, "error"))
    }
}

fn code(error: &JsValue) -> String {
    get(error, "code").as_string().unwrap_or_default()
}

struct Setup {
    frame: JsValue,
    win: JsValue,
    client: CilClient,
}

impl Setup {
    async fn new(mode: &str, extra: &[(&str, JsValue)]) -> Setup {
        let frame = wait(make_frame(HOST_JS, mode)).await;
        let win = frame_window(&frame);
        let mut options = vec![("target", win.clone()), ("logLevel", s("silent"))];
        options.extend(extra.iter().cloned());
        let client = CilClient::new(obj(&options));
        Setup { frame, win, client }
    }

    async fn connected(extra: &[(&str, JsValue)]) -> Setup {
        let setup = Setup::new("host", extra).await;
        outcome(setup.client.ready()).await.expect("connects");
        setup
    }

    fn request(&self, method: &str, items: &[JsValue]) -> Promise {
        self.client.request(method, args(items))
    }

    fn record(&self, event: &str, behaviour: &str) -> (JsValue, u32) {
        let rec = recorder(behaviour);
        let token = self
            .client
            .on(event, get(&rec, "fn"))
            .expect("handler accepted");
        (get(&rec, "calls"), token)
    }

    fn emit(&self, name: &str, data: JsValue) {
        control(
            &self.win,
            &obj(&[("cilTest", s("emit")), ("name", s(name)), ("data", data)]),
        );
    }

    fn end(self) {
        self.client.destroy();
        remove_frame(&self.frame);
    }
}

fn len(array: &JsValue) -> u32 {
    Array::from(array).length()
}

fn at(array: &JsValue, i: u32) -> JsValue {
    Array::from(array).get(i)
}

#[wasm_bindgen_test]
async fn every_request_succeeds_with_the_documented_value() {
    let t = Setup::connected(&[]).await;
    let channel = outcome(t.request("getChannel", &[s("voice")]))
        .await
        .unwrap();
    assert_eq!(get(&channel, "agentId"), s("agent-7"));
    assert_eq!(get(&get(&channel, "channel"), "id"), s("voice_5000"));
    let codes = outcome(t.request("getReasonCodeList", &[s("voice"), s("Logout")]))
        .await
        .unwrap();
    assert_eq!(get(&at(&codes, 0), "label"), s("Lunch"));
    let enabled = outcome(t.request("isUpdateWorkitemDataEnabled", &[s("voice"), s("wi-1")])).await;
    assert_eq!(enabled.unwrap(), JsValue::TRUE);
    for (method, items) in [
        (
            "dialOrConsult",
            vec![s("voice"), s("+41440000000"), s("r1")],
        ),
        (
            "setAgentState",
            vec![s("voice"), s("NotReady"), s("12"), s("r2")],
        ),
        ("setAgentState", vec![s("voice"), s("Ready")]),
        (
            "setWrapupReason",
            vec![s("voice"), s("wi-1"), s("Documentation"), s("r3")],
        ),
        (
            "updateWorkitemData",
            vec![
                s("voice"),
                s("wi-1"),
                obj(&[("callVariable1", s("12345")), ("user.eccVar1", s("9"))]),
                s("r4"),
            ],
        ),
    ] {
        let value = outcome(t.request(method, &items)).await;
        assert_eq!(value.unwrap(), JsValue::UNDEFINED, "{method} has no value");
    }
    // The wire params carry the reference's names, and requestId only when given.
    let seen = wait(ask(&t.win, "requests")).await;
    let set_state = get(&at(&seen, 4), "params");
    assert_eq!(get(&at(&seen, 4), "method"), s("setAgentState"));
    assert_eq!(get(&set_state, "state"), s("NotReady"));
    assert_eq!(get(&set_state, "reasonCode"), s("12"));
    assert_eq!(get(&set_state, "requestId"), s("r2"));
    let no_id = get(&at(&seen, 5), "params");
    assert!(!Reflect::has(&no_id, &s("requestId")).unwrap());
    assert!(get(&get(&at(&seen, 7), "params"), "updatedData").is_object());
    t.end();
}

#[wasm_bindgen_test]
async fn host_failure_rejects_with_its_code_and_raises_the_error_event() {
    let t = Setup::connected(&[]).await;
    let (errors, _) = t.record("error", "");
    let err = outcome(t.request("getChannel", &[s("voice_404"), s("rq-9")]))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "UNKNOWN_CHANNEL");
    assert_eq!(get(&err, "name"), s("CilError"));
    assert_eq!(get(&err, "requestId"), s("rq-9"));
    assert!(err.is_instance_of::<js_sys::Error>());
    pause(30).await;
    assert_eq!(len(&errors), 1, "the gadget's error event, once");
    assert_eq!(get(&at(&errors, 0), "requestId"), s("rq-9"));
    t.end();
}

#[wasm_bindgen_test]
async fn every_event_reaches_its_handlers_untouched() {
    let t = Setup::connected(&[]).await;
    let names = [
        "agentStateChange",
        "callVariableChanged",
        "createChannel",
        "error",
        "workitemConnect",
        "workitemCreate",
        "workitemEnd",
        "workitemPause",
        "workitemResume",
        "workitemWrapup",
        "wrapupDataChanged",
    ];
    let recs: Vec<_> = names.iter().map(|n| t.record(n, "").0).collect();
    for name in names {
        let ecc = obj(&[("user.eccVar1", s("42"))]);
        t.emit(name, obj(&[("id", s("wi-1")), ("ctiData", ecc)]));
    }
    pause(50).await;
    for (name, calls) in names.iter().zip(&recs) {
        assert_eq!(len(calls), 1, "{name}");
        let data = at(calls, 0);
        assert_eq!(get(&data, "event"), s(name));
        assert_eq!(get(&data, "version"), s("2.7"));
        assert_eq!(get(&get(&data, "ctiData"), "user.eccVar1"), s("42"));
    }
    t.end();
}

#[wasm_bindgen_test]
async fn requests_made_before_the_handshake_are_queued_and_sent_in_order() {
    let t = Setup::new("host", &[]).await;
    assert!(!t.client.connected());
    let first = t.request("getChannel", &[s("voice")]);
    let second = t.request("isUpdateWorkitemDataEnabled", &[s("voice"), s("wi-1")]);
    assert!(outcome(first).await.is_ok());
    assert_eq!(outcome(second).await.unwrap(), JsValue::TRUE);
    assert!(t.client.connected());
    assert_eq!(t.client.host_id().as_deref(), Some("host-1"));
    let seen = wait(ask(&t.win, "requests")).await;
    assert_eq!(get(&at(&seen, 0), "method"), s("getChannel"));
    assert_eq!(
        get(&at(&seen, 1), "method"),
        s("isUpdateWorkitemDataEnabled")
    );
    t.end();
}

#[wasm_bindgen_test]
async fn an_unanswered_request_times_out_and_a_late_or_double_answer_is_ignored() {
    let t = Setup::connected(&[("requestTimeout", JsValue::from(5000))]).await;
    let (errors, _) = t.record("error", "");
    let timeout = obj(&[("timeout", JsValue::from(60))]);
    let err = outcome(t.request(
        "dialOrConsult",
        &[s("voice"), s("silent"), s("r-t"), timeout],
    ))
    .await;
    let err = err.unwrap_err();
    assert_eq!(code(&err), "TIMEOUT");
    assert_eq!(get(&err, "requestId"), s("r-t"));
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("within 60 ms"));
    assert_eq!(
        len(&errors),
        1,
        "a local error event for a client-side failure"
    );
    assert_eq!(get(&at(&errors, 0), "code"), s("TIMEOUT"));
    let twice = outcome(t.request("dialOrConsult", &[s("voice"), s("twice")])).await;
    assert_eq!(twice.unwrap(), JsValue::UNDEFINED, "the first answer wins");
    pause(20).await;
    assert_eq!(len(&errors), 1, "the second answer is dropped quietly");
    t.end();
}

#[wasm_bindgen_test]
async fn invalid_arguments_are_rejected_before_sending() {
    let t = Setup::connected(&[]).await;
    let (errors, _) = t.record("error", "");
    let cases: Vec<(&str, Vec<JsValue>, &str)> = vec![
        ("getChannel", vec![s("Voice")], "channelId: expected"),
        (
            "getChannel",
            vec![JsValue::from(5)],
            "channelId: expected a string, got number 5",
        ),
        (
            "getReasonCodeList",
            vec![s("voice"), s("Lunch")],
            "reasonType: expected Logout, NotReady or Wrapup",
        ),
        (
            "setAgentState",
            vec![s("voice"), s("Busy")],
            "state: expected Ready, NotReady or Logout",
        ),
        (
            "updateWorkitemData",
            vec![
                s("voice"),
                s("wi"),
                obj(&[("callVariable1", JsValue::from(1))]),
            ],
            "updatedData",
        ),
        (
            "dialOrConsult",
            vec![s("voice"), s("  ")],
            "address: expected a non-empty string",
        ),
        (
            "getChannel",
            vec![s("voice"), s("r"), JsValue::from(3)],
            "options",
        ),
    ];
    for (method, items, expected) in cases {
        let err = outcome(t.request(method, &items)).await.unwrap_err();
        assert_eq!(code(&err), "INVALID_ARGUMENT");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.contains(expected), "{method}: {message}");
    }
    assert_eq!(len(&errors), 7);
    let seen = wait(ask(&t.win, "requests")).await;
    assert_eq!(len(&seen), 0, "nothing was sent");
    t.end();
}

#[wasm_bindgen_test]
async fn a_gadget_on_another_origin_is_refused() {
    // A sandboxed frame has the opaque origin "null": not the page's own origin.
    let t = Setup::new("sandboxed", &[("connectTimeout", JsValue::from(300))]).await;
    let err = outcome(t.client.ready()).await.unwrap_err();
    assert_eq!(code(&err), "CONNECT_TIMEOUT");
    let message = get(&err, "message").as_string().unwrap();
    assert!(
        message.contains("within 300 ms (origins tried: http"),
        "{message}"
    );
    t.end();
}

#[wasm_bindgen_test]
async fn messages_from_another_window_are_refused() {
    // The target frame has no gadget; another frame forges an ack (with the right client id and
    // a port) and an event. Neither may connect the client or reach a handler.
    let target = wait(make_frame(HOST_JS, "empty")).await;
    let options = obj(&[
        ("target", frame_window(&target)),
        ("clientId", s("fixed")),
        ("connectTimeout", JsValue::from(400)),
        ("logLevel", s("silent")),
    ]);
    let client = CilClient::new(options);
    let rec = recorder("");
    client.on("workitemCreate", get(&rec, "fn")).unwrap();
    let forger = wait(make_frame(HOST_JS, "forger")).await;
    let queued = client.request("getChannel", args(&[s("voice")]));
    let err = outcome(client.ready()).await.unwrap_err();
    assert_eq!(code(&err), "CONNECT_TIMEOUT");
    assert_eq!(code(&outcome(queued).await.unwrap_err()), "CONNECT_TIMEOUT");
    assert!(!client.connected());
    assert_eq!(len(&get(&rec, "calls")), 0);
    let seen = wait(ask(&frame_window(&forger), "seen")).await;
    assert_eq!(len(&seen), 0, "no request went to the forger's port");
    client.destroy();
    remove_frame(&target);
    remove_frame(&forger);
}

#[wasm_bindgen_test]
async fn destroy_rejects_everything_and_silences_handlers() {
    let t = Setup::connected(&[]).await;
    let (calls, _) = t.record("workitemCreate", "");
    let pending = t.request("dialOrConsult", &[s("voice"), s("silent"), s("r-d")]);
    t.client.destroy();
    let err = outcome(pending).await.unwrap_err();
    assert_eq!(code(&err), "DESTROYED");
    assert_eq!(get(&err, "requestId"), s("r-d"));
    let after = outcome(t.request("getChannel", &[s("voice")]))
        .await
        .unwrap_err();
    assert_eq!(code(&after), "DESTROYED");
    assert_eq!(
        code(&outcome(t.client.ready()).await.unwrap_err()),
        "DESTROYED"
    );
    t.emit("workitemCreate", obj(&[]));
    pause(30).await;
    assert_eq!(len(&calls), 0);
    assert!(!t.client.connected());
    t.end();
}

#[wasm_bindgen_test]
async fn destroy_before_the_handshake_rejects_the_queue() {
    let t = Setup::new("host", &[]).await;
    let queued = t.request("getChannel", &[s("voice")]);
    let ready = t.client.ready();
    t.client.destroy();
    assert_eq!(code(&outcome(queued).await.unwrap_err()), "DESTROYED");
    assert_eq!(code(&outcome(ready).await.unwrap_err()), "DESTROYED");
    t.end();
}

#[wasm_bindgen_test]
async fn unsubscribed_handlers_are_not_called() {
    let t = Setup::connected(&[]).await;
    let (kept, _) = t.record("workitemEnd", "");
    let (removed, token) = t.record("workitemEnd", "");
    assert!(t.client.off(token));
    assert!(!t.client.off(token), "a second off is a no-op");
    t.emit("workitemEnd", obj(&[]));
    pause(30).await;
    assert_eq!(len(&kept), 1);
    assert_eq!(len(&removed), 0);
    t.end();
}

#[wasm_bindgen_test]
async fn a_throwing_handler_does_not_stop_the_others_and_is_reported() {
    let t = Setup::connected(&[]).await;
    let (first, _) = t.record("workitemPause", "throw");
    let (second, _) = t.record("workitemPause", "");
    let (errors, _) = t.record("error", "throw"); // an onError that throws must not loop
    let (errors2, _) = t.record("error", "");
    t.emit("workitemPause", obj(&[]));
    pause(30).await;
    assert_eq!(len(&first), 1);
    assert_eq!(
        len(&second),
        1,
        "handlers after a throwing one still run, in order"
    );
    assert_eq!(len(&errors), 1);
    assert_eq!(len(&errors2), 1);
    let report = at(&errors2, 0);
    assert_eq!(get(&report, "code"), s("HANDLER_ERROR"));
    let message = get(&report, "message").as_string().unwrap();
    assert!(
        message.contains("onWorkitemPause handler threw: handler failure"),
        "{message}"
    );
    t.end();
}

#[wasm_bindgen_test]
async fn a_handler_may_call_back_into_cil() {
    let t = Setup::connected(&[]).await;
    let client = std::rc::Rc::new(t.client);
    let results = Array::new();
    let inner = client.clone();
    let out = results.clone();
    let token = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let own = token.clone();
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |_data: JsValue| {
        // Request, register and unregister from inside a handler: no borrow may be held.
        out.push(&inner.request("getChannel", args(&[s("voice")])));
        let rec = recorder("");
        inner.on("workitemEnd", get(&rec, "fn")).unwrap();
        inner.off(own.get());
    });
    token.set(
        client
            .on("workitemConnect", handler.as_ref().clone())
            .unwrap(),
    );
    control(
        &t.win,
        &obj(&[
            ("cilTest", s("emit")),
            ("name", s("workitemConnect")),
            ("data", obj(&[])),
        ]),
    );
    control(
        &t.win,
        &obj(&[
            ("cilTest", s("emit")),
            ("name", s("workitemConnect")),
            ("data", obj(&[])),
        ]),
    );
    pause(40).await;
    assert_eq!(
        results.length(),
        1,
        "the handler removed itself after the first event"
    );
    let channel = outcome(results.get(0).unchecked_into()).await.unwrap();
    assert_eq!(get(&channel, "agentId"), s("agent-7"));
    client.destroy();
    remove_frame(&t.frame);
    drop(handler);
}

#[wasm_bindgen_test]
async fn a_gadget_reload_loses_in_flight_requests_and_reconnects() {
    let t = Setup::connected(&[]).await;
    let (changes, _) = t.record("connectionChange", "");
    let (errors, _) = t.record("error", "");
    let in_flight = t.request("dialOrConsult", &[s("voice"), s("silent"), s("r-l")]);
    control(&t.win, &obj(&[("cilTest", s("reload"))]));
    let err = outcome(in_flight).await.unwrap_err();
    assert_eq!(code(&err), "CONNECTION_LOST");
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("connection to the gadget was lost"));
    pause(50).await;
    assert_eq!(len(&changes), 2, "lost, then back");
    assert_eq!(get(&at(&changes, 0), "connected"), JsValue::FALSE);
    assert_eq!(get(&at(&changes, 0), "reason"), s("bye"));
    assert_eq!(get(&at(&changes, 1), "connected"), JsValue::TRUE);
    assert_eq!(get(&at(&changes, 1), "hostId"), s("host-1#2"));
    assert_eq!(get(&at(&errors, 0), "code"), s("CONNECTION_LOST"));
    assert_eq!(t.client.host_id().as_deref(), Some("host-1#2"));
    let after = outcome(t.request("getChannel", &[s("voice")])).await;
    assert!(after.is_ok(), "requests work on the new connection");
    t.end();
}

#[wasm_bindgen_test]
async fn bad_options_throw_invalid_argument() {
    for options in [
        obj(&[("target", s("sideways"))]),
        obj(&[("allowedOrigins", s("crm.example.com"))]),
        obj(&[("allowedOrigins", Array::new().into())]),
        obj(&[("connectTimeout", JsValue::from(-1))]),
        obj(&[("logLevel", s("loud"))]),
    ] {
        let client = CilClient::new(options);
        let err = outcome(client.ready()).await.expect_err("rejected");
        assert_eq!(code(&err), "INVALID_ARGUMENT");
        let calls = outcome(client.request("getChannel", args(&[s("voice")]))).await;
        assert_eq!(code(&calls.expect_err("rejected too")), "INVALID_ARGUMENT");
    }
    let fine = CilClient::new(obj(&[
        ("allowedOrigins", s("*")),
        ("connectTimeout", JsValue::from(50)),
    ]));
    let err = outcome(fine.ready()).await.expect_err("no gadget here");
    assert_eq!(
        code(&err),
        "CONNECT_TIMEOUT",
        "valid options: it tried to connect"
    );
    assert!(
        fine.memory() >= 65536.0,
        "wasmMemoryBytes reports the linear memory"
    );
    fine.destroy();
}
