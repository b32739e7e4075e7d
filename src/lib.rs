//! connects-cil client shell (placeholder).
