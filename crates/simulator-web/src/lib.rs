//! The simulator host shell (placeholder).
