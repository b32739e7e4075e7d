//! The gadget simulator model (placeholder).
