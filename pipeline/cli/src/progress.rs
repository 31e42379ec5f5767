//! The build's progress bar: on a terminal, once a build has run for two
//! seconds, stderr shows the stage, documents done of the total, MB/s of
//! text and the time left. Nothing is drawn when stderr is not a terminal
//! (logs, CI, pipes) or for a build that ends sooner.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use orbita_dataset::progress::Progress;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// How long a build runs before the bar appears.
const QUIET_FOR: Duration = Duration::from_secs(2);

/// A progress bar on stderr, drawn only on a terminal and only after [`QUIET_FOR`].
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    /// When the current stage's text started (for MB/s).
    stage_started: Mutex<Instant>,
    bytes: AtomicU64,
    shown: AtomicBool,
    finished: AtomicBool,
    terminal: bool,
}

impl Bar {
    /// A bar for a build that starts now; on a terminal, a timer shows it
    /// after [`QUIET_FOR`] even if no batch has finished by then.
    pub fn start() -> Arc<Bar> {
        let bar = Arc::new(Bar::with_terminal(std::io::stderr().is_terminal()));
        if bar.terminal {
            let weak: Weak<Bar> = Arc::downgrade(&bar);
            std::thread::spawn(move || {
                std::thread::sleep(QUIET_FOR);
                if let Some(b) = weak.upgrade() {
                    b.maybe_show();
                }
            });
        }
        bar
    }

    fn with_terminal(terminal: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix:<22} [{bar:30}] {pos}/{len} documents · {msg} · ETA {eta}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        Bar {
            bar,
            started: Instant::now(),
            stage_started: Mutex::new(Instant::now()),
            bytes: AtomicU64::new(0),
            shown: AtomicBool::new(false),
            finished: AtomicBool::new(false),
            terminal,
        }
    }

    /// Starts drawing once the build has run for [`QUIET_FOR`], on a terminal.
    fn maybe_show(&self) {
        if self.terminal
            && !self.finished.load(Ordering::Relaxed)
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= QUIET_FOR
        {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    fn rate(&self) -> String {
        let secs = self.stage_started.lock().map(|t| t.elapsed().as_secs_f64()).unwrap_or(0.0);
        let mb = self.bytes.load(Ordering::Relaxed) as f64 / 1e6;
        if secs > 0.0 {
            format!("{:.1} MB/s", mb / secs)
        } else {
            "– MB/s".to_string()
        }
    }

    /// Whether the bar is being drawn.
    #[cfg(test)]
    fn is_shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str, total: u64, _bytes: u64) {
        self.bar.set_prefix(name);
        if total > 0 {
            self.bar.set_length(total);
            self.bar.set_position(0);
            self.bar.reset_eta();
            self.bytes.store(0, Ordering::Relaxed);
            if let Ok(mut t) = self.stage_started.lock() {
                *t = Instant::now();
            }
        }
        self.bar.set_message(self.rate());
        self.maybe_show();
    }

    fn advance(&self, docs: u64, bytes: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.bar.inc(docs);
        self.bar.set_message(self.rate());
        self.maybe_show();
    }

    fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Guards the quiet default: output that is not a terminal gets no bar
    // (CI logs, pipes), however long the build runs.
    #[test]
    fn no_bar_when_stderr_is_not_a_terminal() {
        let b = Bar::with_terminal(false);
        let b = Bar { started: Instant::now() - QUIET_FOR * 2, ..b };
        b.stage("split, link, stance", 10, 1000);
        b.advance(5, 500);
        assert!(!b.is_shown());
        assert_eq!(b.bar.position(), 5);
    }

    #[test]
    fn bar_appears_on_a_terminal_only_after_the_quiet_period() {
        let b = Bar::with_terminal(true);
        b.stage("split, link, stance", 10, 1000);
        assert!(!b.is_shown(), "a short build draws nothing");
        let b = Bar { started: Instant::now() - QUIET_FOR * 2, ..Bar::with_terminal(true) };
        b.stage("split, link, stance", 10, 1000);
        b.advance(4, 4_000_000);
        assert!(b.is_shown());
        assert_eq!((b.bar.position(), b.bar.length()), (4, Some(10)));
        assert!(b.rate().ends_with("MB/s"));
        b.finish();
    }
}
