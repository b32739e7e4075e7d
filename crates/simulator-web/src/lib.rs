//! The gadget simulator in the browser: a thin wasm-bindgen shell that lets a page (the demo,
//! an end-to-end test, an integrator's own test page) host an integration frame and script the
//! simulated b+s Connects gadget.
//!
//! All behaviour lives in `cil-simulator` (pure Rust, natively tested). This crate only
//! converts values (`convert`), carries out the host's effects with real windows and
//! `MessagePort`s (`transport`) and exposes the JS class [`GadgetSimulator`]. The JS API is
//! documented in `docs/simulator-api.md`.

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod convert;
mod js_error;
mod transport;

use cil_protocol::{EventName, Method};
use cil_simulator::clock::Clock;
use cil_simulator::config::ChannelConfig;
use cil_simulator::error::SimResult;
use cil_simulator::event::Event;
use cil_simulator::gadget::{Gadget, IncomingCall};
use cil_simulator::host::{split_options, Effect, Host, ResponseFault};
use cil_simulator::names::{TargetState, WorkitemState};
use convert::{to_js, to_json};
use js_error::{from_sim, invalid};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use transport::{Shared, Shell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlIFrameElement, MessageEvent};

/// The browser's clock.
struct JsClock;

impl Clock for JsClock {
    fn now_ms(&self) -> u64 {
        let ms = js_sys::Date::now();
        if ms.is_finite() && ms > 0.0 {
            ms as u64
        } else {
            0
        }
    }
}

/// The page's `message` and `pagehide` listeners; removed on drop.
struct WindowListener {
    window: web_sys::Window,
    closure: Closure<dyn FnMut(MessageEvent)>,
    pagehide: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("message", self.closure.as_ref().unchecked_ref());
        let _ = self.window.remove_event_listener_with_callback(
            "pagehide",
            self.pagehide.as_ref().unchecked_ref(),
        );
    }
}

/// The simulated b+s Connects gadget, hosting integration frames.
#[wasm_bindgen]
pub struct GadgetSimulator {
    shared: Shared,
    listener: Option<WindowListener>,
}

