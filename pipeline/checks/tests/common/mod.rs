//! The inputs the checks tests build: the dataset tests' small inputs (the seed articles of
//! data/raw plus every 250th UN General Debate speech, each with its delegation as speaker), so
//! the tables have speakers, many years and several sources without a debug build of all
//! 10,952 speeches.

#[path = "../../../dataset/tests/common/mod.rs"]
mod small;

pub use small::repo;
use orbita_dataset::build::{build, BuildConfig};
use std::path::{Path, PathBuf};

/// Builds the small inputs into `tmp` and returns the version directory.
pub fn build_small(tmp: &Path) -> PathBuf {
    let mut cfg = BuildConfig::in_repo(&repo());
    cfg.raw = small::small_raw(&tmp.join("raw"));
    cfg.out = tmp.join("out");
    build(&cfg).unwrap().dir
}
