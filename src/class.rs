//! `ConnectsIntegrationLibrary`, the class the page uses, exactly as the 2.7 reference names its
//! methods; the work is done by [`Instance`].
//!
//! Every public method takes `JsValue`s: a page passes anything, and wasm-bindgen's release glue
//! does not check types (a number given to a `String` parameter would corrupt the allocator).
//! Each value is checked here, in Rust, and a wrong one rejects with `INVALID_ARGUMENT` naming
//! the argument; requests always return a Promise. Requests take the reference's positional
//! arguments, then an optional `requestId`, then an optional `{timeout}`, and one more
//! parameter that must stay `undefined` (so that a stray extra argument is an error too).
//!
//! Both styles of the vendor's docs work: `new ConnectsIntegrationLibrary(options)` (connects
//! at once), and the static methods (`ConnectsIntegrationLibrary.initIntegration(cb)`), which
//! use the [default instance](ConnectsIntegrationLibrary::default_instance) (the drop-in's
//! `window.cil`): it takes the page's configuration and connects on first use.
//!
//! A constructor with wrong options does not throw (the reference's sample code has no
//! `try`): it logs the error and makes an instance whose every request and `initIntegration`
//! rejects with that `INVALID_ARGUMENT`, and whose `onError` handlers receive it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use cil_protocol::{validate::ArgError, ErrorCode, EventName, Method};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use crate::describe::describe;
use crate::error::{error_event, CilError};
use crate::handlers::Topic;
use crate::instance::Instance;
use crate::js;
use crate::log::{self, Level};
use crate::options;

/// An instance whose options were wrong: what was wrong.
#[derive(Debug, Clone)]
struct Refused {
    message: String,
}

#[derive(Debug, Clone)]
enum Core {
    Live(Rc<Instance>),
    Refused(Refused),
}

/// The b+s Connects Integration API client: requests returning Promises, `onX` registrations.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ConnectsIntegrationLibrary {
    core: Core,
}

thread_local! {
    /// The default instance (the drop-in's `window.cil`), made on first use of the class's
    /// static methods or of [`ConnectsIntegrationLibrary::default_instance`].
    static DEFAULT: RefCell<Option<(JsValue, Core)>> = const { RefCell::new(None) };
}

/// An instance's core for `options`; a refused one when they are wrong.
fn make(options: &JsValue) -> Core {
    match options::read(options) {
        Ok(settings) => Core::Live(Instance::new(settings)),
        Err(e) => {
            let message = e.message();
            log::write(Level::Error, Level::Error, &message, None);
            Core::Refused(Refused { message })
        }
    }
}

/// The default instance: its JS object and its core.
fn default_core() -> Option<(JsValue, Core)> {
    if let Some(found) = DEFAULT.with(|d| d.try_borrow().ok().and_then(|d| d.clone())) {
        return Some(found);
    }
    let core = make(&JsValue::UNDEFINED);
    let object = JsValue::from(ConnectsIntegrationLibrary { core: core.clone() });
    DEFAULT.with(|d| {
        if let Ok(mut d) = d.try_borrow_mut() {
            *d = Some((object.clone(), core.clone()));
        }
    });
    Some((object, core))
}

/// The support log of an instance whose options were refused: why.
fn refused_log(refused: &Refused) -> crate::support::SupportLog {
    let mut log = crate::support::SupportLog::new(1);
    log.line(Level::Error, &refused.message, None);
    log
}

fn invalid(message: &str) -> CilError {
    CilError::new(message, &ErrorCode::InvalidArgument, "")
}

// The helpers are not inlined: each is shared by many exported methods (and the statics).
impl ConnectsIntegrationLibrary {
    #[inline(never)]
    fn request(&self, method: Method, args: [JsValue; 6]) -> Promise {
        match &self.core {
            Core::Live(instance) => instance.request(method, &args),
            Core::Refused(refused) => Promise::reject(&invalid(&refused.message)),
        }
    }

