//! The connects-cil client state machine (placeholder).
