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

mod args;
mod convert;
mod dom;
mod js_error;
mod timers;
mod transport;

use args::JsResult;
use cil_protocol::validate::MAX_STRING_LEN;
use cil_protocol::EventName;
use cil_simulator::clock::Clock;
use cil_simulator::config::ChannelConfig;
use cil_simulator::gadget::IncomingCall;
use cil_simulator::host::{split_options, Effect, Host, PlayOptions};
use cil_simulator::names::TargetState;
use cil_simulator::script::{Action, Scenario};
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
    timers: timers::SharedTimers,
    listener: Option<WindowListener>,
}

#[wasm_bindgen]
impl GadgetSimulator {
    /// Creates a simulator. `options`: `{agent, channels, reasonCodes, reasonCodeRequired,
    /// initialState, autoAccept, allowedOrigins, logLimit}` (all optional; see the docs).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<GadgetSimulator> {
        let value = args::object("GadgetSimulator", "options", &options, true)?;
        let (mut host_options, config) =
            split_options(&value).map_err(|e| from_sim(named("GadgetSimulator", e)))?;
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
        let mut host = Host::new(host_options, config, Box::new(JsClock), &seed);
        host.set_recorded_options(value);
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
            timers: Rc::default(),
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
    pub fn attach(&self, iframe: JsValue, origin: JsValue) -> JsResult<u32> {
        let iframe = dom::iframe("attach", "iframe", &iframe)?;
        let origin = match origin.is_undefined() || origin.is_null() {
            true => origin_of(&dom::src(&iframe)).unwrap_or_else(|| "*".into()),
            false => args::origin("attach", "origin", &origin)?,
        };
        self.attach_frame(iframe, origin)
    }

    /// Creates an `<iframe src=url>` in `container`, attaches it and returns it.
    #[wasm_bindgen(js_name = createFrame)]
    pub fn create_frame(&self, container: JsValue, url: JsValue) -> JsResult<HtmlIFrameElement> {
        let container = dom::element("createFrame", "container", &container)?;
        let url = args::text("createFrame", "url", &url)?;
        let document = container
            .owner_document()
            .ok_or_else(|| invalid("createFrame: container: it is not in a document"))?;
        let iframe: HtmlIFrameElement = document
            .create_element("iframe")
            .map_err(|_| invalid("createFrame: could not create an iframe"))?
            .unchecked_into();
        iframe.set_src(&url);
        container
            .append_child(&iframe)
            .map_err(|_| invalid("createFrame: container: it cannot hold an iframe"))?;
        let origin = origin_of(&dom::src(&iframe)).unwrap_or_else(|| "*".into());
        self.attach_frame(iframe.clone(), origin)?;
        Ok(iframe)
    }