type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen]
impl GadgetSimulator {
    /// Creates a simulator. `options`: `{agent, channels, reasonCodes, reasonCodeRequired,
    /// initialState, autoAccept, allowedOrigins, logLimit}` (all optional; see the docs).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<GadgetSimulator> {
        let value = to_json(&options).map_err(|e| invalid(&format!("options: {}", e.0)))?;
        let (mut host_options, config) = split_options(&value).map_err(from_sim)?;
        let window = web_sys::window().ok_or_else(|| invalid("GadgetSimulator needs a window"))?;
        if host_options.allowed_origins.is_empty() {
            if let Ok(origin) = window.location().origin() {
                host_options.allowed_origins.push(origin);
            }
        }
        let seed = format!(
            "gadget-{:08x}",
            (js_sys::Math::random() * 4_294_967_295.0) as u32
        );
        let host = Host::new(host_options, config, Box::new(JsClock), &seed);
        let shared: Shared = Rc::new(RefCell::new(Shell {
            host,
            frames: BTreeMap::new(),
            ports: BTreeMap::new(),
            log_listeners: BTreeMap::new(),
            next_listener: 1,
        }));
        let weak = Rc::downgrade(&shared);
        let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(shared) = weak.upgrade() {
                transport::on_window_message(&shared, &event);
            }
        });
        window
            .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
            .map_err(|_| invalid("could not listen for messages"))?;
        // The gadget page going away: say bye so integrations notice at once instead of
        // waiting for a request to time out.
        let weak = Rc::downgrade(&shared);
        let pagehide = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            if let Some(shared) = weak.upgrade() {
                let effects = match shared.try_borrow_mut() {
                    Ok(mut s) => s.host.go_away(),
                    Err(_) => return,
                };
                transport::apply(&shared, effects);
                transport::notify(&shared);
            }
        });
        window
            .add_event_listener_with_callback("pagehide", pagehide.as_ref().unchecked_ref())
            .map_err(|_| invalid("could not listen for pagehide"))?;
        Ok(GadgetSimulator {
            shared,
            listener: Some(WindowListener {
                window,
                closure,
                pagehide,
            }),
        })
    }

    /// Attaches an existing integration `<iframe>`: its `syn` will be answered and it gets an
    /// `announce` now. `origin` (default: the origin of the frame's `src`) is added to the
    /// allowed origins. Returns the frame id used in the log.
    pub fn attach(&self, iframe: HtmlIFrameElement, origin: Option<String>) -> JsResult<u32> {
        let origin = origin
            .or_else(|| origin_of(&iframe.src()))
            .unwrap_or_else(|| "*".into());
        let exists = self
            .shared
            .try_borrow()
            .map_err(|_| busy())?
            .frames
            .iter()
            .find(|(_, f)| **f == iframe)
            .map(|(id, _)| *id);
        if let Some(id) = exists {
            return Ok(id);
        }
        let (id, effects) = {
            let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
            if origin != "*" {
                s.host.allow_origin(&origin);
            }
            let (id, effects) = s.host.attach_frame(&origin);
            s.frames.insert(id, iframe);
            (id, effects)
        };
        self.finish(effects);
        Ok(id)
    }

    /// Creates an `<iframe src=url>` in `container`, attaches it and returns it.
    #[wasm_bindgen(js_name = createFrame)]
    pub fn create_frame(
        &self,
        container: web_sys::Element,
        url: &str,
    ) -> JsResult<HtmlIFrameElement> {
        let document = container
            .owner_document()
            .ok_or_else(|| invalid("container is not in a document"))?;
        let iframe: HtmlIFrameElement = document
            .create_element("iframe")
            .map_err(|_| invalid("could not create an iframe"))?
            .dyn_into()
            .map_err(|_| invalid("could not create an iframe"))?;
        iframe.set_src(url);
        container
            .append_child(&iframe)
            .map_err(|_| invalid("could not insert the iframe"))?;
        self.attach(iframe.clone(), None)?;
        Ok(iframe)
    }

    /// Detaches a frame: `bye` on its connection, which is closed.
    pub fn detach(&self, iframe: HtmlIFrameElement) -> JsResult<()> {
        let effects = {
            let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
            let id = s
                .frames
                .iter()
                .find(|(_, f)| **f == iframe)
                .map(|(id, _)| *id);
            match id {
                Some(id) => {
                    s.frames.remove(&id);
                    s.host.detach_frame(id)
                }
                None => Vec::new(),
            }
        };
        self.finish(effects);
        Ok(())
    }

    /// Adds an origin whose `syn` is answered (`*` for any).
    #[wasm_bindgen(js_name = allowOrigin)]
    pub fn allow_origin(&self, origin: &str) -> JsResult<()> {
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .allow_origin(origin);
        Ok(())
    }

    /// A call arrives: `{ani, dnis, dialedNumber, callVariables: {callVariable1: "…"}, ecc:
    /// {name: "…"}, queueName, queueNumber, callType, owner, id, channelId,
    /// associatedParticipant, participantLookupResult}`. Returns the work-item id.
    #[wasm_bindgen(js_name = incomingCall)]
    pub fn incoming_call(&self, options: JsValue) -> JsResult<String> {
        let value = to_json(&options).map_err(|e| invalid(&format!("incomingCall: {}", e.0)))?;
        let value = if value.is_null() {
            serde_json::json!({})
        } else {
            value
        };
        let call: IncomingCall =
            serde_json::from_value(value).map_err(|e| invalid(&format!("incomingCall: {e}")))?;
        self.act(|g| g.incoming_call(call))
    }

    /// Answers an offered call (or the far end answers an outgoing one). Default: the newest
    /// offered or dialling item. Returns its id.
    pub fn answer(&self, id: Option<String>) -> JsResult<String> {
        let id = self.pick(id, &[WorkitemState::Offered, WorkitemState::Initiated])?;
        self.act(|g| g.answer(&id).map(|e| (id.clone(), e)))
    }

    /// Puts a call on hold. Default: the newest active item.
    pub fn hold(&self, id: Option<String>) -> JsResult<String> {
        let id = self.pick(id, &[WorkitemState::Active])?;
        self.act(|g| g.hold(&id).map(|e| (id.clone(), e)))
    }

    /// Resumes a held call. Default: the newest held item.
    pub fn resume(&self, id: Option<String>) -> JsResult<String> {
        let id = self.pick(id, &[WorkitemState::Paused])?;
        self.act(|g| g.resume(&id).map(|e| (id.clone(), e)))
    }

    /// Ends a call (abandoned when unanswered; to wrap-up when the channel has it). Default:
    /// the newest item that is not in wrap-up.
    #[wasm_bindgen(js_name = hangUp)]
    pub fn hang_up(&self, id: Option<String>) -> JsResult<String> {
        let id = self.pick(
            id,
            &[
                WorkitemState::Active,
                WorkitemState::Paused,
                WorkitemState::Offered,
                WorkitemState::Initiated,
            ],
        )?;
        self.act(|g| g.hang_up(&id).map(|e| (id.clone(), e)))
    }

    /// Ends wrap-up; the agent returns to the state before the call, or to `state`
    /// (`Ready`/`NotReady`) with `reasonCode`. Default: the newest item in wrap-up.
    #[wasm_bindgen(js_name = endWrapup)]
    pub fn end_wrapup(
        &self,
        id: Option<String>,
        state: Option<String>,
        reason_code: Option<String>,
    ) -> JsResult<String> {
        let id = self.pick(id, &[WorkitemState::Wrapup])?;
        let next = match state.as_deref() {
            None | Some("") => None,
            Some(s) => Some((target(s)?, reason_code.as_deref())),
        };
        self.act(|g| g.end_wrapup(&id, next).map(|e| (id.clone(), e)))
    }

    /// Completes a transfer of the customer call (a consultation, if any, ends).
    pub fn transfer(&self, id: Option<String>) -> JsResult<String> {
        let id = self.pick(id, &[WorkitemState::Active, WorkitemState::Paused])?;
        self.act(|g| g.transfer(&id).map(|e| (id.clone(), e)))
    }

    /// The agent places a call from the gadget (same as an integration's `dialOrConsult`).
    pub fn dial(&self, address: &str, channel_id: Option<String>) -> JsResult<()> {
        let channel = channel_id.unwrap_or_else(|| "voice".into());
        self.act(|g| g.dial_or_consult(&channel, address, "").map(|e| ((), e)))
    }

    /// The agent edits a call variable (`callVariable1`..`10`, `user.<name>`, `wrapUpReason`)
    /// in the gadget. Default item: the newest one.
    #[wasm_bindgen(js_name = setCallVariable)]
    pub fn set_call_variable(&self, id: Option<String>, name: &str, value: &str) -> JsResult<()> {
        let id = self.pick(id, ALL_OPEN)?;
        self.act(|g| g.set_call_variable(&id, name, value).map(|e| ((), e)))
    }

    /// The agent picks a wrap-up reason in the gadget. Default item: the newest one.
    #[wasm_bindgen(js_name = setWrapupReason)]
    pub fn set_wrapup_reason(&self, id: Option<String>, reason: &str) -> JsResult<()> {
        let id = self.pick(id, ALL_OPEN)?;
        self.act(|g| g.gadget_set_wrapup_reason(&id, reason).map(|e| ((), e)))
    }

    /// The agent changes state in the gadget (`Ready`, `NotReady`, `Logout`); Ready/NotReady
    /// while logged out logs in. `channelId` defaults to `voice`.
    #[wasm_bindgen(js_name = setAgentState)]
    pub fn set_agent_state(
        &self,
        state: &str,
        reason_code: Option<String>,
        channel_id: Option<String>,
    ) -> JsResult<()> {
        let state = target(state)?;
        let channel = channel_id.unwrap_or_else(|| "voice".into());
        self.act(|g| {
            g.gadget_set_agent_state(&channel, state, reason_code.as_deref())
                .map(|e| ((), e))
        })
    }

    /// Adds a channel `{id, type, wrapup}` and sends `createChannel`.
    #[wasm_bindgen(js_name = createChannel)]
    pub fn create_channel(&self, options: JsValue) -> JsResult<()> {
        let value = to_json(&options).map_err(|e| invalid(&format!("createChannel: {}", e.0)))?;
        let config: ChannelConfig =
            serde_json::from_value(value).map_err(|e| invalid(&format!("createChannel: {e}")))?;
        self.act(|g| g.create_channel(config).map(|e| ((), e)))
    }

    /// Sends an `error` event not caused by a request.
    #[wasm_bindgen(js_name = raiseError)]
    pub fn raise_error(&self, message: &str) -> JsResult<()> {
        self.act(|g| Ok(((), g.raise_error(message))))
    }

    /// Makes the next request of `method` (any method when null) fail with
    /// `{code, message}` (default `REQUEST_FAILED`): error response and `error` event.
    #[wasm_bindgen(js_name = failNext)]
    pub fn fail_next(&self, method: Option<String>, error: JsValue) -> JsResult<()> {
        let method = parse_method(method)?;
        let error = to_json(&error).map_err(|e| invalid(&e.0))?;
        let code = error
            .get("code")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let message = error
            .get("message")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .fail_next(method, code.as_deref(), message.as_deref());
        Ok(())
    }

    /// Drops the next response (to `method`, or any).
    #[wasm_bindgen(js_name = dropNextResponse)]
    pub fn drop_next_response(&self, method: Option<String>) -> JsResult<()> {
        self.response_fault(method, ResponseFault::Drop)
    }

    /// Sends the next response (to `method`, or any) twice.
    #[wasm_bindgen(js_name = duplicateNextResponse)]
    pub fn duplicate_next_response(&self, method: Option<String>) -> JsResult<()> {
        self.response_fault(method, ResponseFault::Duplicate)
    }

    /// Sends the next response (to `method`, or any) after `ms` milliseconds.
    #[wasm_bindgen(js_name = delayNextResponse)]
    pub fn delay_next_response(&self, ms: u32, method: Option<String>) -> JsResult<()> {
        self.response_fault(method, ResponseFault::Delay(ms))
    }

    /// Disarms all injected failures and faults.
    #[wasm_bindgen(js_name = clearFaults)]
    pub fn clear_faults(&self) -> JsResult<()> {
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .faults()
            .clear();
        Ok(())
    }

    /// Turns wrap-up on or off for a channel (default `voice`).
    #[wasm_bindgen(js_name = setWrapupEnabled)]
    pub fn set_wrapup_enabled(&self, enabled: bool, channel_id: Option<String>) -> JsResult<()> {
        let channel = channel_id.unwrap_or_else(|| "voice".into());
        self.act(|g| {
            g.set_wrapup_enabled(&channel, enabled)
                .map(|()| ((), Vec::<Event>::new()))
        })
    }

    /// Whether NotReady / Logout need a reason code.
    #[wasm_bindgen(js_name = setReasonCodeRequired)]
    pub fn set_reason_code_required(&self, not_ready: bool, logout: bool) -> JsResult<()> {
        self.act(|g| {
            g.set_reason_code_required(not_ready, logout);
            Ok(((), Vec::new()))
        })
    }

    /// Simulates a gadget reload: `bye`, new host id, `announce`; the reconnecting integration
    /// receives the current agent state and work items once.
    pub fn reload(&self) -> JsResult<String> {
        let (effects, id) = {
            let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
            // Ports of the old host life go away with it.
            let effects = s.host.reload();
            (effects, s.host.host_id())
        };
        self.finish(effects);
        Ok(id)
    }

    /// Sends `announce` to every attached frame again.
    pub fn announce(&self) -> JsResult<()> {
        let effects = self
            .shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .announce_all();
        self.finish(effects);
        Ok(())
    }

    /// Test and benchmark hook: posts `{ns, v: 1, kind: "event", name, data}` on every open
    /// connection, with `data` exactly as given (neither checked nor converted, so a load test
    /// measures the transport and the client, not the model). `name` must be a 2.7 event name.
    /// Returns how many connections it was posted on. The model's state does not change.
    #[wasm_bindgen(js_name = sendEvent)]
    pub fn send_event(&self, name: &str, data: JsValue) -> JsResult<u32> {
        let Some(event) = EventName::from_name(name) else {
            return Err(invalid(&format!(
                "sendEvent: unknown event name '{}'",
                name.chars().take(64).collect::<String>()
            )));
        };
        let (ports, logged) = {
            let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
            let logged = s.host.log.wanted();
            s.host.log_sent_event(|| {
                let data = to_json(&data).unwrap_or(serde_json::Value::Null);
                serde_json::json!({
                    "ns": cil_protocol::NAMESPACE, "v": cil_protocol::PROTOCOL_VERSION,
                    "kind": "event", "name": event.name(), "data": data,
                })
            });
            (transport::open_ports(&s), logged)
        };
        let message = transport::event_envelope(event, &data);
        // Posting may run getters of `data` (structured clone): no borrow is held here.
        let mut sent = 0;
        for port in &ports {
            if port.post_message(&message).is_ok() {
                sent += 1;
            }
        }
        if logged {
            transport::notify(&self.shared);
        }
        Ok(sent)
    }

    /// What a `getChannel(channelId)` request would answer now (default `voice`), as a plain
    /// object, without a request and without logging: for tests and benchmarks that need the
    /// payload an integration sees.
    #[wasm_bindgen(js_name = getChannel)]
    pub fn get_channel(&self, channel_id: Option<String>) -> JsResult<JsValue> {
        let channel = channel_id.unwrap_or_else(|| "voice".into());
        let value = self
            .shared
            .try_borrow()
            .map_err(|_| busy())?
            .host
            .gadget()
            .get_channel(&channel)
            .map_err(from_sim)?;
        Ok(to_js(&value))
    }

    /// The current state: agent, channels, work items, reason codes, host id, connections.
    pub fn state(&self) -> JsResult<JsValue> {
        Ok(to_js(
            &self
                .shared
                .try_borrow()
                .map_err(|_| busy())?
                .host
                .snapshot(),
        ))
    }

    /// The kept log entries, oldest first.
    pub fn log(&self) -> JsResult<JsValue> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        let entries: Vec<_> = s.host.log.entries().collect();
        Ok(to_js(&entries))
    }

    /// Forgets the kept log entries.
    #[wasm_bindgen(js_name = clearLog)]
    pub fn clear_log(&self) -> JsResult<()> {
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .log
            .clear();
        Ok(())
    }

    /// Calls `listener(entry)` for every new log entry; returns a token for [`Self::off_log`].
    #[wasm_bindgen(js_name = onLog)]
    pub fn on_log(&self, listener: js_sys::Function) -> JsResult<u32> {
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let token = s.next_listener;
        s.next_listener += 1;
        s.log_listeners.insert(token, listener);
        s.host.log.notify = true;
        Ok(token)
    }

    /// Removes a log listener.
    #[wasm_bindgen(js_name = offLog)]
    pub fn off_log(&self, token: u32) -> JsResult<()> {
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        s.log_listeners.remove(&token);
        s.host.log.notify = !s.log_listeners.is_empty();
        Ok(())
    }

    /// Says `bye` to every integration, closes the ports and stops listening. The simulator
    /// is unusable afterwards.
    pub fn destroy(&mut self) -> JsResult<()> {
        let effects = self
            .shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .go_away();
        self.finish(effects);
        self.listener = None;
        let ports = self
            .shared
            .try_borrow_mut()
            .map(|mut s| {
                s.log_listeners.clear();
                s.frames.clear();
                std::mem::take(&mut s.ports)
            })
            .unwrap_or_default();
        drop(ports);
        Ok(())
    }
}

