//! The client state machine: one method per input, each returning the effects to perform.
//! The handshake rules it follows are explained in [`crate::handshake`].

use alloc::string::String;
use alloc::vec::Vec;

use cil_protocol::{ErrorCode, Method};

use crate::config::Config;
use crate::digits::push_millis;
use crate::handshake::Link;
use crate::io::{Call, ConnectionChange, Failure, Incoming, Output};
use crate::requests::{Entry, Requests};

/// The client of one `cil` instance. See the crate docs for an example.
#[derive(Debug)]
pub struct Client<P, R> {
    config: Config,
    link: Link,
    attempt: u32,
    next_id: u32,
    requests: Requests<P, R>,
}

type Outputs<P, R> = Vec<Output<P, R>>;

impl<P, R> Client<P, R> {
    /// A client in [`Link::Idle`]; nothing happens until [`start`](Self::start).
    pub fn new(config: Config) -> Self {
        Client {
            config,
            link: Link::Idle,
            attempt: 0,
            next_id: 0,
            requests: Requests::new(),
        }
    }

    /// The client id of the current connection attempt: `<config.client_id>.<attempt>`.
    pub fn client_id(&self) -> String {
        let mut id = self.config.client_id.clone();
        id.push('.');
        push_millis(&mut id, f64::from(self.attempt));
        id
    }

    /// The connection state.
    pub fn link(&self) -> &Link {
        &self.link
    }

    /// Whether the handshake is done and requests go straight out.
    pub fn is_connected(&self) -> bool {
        matches!(self.link, Link::Connected { .. })
    }

