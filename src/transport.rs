//! The `MessagePort`s of an instance, each with its gloo `EventListener`.
//!
//! After the handshake everything travels on a port the gadget transferred with its `ack`
//! (PROTOCOL.md §3). Two `syn`s can cross one slow answer, so a second `ack` for the same
//! connection may bring a second port: the newest is the one requests go out on and the only
//! one whose events and `bye` count, while older ones may still deliver the responses due on
//! them. A gadget could send `ack`s without end, so at most [`MAX_PORTS`] are kept: adopting
//! another closes the oldest (its listener is dropped, which unregisters it).

use gloo_events::EventListener;
use web_sys::MessagePort;

/// The most ports kept open per instance.
pub const MAX_PORTS: usize = 4;

/// One adopted port.
#[derive(Debug)]
struct Port {
    generation: u32,
    port: MessagePort,
    _listener: EventListener,
}

/// The open ports of an instance, oldest first.
#[derive(Debug, Default)]
pub struct Ports {
    // A Vec, not a VecDeque: it holds at most MAX_PORTS + 1, and the wasm has one ring type less.
    open: Vec<Port>,
    generation: u32,
}

impl Ports {
    /// No ports.
    pub fn new() -> Ports {
        Ports::default()
    }

    /// The generation the next adopted port will have.
    pub fn next_generation(&self) -> u32 {
        self.generation.wrapping_add(1)
    }

    /// The generation of the newest port (the one that speaks for the gadget).
    pub fn current_generation(&self) -> u32 {
        self.generation
    }

    /// Adopts `port`, listened to by `listener`, as the newest; closes the oldest beyond
    /// [`MAX_PORTS`].
    pub fn adopt(&mut self, port: MessagePort, listener: EventListener) {
        self.generation = self.next_generation();
        // A port listened to with addEventListener delivers nothing until started.
        port.start();
        self.open.push(Port {
            generation: self.generation,
            port,
            _listener: listener,
        });
        if self.open.len() > MAX_PORTS {
            let old = self.open.remove(0);
            old.port.close();
        }
    }

    /// The newest port, to send on.
    pub fn current(&self) -> Option<&MessagePort> {
        self.open
            .last()
            .filter(|p| p.generation == self.generation)
            .map(|p| &p.port)
    }

    /// Closes every port and drops its listener.
    pub fn close_all(&mut self) {
        for old in self.open.drain(..) {
            old.port.close();
        }
    }

    /// How many ports are open.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether no port is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}