/// Item states a data edit may target.
const ALL_OPEN: &[WorkitemState] = &[
    WorkitemState::Offered,
    WorkitemState::Initiated,
    WorkitemState::Active,
    WorkitemState::Paused,
    WorkitemState::Wrapup,
];

impl GadgetSimulator {
    /// Runs a script action, carries out its effects, then notifies log listeners.
    fn act<T>(
        &self,
        action: impl FnOnce(&mut Gadget) -> SimResult<(T, Vec<Event>)>,
    ) -> JsResult<T> {
        let result = {
            let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
            s.host.act(action)
        };
        match result {
            Ok((value, effects)) => {
                self.finish(effects);
                Ok(value)
            }
            Err(e) => Err(from_sim(e)),
        }
    }

    fn finish(&self, effects: Vec<Effect>) {
        transport::apply(&self.shared, effects);
        transport::notify(&self.shared);
    }

    /// The given id, or the newest item in `states`.
    fn pick(&self, id: Option<String>, states: &[WorkitemState]) -> JsResult<String> {
        if let Some(id) = id.filter(|i| !i.is_empty()) {
            return Ok(id);
        }
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        s.host
            .gadget()
            .newest_item(states)
            .map(|w| w.id.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
                js_error::js_error(
                    "UNKNOWN_WORKITEM",
                    &format!(
                        "no work item is {}; pass a work-item id",
                        names.join(" or ")
                    ),
                )
            })
    }

    fn response_fault(&self, method: Option<String>, fault: ResponseFault) -> JsResult<()> {
        let method = parse_method(method)?;
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .faults()
            .response_fault(method, fault);
        Ok(())
    }
}

fn target(state: &str) -> JsResult<TargetState> {
    TargetState::parse(state).ok_or_else(|| {
        invalid(&format!(
            "state: expected Ready, NotReady or Logout, got '{state}'"
        ))
    })
}

fn parse_method(method: Option<String>) -> JsResult<Option<Method>> {
    match method.as_deref() {
        None | Some("") | Some("*") => Ok(None),
        Some(name) => Method::from_name(name).map(Some).ok_or_else(|| {
            js_error::js_error("UNKNOWN_METHOD", &format!("unknown method '{name}'"))
        }),
    }
}

fn origin_of(url: &str) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    let origin = web_sys::Url::new_with_base(url, &base).ok()?.origin();
    (origin != "null").then_some(origin)
}

/// A re-entrant call (e.g. from inside a log listener while the simulator is mid-update)
/// is refused instead of panicking on the `RefCell`.
fn busy() -> JsValue {
    js_error::js_error(
        "REQUEST_FAILED",
        "the simulator is busy (re-entrant call); try again from a later task",
    )
}
