//! The connects-cil wire contract (placeholder until the protocol issue lands).