    /// Detaches a frame: `bye` on its connections, which are closed.
    pub fn detach(&self, iframe: JsValue) -> JsResult<()> {
        let iframe = dom::iframe("detach", "iframe", &iframe)?;
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
    pub fn allow_origin(&self, origin: JsValue) -> JsResult<()> {
        let origin = args::origin("allowOrigin", "origin", &origin)?;
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .allow_origin(&origin);
        Ok(())
    }

    /// A call arrives: `{ani, dnis, dialedNumber, callVariables: {callVariable1: "…"}, ecc:
    /// {name: "…"}, queueName, queueNumber, callType, owner, id, channelId,
    /// associatedParticipant, participantLookupResult, conferenceCreator, participants}`.
    /// Returns the work-item id.
    #[wasm_bindgen(js_name = incomingCall)]
    pub fn incoming_call(&self, options: JsValue) -> JsResult<String> {
        let value = args::object("incomingCall", "options", &options, true)?;
        let call: IncomingCall = args::typed("incomingCall", "options", value)?;
        self.perform_id(Action::IncomingCall(Box::new(call)))
    }

    /// Answers an offered call (or the far end answers an outgoing one). Default: the newest
    /// offered or dialling item. Returns its id.
    pub fn answer(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("answer", "id", &id)?;
        self.perform_id(Action::Answer { id })
    }

    /// Puts a call on hold. Default: the newest active item.
    pub fn hold(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("hold", "id", &id)?;
        self.perform_id(Action::Hold { id })
    }

    /// Resumes a held call. Default: the newest held item.
    pub fn resume(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("resume", "id", &id)?;
        self.perform_id(Action::Resume { id })
    }

    /// Ends a call (abandoned when unanswered; to wrap-up when the channel has it). Default:
    /// the newest item that is not in wrap-up.
    #[wasm_bindgen(js_name = hangUp)]
    pub fn hang_up(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("hangUp", "id", &id)?;
        self.perform_id(Action::HangUp { id })
    }

    /// Ends wrap-up; the agent returns to the state before the call, or to `state`
    /// (`Ready`/`NotReady`) with `reasonCode`. Default: the newest item in wrap-up.
    #[wasm_bindgen(js_name = endWrapup)]
    pub fn end_wrapup(
        &self,
        id: JsValue,
        state: JsValue,
        reason_code: JsValue,
    ) -> JsResult<String> {
        let id = args::optional("endWrapup", "id", &id)?;
        let state = match args::optional("endWrapup", "state", &state)? {
            None => None,
            Some(s) => Some(target("endWrapup", &s)?),
        };
        let reason_code = args::reason_code("endWrapup", "reasonCode", &reason_code)?;
        self.perform_id(Action::EndWrapup {
            id,
            state,
            reason_code,
        })
    }

    /// Completes a transfer of the customer call (a consultation, if any, ends).
    pub fn transfer(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("transfer", "id", &id)?;
        self.perform_id(Action::Transfer { id })
    }

    /// Joins the held customer call and its answered consultation into a conference that
    /// this agent creates: `workitemEnd` of the consultation, then `workitemResume` of the
    /// customer call as `Conference` with both legs' participants. `id`: either leg
    /// (default: the newest active or held item). Returns the conference's id.
    pub fn conference(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("conference", "id", &id)?;
        self.perform_id(Action::Conference { id })
    }

    /// An offered call rings out unanswered now, as when the RONA time runs out:
    /// `workitemEnd(EndedAbandoned)`, the agent NotReady with the RONA reason code. Default:
    /// the newest offered item.
    #[wasm_bindgen(js_name = ringNoAnswer)]
    pub fn ring_no_answer(&self, id: JsValue) -> JsResult<String> {
        let id = args::optional("ringNoAnswer", "id", &id)?;
        self.perform_id(Action::RingNoAnswer { id })
    }

    /// How long calls offered from now on may ring before they ring out (RONA), in
    /// milliseconds (1 to 86,400,000); `null` or `undefined`: forever.
    #[wasm_bindgen(js_name = setRonaTimeout)]
    pub fn set_rona_timeout(&self, ms: JsValue) -> JsResult<()> {
        let ms = if ms.is_undefined() || ms.is_null() {
            None
        } else {
            Some(u64::from(args::whole(
                "setRonaTimeout",
                "ms",
                &ms,
                86_400_000,
            )?))
        };
        self.perform(Action::SetRonaTimeout { ms }).map(drop)
    }

    /// The agent places a call from the gadget (same as an integration's `dialOrConsult`).
    pub fn dial(&self, address: JsValue, channel_id: JsValue) -> JsResult<()> {
        let address = args::text("dial", "address", &address)?;
        let channel_id = args::optional("dial", "channelId", &channel_id)?;
        self.perform(Action::Dial {
            address,
            channel_id,
        })
        .map(drop)
    }

    /// The agent edits a call variable (`callVariable1`..`10`, `user.<name>`, `wrapUpReason`)
    /// in the gadget. Default item: the newest one.
    #[wasm_bindgen(js_name = setCallVariable)]
    pub fn set_call_variable(&self, id: JsValue, name: JsValue, value: JsValue) -> JsResult<()> {
        let id = args::optional("setCallVariable", "id", &id)?;
        let name = args::text("setCallVariable", "name", &name)?;
        let value = args::string("setCallVariable", "value", &value)?;
        self.perform(Action::SetCallVariable { id, name, value })
            .map(drop)
    }

    /// The agent picks a wrap-up reason in the gadget. Default item: the newest one.
    #[wasm_bindgen(js_name = setWrapupReason)]
    pub fn set_wrapup_reason(&self, id: JsValue, reason: JsValue) -> JsResult<()> {
        let id = args::optional("setWrapupReason", "id", &id)?;
        let reason = args::text("setWrapupReason", "reason", &reason)?;
        self.perform(Action::SetWrapupReason { id, reason })
            .map(drop)
    }

    /// The agent changes state in the gadget (`Ready`, `NotReady`, `Logout`); Ready/NotReady
    /// while logged out logs in. `channelId` defaults to `voice`.
    #[wasm_bindgen(js_name = setAgentState)]
    pub fn set_agent_state(
        &self,
        state: JsValue,
        reason_code: JsValue,
        channel_id: JsValue,
    ) -> JsResult<()> {
        let state = args::string("setAgentState", "state", &state)?;
        let state = target("setAgentState", &state)?;
        let reason_code = args::reason_code("setAgentState", "reasonCode", &reason_code)?;
        let channel_id = args::optional("setAgentState", "channelId", &channel_id)?;
        self.perform(Action::SetAgentState {
            state,
            reason_code,
            channel_id,
        })
        .map(drop)
    }

    /// Adds a channel `{id, type, wrapup}` and sends `createChannel`.
    #[wasm_bindgen(js_name = createChannel)]
    pub fn create_channel(&self, options: JsValue) -> JsResult<()> {
        let value = args::object("createChannel", "channel", &options, false)?;
        let config: ChannelConfig = args::typed("createChannel", "channel", value)?;
        self.perform(Action::CreateChannel(config)).map(drop)
    }

    /// Sends an `error` event not caused by a request.
    #[wasm_bindgen(js_name = raiseError)]
    pub fn raise_error(&self, message: JsValue) -> JsResult<()> {
        let message = args::string("raiseError", "message", &message)?;
        self.perform(Action::RaiseError { message }).map(drop)
    }

    /// Makes the next request of `method` (any method when null) fail with
    /// `{code, message}` (default `REQUEST_FAILED`): error response and `error` event.
    #[wasm_bindgen(js_name = failNext)]
    pub fn fail_next(&self, method: JsValue, error: JsValue) -> JsResult<()> {
        let method = args::optional("failNext", "method", &method)?;
        let error = args::object("failNext", "error", &error, true)?;
        let field = |name: &str| -> JsResult<Option<String>> {
            match error.get(name) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) if s.len() <= MAX_STRING_LEN => {
                    Ok(Some(s.clone()))
                }
                Some(_) => Err(args::bad(
                    "failNext",
                    &format!("error.{name}"),
                    "expected a string of at most 4096 bytes",
                )),
            }
        };
        let code = field("code")?;
        let message = field("message")?;
        self.perform(Action::FailNext {
            method,
            code,
            message,
        })
        .map(drop)
    }

    /// Drops the next response (to `method`, or any).
    #[wasm_bindgen(js_name = dropNextResponse)]
    pub fn drop_next_response(&self, method: JsValue) -> JsResult<()> {
        let method = args::optional("dropNextResponse", "method", &method)?;
        self.perform(Action::DropNextResponse { method }).map(drop)
    }

    /// Sends the next response (to `method`, or any) twice.
    #[wasm_bindgen(js_name = duplicateNextResponse)]
    pub fn duplicate_next_response(&self, method: JsValue) -> JsResult<()> {
        let method = args::optional("duplicateNextResponse", "method", &method)?;
        self.perform(Action::DuplicateNextResponse { method })
            .map(drop)
    }

    /// Sends the next response (to `method`, or any) after `ms` milliseconds (at most an
    /// hour).
    #[wasm_bindgen(js_name = delayNextResponse)]
    pub fn delay_next_response(&self, ms: JsValue, method: JsValue) -> JsResult<()> {
        let ms = args::whole("delayNextResponse", "ms", &ms, 3_600_000)?;
        let method = args::optional("delayNextResponse", "method", &method)?;
        self.perform(Action::DelayNextResponse { ms, method })
            .map(drop)
    }

    /// Disarms all injected failures and faults.
    #[wasm_bindgen(js_name = clearFaults)]
    pub fn clear_faults(&self) -> JsResult<()> {
        self.perform(Action::ClearFaults {}).map(drop)
    }

    /// Turns wrap-up on or off for a channel (default `voice`).
    #[wasm_bindgen(js_name = setWrapupEnabled)]
    pub fn set_wrapup_enabled(&self, enabled: JsValue, channel_id: JsValue) -> JsResult<()> {
        let enabled = args::boolean("setWrapupEnabled", "enabled", &enabled)?;
        let channel_id = args::optional("setWrapupEnabled", "channelId", &channel_id)?;
        self.perform(Action::SetWrapupEnabled {
            enabled,
            channel_id,
        })
        .map(drop)
    }

    /// Whether NotReady / Logout need a reason code.
    #[wasm_bindgen(js_name = setReasonCodeRequired)]
    pub fn set_reason_code_required(&self, not_ready: JsValue, logout: JsValue) -> JsResult<()> {
        let not_ready = args::boolean("setReasonCodeRequired", "notReady", &not_ready)?;
        let logout = args::boolean("setReasonCodeRequired", "logout", &logout)?;
        self.perform(Action::SetReasonCodeRequired { not_ready, logout })
            .map(drop)
    }

    /// Adds a queue `{id, name, escalationLevel?, warnAt?, criticalAt?, statistics?}`:
    /// `queueDataUpdate(ADDED)` while logged in.
    #[wasm_bindgen(js_name = addQueue)]
    pub fn add_queue(&self, queue: JsValue) -> JsResult<()> {
        let value = args::object("addQueue", "queue", &queue, false)?;
        let config = args::typed("addQueue", "queue", value)?;
        self.perform(Action::AddQueue(config)).map(drop)
    }

    /// Removes a queue: `queueDataUpdate(DELETED)` while logged in.
    #[wasm_bindgen(js_name = removeQueue)]
    pub fn remove_queue(&self, id: JsValue) -> JsResult<()> {
        let id = args::text("removeQueue", "id", &id)?;
        self.perform(Action::RemoveQueue { id }).map(drop)
    }

    /// Sets some of a queue's figures (the other agents'; the agent's own state is added)
    /// and, for a queue without thresholds, its escalation level: `queueDataUpdate(UPDATED)`.
    #[wasm_bindgen(js_name = setQueueStatistics)]
    pub fn set_queue_statistics(
        &self,
        queue: JsValue,
        statistics: JsValue,
        escalation_level: JsValue,
    ) -> JsResult<()> {
        let queue = args::text("setQueueStatistics", "queue", &queue)?;
        let value = args::object("setQueueStatistics", "statistics", &statistics, true)?;
        let statistics = args::typed("setQueueStatistics", "statistics", value)?;
        let escalation_level =
            args::optional("setQueueStatistics", "escalationLevel", &escalation_level)?;
        self.perform(Action::SetQueueStatistics {
            queue,
            statistics,
            escalation_level,
        })
        .map(drop)
    }

    /// Adds or changes another member of the team `{agentId, firstName?, lastName?,
    /// extension?, state?, reasonCode?: {id, label}}`: `teamDataUpdate(UPDATED)`.
    #[wasm_bindgen(js_name = setTeamAgent)]
    pub fn set_team_agent(&self, agent: JsValue) -> JsResult<()> {
        let value = args::object("setTeamAgent", "agent", &agent, false)?;
        let member = args::typed("setTeamAgent", "agent", value)?;
        self.perform(Action::SetTeamAgent(member)).map(drop)
    }

    /// Simulates a gadget reload: `bye`, new host id, `announce`; each reconnecting
    /// integration receives the current agent state and work items once.
    pub fn reload(&self) -> JsResult<String> {
        self.perform_id(Action::Reload {})
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

    /// What happened since the simulator was created, as a scenario script that
    /// `play` replays (see docs/simulator-api.md, "Scenario scripts").
    pub fn record(&self) -> JsResult<JsValue> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(to_js(&s.host.record()))
    }

    /// Plays a scenario script (`{steps: [{after, do, …}]}`, see docs/simulator-api.md):
    /// each step runs `after` ms after the previous one (divided by `options.speed`);
    /// `options.skipIntegration` leaves out the steps recorded from an integration's
    /// requests. Returns a promise of `{played, left, stopped}` that rejects with the
    /// `SimulatorError` of the first refused step (`play: step 3 (answer): …`). An invalid
    /// script, or a second `play` while one runs, throws at once.
    pub fn play(&self, script: JsValue, options: JsValue) -> JsResult<js_sys::Promise> {
        let value = args::object("play", "script", &script, false)?;
        let scenario = Scenario::from_value(&value).map_err(|e| from_sim(named("play", e)))?;
        let options = args::object("play", "options", &options, true)?;
        let mut play = PlayOptions::default();
        for (key, v) in options.as_object().into_iter().flatten() {
            match (key.as_str(), v) {
                ("speed", serde_json::Value::Number(n)) => play.speed = n.as_f64().unwrap_or(0.0),
                ("skipIntegration", serde_json::Value::Bool(b)) => play.skip_integration = *b,
                ("speed", _) => {
                    return Err(args::bad(
                        "play",
                        "options.speed",
                        "expected a number from 0.01 to 1000",
                    ))
                }
                ("skipIntegration", _) => {
                    return Err(args::bad(
                        "play",
                        "options.skipIntegration",
                        "expected true or false",
                    ))
                }
                (other, _) => {
                    return Err(args::bad(
                        "play",
                        "options",
                        &format!(
                            "unknown option '{}' (speed, skipIntegration)",
                            convert::shorten(other)
                        ),
                    ))
                }
            }
        }
        self.shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .play(&scenario, play)
            .map_err(|e| from_sim(named("play", e)))?;
        let timers = self.timers.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            timers::on_play(&timers, resolve, reject);
        });
        timers::run(&self.shared, &self.timers);
        Ok(promise)
    }

    /// Stops the scenario being played (its promise resolves with `stopped: true`); nothing
    /// when none plays.
    pub fn stop(&self) -> JsResult<()> {
        let end = self
            .shared
            .try_borrow_mut()
            .map_err(|_| busy())?
            .host
            .stop();
        if let Some(end) = end {
            timers::settle(&self.timers, end);
        }
        Ok(())
    }

    /// Test and benchmark hook: posts `{ns, v: 1, kind: "event", name, data}` on every open
    /// connection, with `data` exactly as given (neither checked nor converted, so a load test
    /// measures the transport and the client, not the model). `name` must be one of the 13
    /// event names (the 11 the reference lists, `queueDataUpdate`, `teamDataUpdate`).
    /// Returns how many connections it was posted on. The model's state does not change.
    #[wasm_bindgen(js_name = sendEvent)]
    pub fn send_event(&self, name: JsValue, data: JsValue) -> JsResult<u32> {
        let name = args::string("sendEvent", "name", &name)?;
        let Some(event) = EventName::from_name(&name) else {
            return Err(args::bad(
                "sendEvent",
                "name",
                &format!("unknown event name '{}'", convert::shorten(&name)),
            ));
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
    pub fn get_channel(&self, channel_id: JsValue) -> JsResult<JsValue> {
        let channel = args::optional("getChannel", "channelId", &channel_id)?
            .unwrap_or_else(|| "voice".into());
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
    pub fn on_log(&self, listener: JsValue) -> JsResult<u32> {
        let listener = args::function("onLog", "listener", &listener)?;
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let token = s.next_listener;
        s.next_listener += 1;
        s.log_listeners.insert(token, listener);
        s.host.log.notify = true;
        Ok(token)
    }

    /// Removes a log listener.
    #[wasm_bindgen(js_name = offLog)]
    pub fn off_log(&self, token: JsValue) -> JsResult<()> {
        let token = args::whole("offLog", "token", &token, u32::MAX)?;
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
        timers::kill(&self.timers);
        let end = self
            .shared
            .try_borrow_mut()
            .ok()
            .and_then(|mut s| s.host.stop());
        if let Some(end) = end {
            timers::settle(&self.timers, end);
        }
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

impl GadgetSimulator {
    /// Runs a script action, carries out its effects, then notifies log listeners.
    fn perform(&self, action: Action) -> JsResult<serde_json::Value> {
        let method = action.name();
        let result = {
            let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
            s.host.perform(action)
        };
        match result {
            Ok((value, effects)) => {
                self.finish(effects);
                Ok(value)
            }
            Err(e) => Err(from_sim(named(method, e))),
        }
    }

    /// [`Self::perform`] for the actions that return a work-item (or host) id.
    fn perform_id(&self, action: Action) -> JsResult<String> {
        match self.perform(action)? {
            serde_json::Value::String(id) => Ok(id),
            _ => Ok(String::new()),
        }
    }

    /// Registers a checked iframe with the host (once) and announces the host to it.
    fn attach_frame(&self, iframe: HtmlIFrameElement, origin: String) -> JsResult<u32> {
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

    fn finish(&self, effects: Vec<Effect>) {
        transport::apply(&self.shared, effects);
        transport::notify(&self.shared);
        timers::arm(&self.shared, &self.timers);
    }
}

/// A model error as the JS method `method` reports it: `INVALID_ARGUMENT` messages start with
/// the method's name (the model's own start with the argument's).
fn named(method: &str, mut e: cil_simulator::error::SimError) -> cil_simulator::error::SimError {
    if e.code == cil_protocol::ErrorCode::InvalidArgument {
        e.message = format!("{method}: {}", e.message);
    }
    e
}

/// `Ready`, `NotReady` or `Logout`.
fn target(method: &str, state: &str) -> JsResult<TargetState> {
    TargetState::parse(state).ok_or_else(|| {
        args::bad(
            method,
            "state",
            &format!(
                "expected Ready, NotReady or Logout, got '{}'",
                convert::shorten(state)
            ),
        )
    })
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