    #[inline(never)]
    fn on(&self, topic: Topic, handler: JsValue) -> Result<Function, JsValue> {
        let Some(handler) = handler.dyn_ref::<Function>().cloned() else {
            let e = ArgError {
                argument: "handler",
                expected: "a function",
                got: describe(&handler),
            };
            let message = [topic.handler_name(), ": ", &e.message()].concat();
            return Err(invalid(&message).into());
        };
        let instance = match &self.core {
            Core::Live(instance) => instance,
            Core::Refused(refused) => {
                if topic == Topic::Event(EventName::Error) {
                    // The failure happened before the handler existed: it still hears of it.
                    let data = error_event(&refused.message, &ErrorCode::InvalidArgument, "");
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = handler.call1(&JsValue::UNDEFINED, &data);
                    });
                }
                return Ok(Closure::<dyn FnMut()>::new(|| {}).into_js_value().into());
            }
        };
        let token = instance.on(topic, handler);
        let weak: Weak<Instance> = Rc::downgrade(instance);
        let off = Closure::<dyn FnMut()>::new(move || {
            if let Some(instance) = weak.upgrade() {
                instance.off(topic, token);
            }
        });
        Ok(off.into_js_value().into())
    }

    #[inline(never)]
    fn init(&self, callback: JsValue, this: JsValue) -> Promise {
        let ready = match &self.core {
            Core::Live(instance) => instance.ready(),
            Core::Refused(refused) => Promise::reject(&invalid(&refused.message)),
        };
        // Await the connection, then call back: naturally a future.
        wasm_bindgen_futures::future_to_promise(async move {
            wasm_bindgen_futures::JsFuture::from(ready).await?;
            if let Some(callback) = callback.dyn_ref::<Function>() {
                callback.call1(&JsValue::UNDEFINED, &this)?;
            }
            Ok(this)
        })
    }

    /// This instance's JS object: a new handle to the same client (the class cannot see the
    /// object `new` made); for the default instance, `window.cil` itself.
    fn handle(&self) -> JsValue {
        let default = DEFAULT.with(|d| d.try_borrow().ok().and_then(|d| d.clone()));
        if let Some((object, Core::Live(default))) = default {
            if let Core::Live(mine) = &self.core {
                if Rc::ptr_eq(mine, &default) {
                    return object;
                }
            }
        }
        JsValue::from(ConnectsIntegrationLibrary {
            core: self.core.clone(),
        })
    }
}

macro_rules! requests {
    ($($(#[$doc:meta])* $js:literal $method:ident => $which:expr;)*) => {
        #[wasm_bindgen]
        impl ConnectsIntegrationLibrary {
            $(
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js)]
                pub fn $method(&self, a: JsValue, b: JsValue, c: JsValue, d: JsValue, e: JsValue, f: JsValue) -> Promise {
                    self.request($which, [a, b, c, d, e, f])
                }
            )*
        }

        /// The requests' JS names (for the static methods).
        const REQUESTS: &[&str] = &[$($js),*];
    };
}

requests! {
    /// `dialOrConsult(channelId, address, requestId?, {timeout}?)` → `undefined`.
    "dialOrConsult" dial_or_consult => Method::DialOrConsult;
    /// `getChannel(channelId, requestId?, {timeout}?)` → the getChannel object.
    "getChannel" get_channel => Method::GetChannel;
    /// `getReasonCodeList(channelId, reasonType, requestId?, {timeout}?)` → `[{id, label}]`.
    "getReasonCodeList" get_reason_code_list => Method::GetReasonCodeList;
    /// `isUpdateWorkitemDataEnabled(channelId, workitemId, requestId?, {timeout}?)` → boolean.
    "isUpdateWorkitemDataEnabled" is_update_workitem_data_enabled => Method::IsUpdateWorkitemDataEnabled;
    /// `setAgentState(channelId, state, reasonCode?, requestId?, {timeout}?)` → `undefined`.
    "setAgentState" set_agent_state => Method::SetAgentState;
    /// `setWrapupReason(channelId, workitemId, wrapUpReason, requestId?, {timeout}?)` → `undefined`.
    "setWrapupReason" set_wrapup_reason => Method::SetWrapupReason;
    /// `updateWorkitemData(channelId, workitemId, updatedData, requestId?, {timeout}?)` → `undefined`.
    "updateWorkitemData" update_workitem_data => Method::UpdateWorkitemData;
}

macro_rules! registrations {
    ($($js:literal $method:ident => $topic:expr;)*) => {
        #[wasm_bindgen]
        impl ConnectsIntegrationLibrary {
            $(
                /// Registers a handler; returns the function that unregisters it.
                #[wasm_bindgen(js_name = $js)]
                pub fn $method(&self, handler: JsValue) -> Result<Function, JsValue> {
                    self.on($topic, handler)
                }
            )*
        }

        /// The registrations' JS names (for the static methods).
        const REGISTRATIONS: &[&str] = &[$($js),*];
    };
}

registrations! {
    "onAgentStateChange" on_agent_state_change => Topic::Event(EventName::AgentStateChange);
    "onCallVariableChanged" on_call_variable_changed => Topic::Event(EventName::CallVariableChanged);
    "onChannelCreate" on_channel_create => Topic::Event(EventName::CreateChannel);
    "onCreateChannel" on_create_channel => Topic::Event(EventName::CreateChannel);
    "onError" on_error => Topic::Event(EventName::Error);
    "onWorkitemConnect" on_workitem_connect => Topic::Event(EventName::WorkitemConnect);
    "onWorkitemCreate" on_workitem_create => Topic::Event(EventName::WorkitemCreate);
    "onWorkitemEnd" on_workitem_end => Topic::Event(EventName::WorkitemEnd);
    "onWorkitemPause" on_workitem_pause => Topic::Event(EventName::WorkitemPause);
    "onWorkitemResume" on_workitem_resume => Topic::Event(EventName::WorkitemResume);
    "onWorkitemWrapup" on_workitem_wrapup => Topic::Event(EventName::WorkitemWrapup);
    "onWrapupDataChanged" on_wrapup_data_changed => Topic::Event(EventName::WrapupDataChanged);
    "onQueueDataUpdate" on_queue_data_update => Topic::Event(EventName::QueueDataUpdate);
    "onTeamDataUpdate" on_team_data_update => Topic::Event(EventName::TeamDataUpdate);
    "onConnectionChange" on_connection_change => Topic::Connection;
}

