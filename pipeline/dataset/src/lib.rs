//! orbita's table layer: everything that touches files.
//!
//! - [`schema`]: the table schemas of `schemas/`, checked on write and read;
//! - [`tables`]: row types and their Arrow batches;
//! - [`parquet_io`]: deterministic, hashed Parquet files;
//! - [`manifest`]: the manifest of a version and the committed dataset lock;
//! - [`store`]: atomic dataset versions, `latest`, the build lock;
//! - [`verify`]: re-hashing a version against its manifest;
//! - [`datapackage`]: the version's Frictionless Data Package descriptor;
//! - [`export`]: a version as Hive-style partitioned Parquet for lazy readers;
//! - [`inputs`]: walking the raw corpus and reading reference data;
//! - [`defaults`]: the knowledge base, lexicon and checks embedded at compile time;
//! - [`build`]: the runner that calls the pure stage crates and writes tables;
//! - [`progress`]: what a build reports while it runs (the CLI's progress bar);
//! - [`incremental`]: content-defined batches and the record a rebuild reuses.
//!
//! ```no_run
//! use orbita_dataset::build::{build, BuildConfig};
//! let outcome = build(&BuildConfig::in_repo(std::path::Path::new("."))).unwrap();
//! println!("{}", outcome.dir.display());
//! ```

pub mod build;
pub mod datapackage;
pub mod defaults;
pub mod diff;
pub mod export;
pub mod incremental;
pub mod inputs;
pub mod manifest;
pub mod merge;
pub mod parquet_io;
pub mod policy;
pub mod progress;
pub mod read;
pub mod schema;
pub mod store;
pub mod tables;
pub mod verify;
