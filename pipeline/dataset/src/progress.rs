//! Progress of a build, for whoever shows it (the CLI draws a bar on a
//! terminal). The build reports the stage it is in and, in the streaming
//! pass that does most of the work, the documents and text bytes each batch
//! completes. Reporting never changes the output.
//!
//! ```
//! use orbita_dataset::progress::{Progress, ProgressSink};
//! use std::sync::{atomic::{AtomicU64, Ordering}, Arc};
//! #[derive(Default)]
//! struct Count(AtomicU64);
//! impl Progress for Count {
//!     fn stage(&self, _: &'static str, _: u64, _: u64) {}
//!     fn advance(&self, docs: u64, _: u64) { self.0.fetch_add(docs, Ordering::Relaxed); }
//! }
//! let c = Arc::new(Count::default());
//! let sink = ProgressSink::new(c.clone());
//! sink.advance(3, 100);
//! assert_eq!(c.0.load(Ordering::Relaxed), 3);
//! ```

use std::sync::Arc;

/// Receives a build's progress. Called from the build's threads.
pub trait Progress: Send + Sync {
    /// A stage begins; `total` documents (0 when not counted) holding `bytes` of text.
    fn stage(&self, name: &'static str, total: u64, bytes: u64);
    /// `docs` more documents, with `bytes` of text, are done.
    fn advance(&self, docs: u64, bytes: u64);
    /// The build is over (published or failed).
    fn finish(&self) {}
}

/// Where a build reports progress: nowhere by default.
#[derive(Clone, Default)]
pub struct ProgressSink(Option<Arc<dyn Progress>>);

impl ProgressSink {
    /// Reports to `p`.
    pub fn new(p: Arc<dyn Progress>) -> ProgressSink {
        ProgressSink(Some(p))
    }

    /// See [`Progress::stage`].
    pub fn stage(&self, name: &'static str, total: u64, bytes: u64) {
        if let Some(p) = &self.0 {
            p.stage(name, total, bytes);
        }
    }

    /// See [`Progress::advance`].
    pub fn advance(&self, docs: u64, bytes: u64) {
        if let Some(p) = &self.0 {
            p.advance(docs, bytes);
        }
    }

    /// See [`Progress::finish`].
    pub fn finish(&self) {
        if let Some(p) = &self.0 {
            p.finish();
        }
    }
}

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "ProgressSink(reporting)" } else { "ProgressSink(none)" })
    }
}