#[wasm_bindgen]
impl ConnectsIntegrationLibrary {
    /// `new ConnectsIntegrationLibrary(options)`: starts connecting at once. Options not given
    /// come from the page's configuration ([`crate::page`]).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> ConnectsIntegrationLibrary {
        let core = make(&options);
        if let Core::Live(instance) = &core {
            instance.start();
        }
        ConnectsIntegrationLibrary { core }
    }

    /// The default instance (the drop-in's `window.cil`): the page's configuration, connecting
    /// on first use. Always the same object.
    #[wasm_bindgen(js_name = defaultInstance)]
    pub fn default_instance() -> JsValue {
        default_core().map_or(JsValue::UNDEFINED, |(object, _)| object)
    }

    /// Calls `callback(this)` once connected; the Promise resolves then too (with this
    /// instance), or rejects with the `CilError` that kept it from connecting.
    #[wasm_bindgen(js_name = initIntegration)]
    pub fn init_integration(&self, callback: JsValue) -> Promise {
        self.init(callback, self.handle())
    }

    /// Whether the handshake with the gadget is done.
    #[wasm_bindgen(getter)]
    pub fn connected(&self) -> bool {
        matches!(&self.core, Core::Live(i) if i.connected())
    }

    /// The id of the connected gadget instance (it changes when the gadget reloads).
    #[wasm_bindgen(getter, js_name = hostId)]
    pub fn host_id(&self) -> Option<String> {
        match &self.core {
            Core::Live(instance) => instance.host_id(),
            Core::Refused(_) => None,
        }
    }

    /// Rejects everything pending with `DESTROYED` and removes every listener, port, timer
    /// and handler. Later requests reject with `DESTROYED` too.
    #[wasm_bindgen(js_name = destroy)]
    pub fn destroy_instance(&self) {
        if let Core::Live(instance) = &self.core {
            instance.destroy();
        }
    }

    /// The support log: the last `supportLogSize` (500) log lines and message summaries
    /// (never payloads), oldest first, as `[{time, level, message, data?}]`.
    #[wasm_bindgen(js_name = supportLog)]
    pub fn support_log(&self) -> js_sys::Array {
        match &self.core {
            Core::Live(instance) => instance.support_log(),
            Core::Refused(refused) => refused_log(refused).to_js(),
        }
    }

    /// The support log as text, one line an entry (`<ISO time> <level> <message>`): what a
    /// support case needs attached.
    #[wasm_bindgen(js_name = supportLogText)]
    pub fn support_log_text(&self) -> String {
        match &self.core {
            Core::Live(instance) => instance.support_log_text(),
            Core::Refused(refused) => refused_log(refused).to_text(),
        }
    }

    /// Diagnostic: bytes of WebAssembly linear memory of the cil module.
    #[wasm_bindgen(js_name = wasmMemoryBytes)]
    pub fn wasm_memory_bytes(&self) -> f64 {
        #[cfg(target_arch = "wasm32")]
        {
            core::arch::wasm32::memory_size(0) as f64 * 65536.0
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            0.0
        }
    }
}

/// Gives the class its static methods (static use, as in the vendor's ServiceNow example:
/// `ConnectsIntegrationLibrary.initIntegration(cb)`): each is the instance method of that name
/// bound to the default instance, so a static call is exactly that call on `window.cil`.
///
/// wasm-bindgen names an export by class and JS name, so a static and an instance method of
/// one name cannot both be exported; the statics are set on the class here instead, as bound
/// functions (no Rust closure per static, and nothing that could differ from the method).
pub fn install_statics() {
    let Some((object, _)) = default_core() else {
        return;
    };
    let Some(class) = js::get_named(&object, "constructor") else {
        return;
    };
    let Some(prototype) = js::get_named(&class, "prototype") else {
        return;
    };
    let others: &[&str] = &["initIntegration", "destroy"];
    for name in REQUESTS.iter().chain(REGISTRATIONS).chain(others) {
        let key = js::string(name);
        let method = js_sys::Reflect::get(&prototype, &key).ok();
        if let Some(method) = method.as_ref().and_then(|m| m.dyn_ref::<Function>()) {
            let _ = js_sys::Reflect::set(&class, &key, &method.bind0(&object));
        }
    }
}