    /// How many requests are queued or in flight.
    pub fn outstanding(&self) -> usize {
        self.requests.queued.len() + self.requests.in_flight.len()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The configuration, to adjust before [`start`](Self::start) (changes apply from the next
    /// connection attempt or request on).
    pub fn config_mut(&mut self) -> &mut Config {
        &mut self.config
    }

    /// Starts connecting (design step 1), or tries again after giving up (step 5). Does nothing
    /// while connecting, connected or destroyed.
    pub fn start(&mut self, now: f64) -> Outputs<P, R> {
        let mut out = Vec::new();
        if matches!(self.link, Link::Idle | Link::GaveUp) {
            self.connect(now, &mut out);
        }
        out
    }

    /// The page made a request: send it, queue it until connected, or reject it at once.
    pub fn call(&mut self, call: Call<P, R>, now: f64) -> Outputs<P, R> {
        let mut out = Vec::new();
        if self.link == Link::Destroyed {
            out.push(Output::Settle {
                reply: call.reply,
                result: Err(destroyed(call.method, call.request_id)),
            });
            return out;
        }
        if self.link == Link::GaveUp {
            self.connect(now, &mut out);
        }
        self.next_id = self.next_id.wrapping_add(1);
        let timeout_ms = call.timeout_ms.unwrap_or(self.config.request_timeout_ms);
        let deadline = now + timeout_ms;
        let mut entry = Entry {
            id: self.next_id,
            method: call.method,
            params: None,
            request_id: call.request_id,
            deadline,
            timeout_ms,
            reply: call.reply,
        };
        if self.is_connected() {
            out.push(Output::Send {
                id: entry.id,
                method: entry.method,
                params: call.params,
            });
            self.requests.in_flight.push(entry);
        } else {
            entry.params = Some(call.params);
            self.requests.queued.push(entry);
        }
        if deadline.is_finite() {
            out.push(Output::WakeAt(deadline));
        }
        out
    }

    /// A decoded message arrived from the gadget.
    pub fn receive(&mut self, message: Incoming<P>, now: f64) -> Outputs<P, R> {
        let mut out = Vec::new();
        match (&self.link, message) {
            (Link::Destroyed | Link::Idle, _) => {}
            (_, Incoming::Malformed { reason }) => {
                let mut message = String::from("ignored a malformed message from the gadget: ");
                message.push_str(&reason);
                out.push(Output::ReportError(Failure {
                    code: ErrorCode::MalformedMessage,
                    message,
                    request_id: String::new(),
                }));
            }
            (Link::Connected { .. }, Incoming::Response { id, outcome }) => {
                // Unknown id: a duplicate answer, or one that arrives after its timeout.
                if let Some(entry) = self.requests.take_in_flight(id) {
                    let result = outcome.map_err(|(code, message)| Failure {
                        code,
                        message,
                        request_id: entry.request_id,
                    });
                    out.push(Output::Settle {
                        reply: entry.reply,
                        result,
                    });
                }
            }
            (Link::Connected { .. }, Incoming::Event { name, data }) => {
                out.push(Output::Event { name, data });
            }
            (Link::Connected { host_id }, Incoming::Bye { host_id: gone }) if *host_id == gone => {
                self.lose("bye", now, &mut out);
            }
            (Link::Connected { host_id }, Incoming::Announce { host_id: new })
                if *host_id != new =>
            {
                self.lose("reload", now, &mut out);
            }
            (
                Link::Connected { host_id },
                Incoming::Ack {
                    client_id,
                    host_id: new,
                },
            ) if client_id == self.client_id() => {
                if *host_id == new {
                    out.push(Output::AdoptPort); // design step 4
                } else {
                    // The attempt number moves on, so reconnecting waits for a fresh `ack`.
                    self.lose("reload", now, &mut out);
                }
            }
            (Link::Connecting { .. }, Incoming::Ack { client_id, host_id })
                if client_id == self.client_id() =>
            {
                self.connected(host_id, &mut out);
            }
            (Link::Connecting { .. }, Incoming::Announce { .. }) => {
                out.push(Output::PostSyn {
                    client_id: self.client_id(),
                });
            }
            (Link::GaveUp, Incoming::Announce { .. }) => self.connect(now, &mut out),
            // Responses, events and `bye` while not connected come from a stale port; acks for
            // another client id, `bye`/`announce` of another gadget, and so on are ignored.
            _ => {}
        }
        out
    }

    /// Time passed: retry `syn`, give up connecting, time out requests. Safe to call early.
    pub fn tick(&mut self, now: f64) -> Outputs<P, R> {
        let mut out = Vec::new();
        if let Link::Connecting { deadline, next_syn } = self.link {
            if deadline <= now {
                self.give_up(&mut out);
            } else if next_syn <= now {
                self.link = Link::Connecting {
                    deadline,
                    next_syn: now + self.config.syn_interval_ms,
                };
                out.push(Output::PostSyn {
                    client_id: self.client_id(),
                });
            }
        }
        for entry in self.requests.take_expired(now) {
            let mut message = String::from(entry.method.name());
            message.push_str(": no response from the gadget within ");
            push_millis(&mut message, entry.timeout_ms);
            message.push_str(" ms");
            self.fail(entry, ErrorCode::Timeout, message, true, &mut out);
        }
        let next = self.next_deadline();
        if next.is_finite() {
            out.push(Output::WakeAt(next));
        }
        out
    }

    /// `destroy()`: reject everything with `DESTROYED`, drop the ports, ignore everything after.
    pub fn destroy(&mut self) -> Outputs<P, R> {
        let mut out = Vec::new();
        if self.link == Link::Destroyed {
            return out;
        }
        let was_connecting = matches!(self.link, Link::Connecting { .. } | Link::Idle);
        self.link = Link::Destroyed;
        out.push(Output::DropPorts);
        let queued = core::mem::take(&mut self.requests.queued);
        let in_flight = self.requests.in_flight.take_all();
        for entry in queued.into_iter().chain(in_flight) {
            let failure = destroyed(entry.method, entry.request_id);
            out.push(Output::Settle {
                reply: entry.reply,
                result: Err(failure),
            });
        }
        if was_connecting {
            out.push(Output::ConnectFailed(Failure {
                code: ErrorCode::Destroyed,
                message: "destroy() was called before the connection was made".into(),
                request_id: String::new(),
            }));
        }
        out
    }

    /// The earliest time (ms) at which [`tick`](Self::tick) has something to do.
    pub fn next_deadline(&self) -> f64 {
        let link = match self.link {
            Link::Connecting { deadline, next_syn } => deadline.min(next_syn),
            _ => f64::INFINITY,
        };
        link.min(self.requests.earliest_deadline())
    }

    /// Design step 1 (and 5, 6): post `syn` and arm the connect deadline and the retry.
    fn connect(&mut self, now: f64, out: &mut Outputs<P, R>) {
        let next_syn = now + self.config.syn_interval_ms;
        let deadline = now + self.config.connect_timeout_ms;
        self.link = Link::Connecting { deadline, next_syn };
        out.push(Output::PostSyn {
            client_id: self.client_id(),
        });
        out.push(Output::WakeAt(deadline.min(next_syn)));
    }

    /// Design step 3: adopt the port, tell the page, flush the queue in call order.
    fn connected(&mut self, host_id: String, out: &mut Outputs<P, R>) {
        out.push(Output::AdoptPort);
        out.push(Output::Connection(ConnectionChange {
            connected: true,
            host_id: host_id.clone(),
            reason: None,
        }));
        self.link = Link::Connected { host_id };
        for mut entry in core::mem::take(&mut self.requests.queued) {
            if let Some(params) = entry.params.take() {
                out.push(Output::Send {
                    id: entry.id,
                    method: entry.method,
                    params,
                });
            }
            self.requests.in_flight.push(entry);
        }
    }

    /// Design step 6: the gadget went away (`reason`: "bye" or "reload").
    fn lose(&mut self, reason: &'static str, now: f64, out: &mut Outputs<P, R>) {
        let old = core::mem::replace(&mut self.link, Link::GaveUp);
        let host_id = match old {
            Link::Connected { host_id } => host_id,
            _ => String::new(),
        };
        out.push(Output::DropPorts);
        for entry in self.requests.in_flight.take_all() {
            let mut message = String::from(entry.method.name());
            message.push_str(": the connection to the gadget was lost (");
            message.push_str(if reason == "bye" {
                "the gadget closed it"
            } else {
                "the gadget reloaded"
            });
            message.push_str(") before it answered");
            self.fail(entry, ErrorCode::ConnectionLost, message, true, out);
        }
        out.push(Output::Connection(ConnectionChange {
            connected: false,
            host_id,
            reason: Some(reason),
        }));
        self.attempt = self.attempt.wrapping_add(1);
        self.connect(now, out);
    }

    /// Design step 5: the connect deadline passed.
    fn give_up(&mut self, out: &mut Outputs<P, R>) {
        self.link = Link::GaveUp;
        let mut message = String::from("could not connect to the gadget: no answer from ");
        message.push_str(&self.config.target_label);
        message.push_str(" within ");
        push_millis(&mut message, self.config.connect_timeout_ms);
        message.push_str(" ms (origins tried: ");
        message.push_str(&self.config.origins_label);
        message.push(')');
        if !self.config.connect_hint.is_empty() {
            message.push_str(". ");
            message.push_str(&self.config.connect_hint);
        }
        for entry in core::mem::take(&mut self.requests.queued) {
            let mut why = String::from(entry.method.name());
            why.push_str(": ");
            why.push_str(&message);
            self.fail(entry, ErrorCode::ConnectTimeout, why, true, out);
        }
        out.push(Output::ConnectFailed(Failure {
            code: ErrorCode::ConnectTimeout,
            message,
            request_id: String::new(),
        }));
    }

    /// Rejects one request; `report` also raises a local `error` event.
    fn fail(
        &mut self,
        entry: Entry<P, R>,
        code: ErrorCode,
        message: String,
        report: bool,
        out: &mut Outputs<P, R>,
    ) {
        let failure = Failure {
            code,
            message,
            request_id: entry.request_id,
        };
        if report {
            out.push(Output::ReportError(failure.clone()));
        }
        out.push(Output::Settle {
            reply: entry.reply,
            result: Err(failure),
        });
    }
}

fn destroyed(method: Method, request_id: String) -> Failure {
    let mut message = String::from(method.name());
    message.push_str(": destroy() was called before the gadget answered");
    Failure {
        code: ErrorCode::Destroyed,
        message,
        request_id,
    }
}
