//! Code shared by the examples and the crate's tests.
pub mod world;
