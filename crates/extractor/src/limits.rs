//! Bounds on the work spent on one file, shared by the object reader, the content
//! interpreter and the font loader.

/// Largest decoded stream we accept (content, fonts, CMaps): bounds memory on crafted files.
pub const STREAM_LIMIT: usize = 64 * 1024 * 1024;
