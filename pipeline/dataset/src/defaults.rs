//! The reference data a build uses unless told otherwise, embedded at
//! compile time (by `pipeline/dataset/build.rs`) from `data/kb`,
//! `data/lexicon`, `checks/` and the model labeller's weights, so that an installed `orbita` or the Python
//! wheel builds any directory from anywhere. The files in the repository stay
//! the source: the next compile embeds whatever they hold. `--kb` and
//! `--lexicon` (a `Some` directory in [`crate::build::BuildConfig`]) override
//! them, and either way the manifest records every file's path and SHA-256,
//! so cache keys and `orbita status` see exactly which data a build used.
//!
//! ```
//! let files = orbita_dataset::defaults::KB;
//! assert!(files.iter().any(|(path, _)| *path == "countries.tsv"));
//! assert!(files.windows(2).all(|w| w[0].0 < w[1].0));
//! ```

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// How errors and logs name the embedded knowledge base.
pub const KB_LABEL: &str = "data/kb (embedded)";
/// The speaker rules (`data/speakers.toml`, see [`orbita_ingest::SpeakerRules`]).
pub const SPEAKERS: &str = include_str!("../../../data/speakers.toml");
/// How errors and logs name the embedded speaker rules.
pub const SPEAKERS_LABEL: &str = "data/speakers.toml (embedded)";
/// How errors and logs name the embedded lexicon.
pub const LEXICON_LABEL: &str = "data/lexicon (embedded)";
/// How errors and logs name the embedded model weights ([`MODEL_WEIGHTS`]).
pub const MODEL_WEIGHTS_LABEL: &str = "pipeline/model/train/weights.tsv (embedded)";
/// The file name the embedded weights have in the manifest's `model` input set (the same as a
/// `weights.tsv` given by path, so the two give the same manifest).
pub const MODEL_WEIGHTS_NAME: &str = "weights.tsv";
/// The embedded diff policy's file name in [`CHECKS`].
pub const DIFF_POLICY: &str = "diff-policy.toml";

/// An embedded table as owned (path, contents) pairs, the shape
/// [`crate::inputs::read_reference`] returns for a directory.
pub fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
}

/// The embedded diff policy's text.
pub fn diff_policy() -> &'static str {
    CHECKS.iter().find(|(p, _)| *p == DIFF_POLICY).map_or("", |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::read_reference;
    use std::path::Path;

    fn repo(rel: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
    }

    // Guards the promise that a build with the embedded data equals a build
    // with --kb data/kb --lexicon data/lexicon: same files, same bytes, same
    // order (hence the same manifest hashes and cache keys).
    #[test]
    fn embedded_reference_data_is_the_repository_directories() {
        for (files, dir) in [(KB, "data/kb"), (LEXICON, "data/lexicon")] {
            let on_disk = read_reference(&repo(dir), &[".tsv", ".csv", ".toml"]).unwrap();
            assert!(!on_disk.is_empty(), "{dir} is empty");
            assert_eq!(owned(files), on_disk, "{dir}");
        }
    }

    #[test]
    fn embedded_speaker_rules_are_the_repository_file() {
        assert_eq!(SPEAKERS, std::fs::read_to_string(repo("data/speakers.toml")).unwrap());
    }

    #[test]
    fn every_rule_file_and_the_policy_are_embedded() {
        let mut sql: Vec<String> = std::fs::read_dir(repo("checks"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        sql.sort();
        let embedded: Vec<&str> = CHECKS.iter().map(|(p, _)| *p).filter(|p| p.ends_with(".sql")).collect();
        assert_eq!(embedded, sql);
        assert_eq!(diff_policy(), std::fs::read_to_string(repo("checks/diff-policy.toml")).unwrap());
    }
}
