//! `orbita`: the command-line tool. A thin layer over the library crates:
//! parse arguments, call one function, print, exit with a code scripts can
//! use (0 ok, 1 a check, verification or diff gate failed, 2 error).

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use orbita_dataset::build::{build, BuildConfig, Keep, LabellerChoice};
use orbita_dataset::incremental::Batching;
use orbita_dataset::manifest::{DatasetLock, Manifest};
use orbita_dataset::store::{resolve, MANIFEST};
use orbita_text::{CharOffsets, Date};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod progress;

// The language stages allocate many small strings across threads; mimalloc
// serves that faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: &str = "\
Examples:
  orbita build                          build data/raw into data/datasets/<id>, point latest at it
  orbita build --raw news/ --out out/ --threads 2
  orbita build --shard 0/2 --out part0 && orbita build --shard 1/2 --out part1 && orbita merge part0 part1
  orbita status                         which stages are stale for the current inputs, and why
  orbita verify                         re-hash data/datasets/latest against its manifest
  orbita check                          schema checks and every rule in checks/*.sql
  orbita diff --lock data/dataset.lock  compare the latest build with the committed lock (policy: checks/diff-policy.toml)
  orbita diff data/datasets/A data/datasets/B --format markdown
  orbita lock                           write data/dataset.lock from the latest build
  orbita report --out build/report      report.html with charts and evidence, plus SVG files
  orbita export --out build/hive        every table as Hive-partitioned Parquet (year=…, target=…) for DuckDB/Spark/pandas
  orbita split article.txt              one JSON object per sentence
  echo 'Bogota recalled its ambassador.' | orbita link - --date 2025-11-20
  orbita stance article.txt --date 2025-10-16";

#[derive(Parser)]
#[command(name = "orbita", version, about = "Country-alignment datasets from news and analysis text.", after_help = EXAMPLES)]
struct Cli {
    /// More log output (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a dataset version from the raw inputs; prints its directory last.
    Build(BuildArgs),
    /// Merge the partial datasets of a sharded build (`build --shard I/N`) into the full dataset.
    Merge {
        /// The partial datasets, one per shard (version directories or their output directories).
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Output directory for the merged version.
        #[arg(long, default_value = "data/datasets")]
        out: PathBuf,
        /// Wait for another build writing to the same --out instead of failing.
        #[arg(long)]
        wait: bool,
    },
    /// Show which stages of the latest version are stale for the current inputs, and why.
    Status(BuildArgs),
    /// Run the schema checks and the rules in checks/ over a dataset version.
    Check {
        /// Version directory, its manifest.json, or an output directory (default data/datasets/latest).
        dataset: Option<PathBuf>,
        /// Directory of SQL rules (default: the checks/*.sql embedded at compile time).
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Re-hash a version's files against its manifest.
    Verify {
        /// Version directory, its manifest.json, or an output directory (default data/datasets/latest).
        dataset: Option<PathBuf>,
    },
    /// Compare two dataset versions, or a version with the committed lock.
    Diff {
        /// Version A (directory or manifest.json); with --lock, the version to compare with the lock.
        a: Option<PathBuf>,
        /// Version B.
        b: Option<PathBuf>,
        /// Compare with this dataset lock instead of a version A.
        #[arg(long)]
        lock: Option<PathBuf>,
        /// Output format.
        #[arg(long, default_value = "text", value_parser = ["text", "json", "markdown"])]
        format: String,
        /// The diff policy; exit 1 when the diff violates it (default: checks/diff-policy.toml embedded at compile time).
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Exit 1 on any difference at all, whatever the policy.
        #[arg(long)]
        exact: bool,
    },
    /// Write the dataset lock from a version and add a changelog entry.
    Lock {
        /// Version directory (default data/datasets/latest).
        dataset: Option<PathBuf>,
        /// The lock file to write.
        #[arg(long, default_value = "data/dataset.lock")]
        lock: PathBuf,
        /// The dataset changelog to append to.
        #[arg(long, default_value = "data/CHANGELOG.md")]
        changelog: PathBuf,
        /// Semantic version to record (default: the old lock's, bumped by what changed).
        #[arg(long)]
        version: Option<String>,
    },
    /// Write the HTML report (and SVG charts) of a dataset version.
    Report {
        /// Version directory (default data/datasets/latest).
        dataset: Option<PathBuf>,
        /// Output directory for report.html and the chart files.
        #[arg(long, default_value = "build/report")]
        out: PathBuf,
        /// Knowledge base directory, for display names (default: data/kb embedded at compile time).
        #[arg(long)]
        kb: Option<PathBuf>,
    },
    /// Write a version's tables as Hive-style partitioned Parquet (DIR/<table>/<key>=<value>/part-0.parquet).
    Export {
        /// Version directory, its manifest.json, an output directory, a dataset id or `latest` (default data/datasets/latest).
        dataset: Option<PathBuf>,
        /// The export directory to create (written beside it, renamed into place when complete).
        #[arg(long)]
        out: PathBuf,
        /// Directory layout.
        #[arg(long, default_value = "hive", value_parser = ["hive"])]
        layout: String,
        /// Worker threads, one table each (0: one per core); the bytes do not depend on it.
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Replace an existing export at --out.
        #[arg(long)]
        force: bool,
    },
    /// Split text into sentences: one JSON object per sentence (character offsets).
    Split {
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
    },
    /// Link mentions of countries, capitals, leaders and organisations.
    Link {
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// Document date (YYYY-MM-DD), for leaders' terms.
        #[arg(long)]
        date: Option<String>,
        /// Knowledge base directory (default: data/kb embedded at compile time).
        #[arg(long)]
        kb: Option<PathBuf>,
    },
    /// Label stances: one JSON object per stance record.
    Stance {
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// Document date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Knowledge base directory (default: data/kb embedded at compile time).
        #[arg(long)]
        kb: Option<PathBuf>,
        /// Stance lexicon directory (default: data/lexicon embedded at compile time).
        #[arg(long)]
        lexicon: Option<PathBuf>,
    },
}

/// The stance labeller of a build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum LabellerArg {
    /// The lexicon-and-rules labeller.
    Rules,
    /// The learned labeller (orbita-model).
    Model,
    /// Per kind of document: the learned labeller where a document has a speaker (official
    /// speech), the rules elsewhere (the default).
    Auto,
}

#[derive(Args)]
struct BuildArgs {
    /// Raw input directory.
    #[arg(long, default_value = "data/raw")]
    raw: PathBuf,
    /// Output directory for dataset versions.
    #[arg(long, default_value = "data/datasets")]
    out: PathBuf,
    /// Knowledge base directory (default: data/kb embedded at compile time).
    #[arg(long)]
    kb: Option<PathBuf>,
    /// Stance lexicon directory (default: data/lexicon embedded at compile time).
    #[arg(long)]
    lexicon: Option<PathBuf>,
    /// Speaker rules: who speaks for a document, by source metadata (default: data/speakers.toml embedded at compile time).
    #[arg(long)]
    speakers: Option<PathBuf>,
    /// Stance labeller: `auto` (the learned labeller where a document has a speaker,
    /// the rules elsewhere), `rules` (the lexicon and rules) or `model` (the learned
    /// labeller everywhere, on top of the rules).
    #[arg(long, value_enum, default_value_t = LabellerArg::Auto)]
    labeller: LabellerArg,
    /// Weights of the model labeller, with --labeller model or auto (default:
    /// pipeline/model/train/weights.tsv embedded at compile time).
    #[arg(long)]
    model_weights: Option<PathBuf>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Exit with code 1 when any input is rejected.
    #[arg(long)]
    strict: bool,
    /// Wait for another build writing to the same --out instead of failing.
    #[arg(long)]
    wait: bool,
    /// Largest accepted document in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_document_bytes: usize,
    /// Most input files accepted.
    #[arg(long, default_value_t = 10_000_000)]
    max_files: usize,
    /// Build shard I of N (0-based, e.g. 2/8) into a partial dataset; `orbita merge` combines them.
    #[arg(long, value_parser = parse_shard)]
    shard: Option<(u32, u32)>,
    /// Text bytes a batch aims at (default 4 MiB); other values write other
    /// row groups. For tests that need many batches from a small corpus.
    #[arg(long, hide = true)]
    batch_bytes: Option<usize>,
    /// Memory, in bytes, for inputs kept between passes so that they are
    /// read and parsed once (default: 512 MiB of input, 512 MiB of parsed
    /// text); lower it to use less memory. Never changes the output.
    #[arg(long)]
    keep_bytes: Option<usize>,
}

fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let (i, n) = s.split_once('/').ok_or("expected I/N, e.g. 0/4")?;
    let (i, n): (u32, u32) = (i.parse().map_err(|_| "I is not a number")?, n.parse().map_err(|_| "N is not a number")?);
    if n == 0 || i >= n {
        return Err(format!("shard {i}/{n}: need 0 <= I < N"));
    }
    Ok((i, n))
}

fn main() -> ExitCode {
    // The allocator asks for transparent huge pages; with the many short-lived
    // buffers of a build, zeroing 2 MiB pages on every fault cost more system
    // time than the TLB saves (BENCHMARKS.md). Best effort: a kernel without
    // the setting just keeps its default.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = Cli::parse();
    let level = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, `: `-separated, skipping a cause whose text
/// the message before it already includes.
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Build(a) => cmd_build(a),
        Command::Status(a) => cmd_status(a),
        Command::Merge { parts, out, wait } => {
            let parts: Vec<PathBuf> = parts.iter().map(|p| resolve(Some(p))).collect::<Result<_, _>>()?;
            let outcome = orbita_dataset::merge::merge(&parts, &out, wait).context("merge failed")?;
            let acc = &outcome.manifest.accounting;
            eprintln!(
                "merged {} shards: {} records = {} documents + {} duplicates + {} rejects{}",
                parts.len(),
                acc.records_seen,
                acc.documents,
                acc.duplicates,
                acc.rejects,
                if acc.balanced() { "" } else { "  (UNBALANCED: some input is unaccounted for)" }
            );
            println!("{}", outcome.dir.display());
            Ok(if acc.balanced() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Check { dataset, rules } => cmd_check(dataset.as_deref(), rules.as_deref()),
        Command::Verify { dataset } => cmd_verify(dataset.as_deref()),
        Command::Diff { a, b, lock, format, policy, exact } => {
            cmd_diff(a.as_deref(), b.as_deref(), lock.as_deref(), &format, policy.as_deref(), exact)
        }
        Command::Lock { dataset, lock, changelog, version } => cmd_lock(dataset.as_deref(), &lock, &changelog, version),
        Command::Report { dataset, out, kb } => cmd_report(dataset.as_deref(), &out, kb.as_deref()),
        Command::Export { dataset, out, layout: _, threads, force } => cmd_export(dataset.as_deref(), out, threads, force),
        Command::Split { file } => cmd_split(&file),
        Command::Link { file, date, kb } => cmd_link(&file, date.as_deref(), kb.as_deref()),
        Command::Stance { file, date, kb, lexicon } => cmd_stance(&file, date.as_deref(), kb.as_deref(), lexicon.as_deref()),
    }
}

fn build_config(a: &BuildArgs) -> BuildConfig {
    BuildConfig {
        raw: a.raw.clone(),
        out: a.out.clone(),
        kb: a.kb.clone(),
        lexicon: a.lexicon.clone(),
        speakers: a.speakers.clone(),
        labeller: match a.labeller {
            LabellerArg::Rules => LabellerChoice::Rules,
            LabellerArg::Model => LabellerChoice::Model { weights: a.model_weights.clone() },
            LabellerArg::Auto => LabellerChoice::Auto { weights: a.model_weights.clone() },
        },
        threads: a.threads,
        max_document_bytes: a.max_document_bytes,
        max_files: a.max_files,
        wait: a.wait,
        shard: a.shard,
        batching: a.batch_bytes.map(Batching::with_target_bytes).unwrap_or_default(),
        keep: a.keep_bytes.map(|n| Keep { raw: n, parsed: n }).unwrap_or_default(),
        progress: Default::default(),
    }
}

fn cmd_status(a: BuildArgs) -> Result<ExitCode> {
    let cfg = build_config(&a);
    let (latest, stages) = orbita_dataset::build::status(&cfg)?;
    match &latest {
        Some(d) => println!("latest: {}", d.display()),
        None => println!("latest: none in {}", cfg.out.display()),
    }
    for s in &stages {
        if s.fresh {
            println!("  {:<10} fresh ({} batches)", s.name, s.batches);
        } else {
            println!("  {:<10} STALE: {}", s.name, s.reasons.join("; "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_build(a: BuildArgs) -> Result<ExitCode> {
    let mut cfg = build_config(&a);
    cfg.progress = orbita_dataset::progress::ProgressSink::new(progress::Bar::start());
    if !cfg.raw.is_dir() {
        bail!("{}: the raw input directory does not exist", cfg.raw.display());
    }
    let outcome = build(&cfg).context("build failed")?;
    let acc = &outcome.manifest.accounting;
    let mut err = std::io::stderr().lock();
    if outcome.reused {
        writeln!(err, "nothing changed since {}: reused it", outcome.dir.display())?;
    }
    for r in outcome.rejects.iter().take(50) {
        let at = match (r.record, r.byte_offset) {
            (0, None) => String::new(),
            (0, Some(o)) => format!(" (byte {o})"),
            (l, None) => format!(":{l}"),
            (l, Some(o)) => format!(":{l} (byte {o})"),
        };
        writeln!(err, "rejected {}{at}: {} [{}]", r.path, r.reason, r.code)?;
    }
    if outcome.rejects.len() > 50 {
        writeln!(err, "… and {} more rejects (see the rejects table)", outcome.rejects.len() - 50)?;
    }
    // A shard accounts for its share only; `orbita merge` checks the whole.
    let balanced = acc.balanced() || outcome.manifest.shard.is_some();
    match &outcome.manifest.shard {
        Some(shard) => writeln!(
            err,
            "shard {shard} of {} files, {} records: {} documents + {} duplicates + {} rejects",
            acc.files_seen, acc.records_seen, acc.documents, acc.duplicates, acc.rejects
        )?,
        None => writeln!(
            err,
            "inputs: {} files, {} records = {} documents + {} duplicates + {} rejects{}",
            acc.files_seen,
            acc.records_seen,
            acc.documents,
            acc.duplicates,
            acc.rejects,
            if balanced { "" } else { "  (UNBALANCED: some input is unaccounted for)" }
        )?,
    }
    for (name, t) in &outcome.manifest.tables {
        writeln!(err, "  {name:<10} {:>9} rows  {}", t.rows, &t.sha256[..16])?;
    }
    if !outcome.reused {
        let w = &outcome.work;
        writeln!(
            err,
            "batches: {} copied, {} relinked, {} computed; {} of {} input files parsed; {} relinked batches kept their stances (same mentions)",
            w.copied, w.relinked, w.computed, w.files_parsed, acc.files_seen, w.stances_kept
        )?;
    }
    let timings: Vec<String> = outcome.timings.iter().map(|(s, t)| format!("{s} {t:.2}s")).collect();
    writeln!(err, "timings: {}", timings.join(" · "))?;
    println!("{}", outcome.dir.display());
    if !balanced || (a.strict && acc.rejects > 0) {
        if a.strict && acc.rejects > 0 {
            writeln!(err, "--strict: {} inputs were rejected", acc.rejects)?;
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_verify(dataset: Option<&Path>) -> Result<ExitCode> {
    let export = dataset.filter(|d| d.join(orbita_dataset::export::EXPORT_MANIFEST).is_file());
    let dir = match export {
        Some(d) => d.to_path_buf(),
        None => resolve(dataset)?,
    };
    let problems = match export {
        Some(d) => orbita_dataset::export::verify_export(d, true),
        None => orbita_dataset::verify::verify(&dir, true),
    };
    if problems.is_empty() {
        println!("verified {}: every file matches its manifest", dir.display());
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &problems {
            println!("FAIL {p}");
        }
        println!("{} problems in {}", problems.len(), dir.display());
        Ok(ExitCode::from(1))
    }
}

fn cmd_check(dataset: Option<&Path>, rules_dir: Option<&Path>) -> Result<ExitCode> {
    let dir = resolve(dataset)?;
    let mut failed = 0usize;
    // Schema checks: every table is read back and compared with schemas/.
    for p in orbita_dataset::verify::verify(&dir, true) {
        println!("FAIL verify: {p}");
        failed += 1;
    }
    let mut rules = orbita_checks::schema_rules();
    match rules_dir {
        Some(d) => rules.extend(orbita_checks::load_rules(d)?),
        None => rules.extend(orbita_checks::embedded_rules()),
    }
    let results = orbita_checks::run_rules(&dir, &rules);
    for r in &results {
        if r.passed() {
            println!("ok   {}", r.rule.name);
        } else if let Some(e) = &r.error {
            failed += 1;
            println!("FAIL {} ({}): the rule could not run: {e}", r.rule.name, r.rule.file);
        } else {
            failed += 1;
            println!("FAIL {} ({}): {} offending rows — {}", r.rule.name, r.rule.file, r.failures, r.rule.why);
            for line in r.sample.lines() {
                println!("     {line}");
            }
        }
    }
    println!("{} passed, {} failed", results.iter().filter(|r| r.passed()).count(), failed);
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let bytes = std::fs::read(&path).with_context(|| format!("{}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{}: not a valid manifest", path.display()))
}

fn read_lock(path: &Path) -> Result<DatasetLock> {
    let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{}: not a valid dataset lock", path.display()))
}

fn cmd_diff(a: Option<&Path>, b: Option<&Path>, lock: Option<&Path>, format: &str, policy: Option<&Path>, exact: bool) -> Result<ExitCode> {
    use orbita_dataset::diff;
    let policy = match policy {
        Some(p) => orbita_dataset::policy::Policy::load(p),
        None => orbita_dataset::policy::Policy::embedded(),
    }
    .map_err(anyhow::Error::msg)?;
    let d = match lock {
        Some(lock) => {
            if b.is_some() {
                bail!("with --lock, give one dataset (the build to compare with the lock)");
            }
            let dir = resolve(a)?;
            let locked = read_lock(lock)?;
            diff_with_lock(&locked, &dir, policy.score_threshold)?
        }
        None => {
            let (Some(a), Some(b)) = (a, b) else { bail!("give two datasets A and B, or --lock FILE [DATASET]") };
            diff::diff_versions(&resolve(Some(a))?, &resolve(Some(b))?, policy.score_threshold)?
        }
    };
    let violations = policy.violations(&d);
    match format {
        "json" => {
            let v = serde_json::json!({"diff": &d, "violations": &violations, "empty": d.is_empty()});
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        "markdown" => {
            print!("{}", diff::render_markdown(&d));
            if !violations.is_empty() {
                println!("\n**Policy violations**\n");
                for v in &violations {
                    println!("- {v}");
                }
            }
        }
        _ => {
            print!("{}", diff::render_text(&d));
            for v in &violations {
                println!("POLICY VIOLATION: {v}");
            }
            if lock.is_some() && !d.is_empty() {
                println!("The build differs from the lock. If the change is intended, run `make lock` and commit data/dataset.lock and data/CHANGELOG.md.");
            }
        }
    }
    Ok(if !violations.is_empty() || (exact && !d.is_empty()) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i32).to_string()
}

/// A build against the lock: row by row when the locked version is still on
/// disk beside the build, else from the lock's hashes, counts and alignment
/// snapshot.
fn diff_with_lock(locked: &DatasetLock, dir: &Path, threshold: f64) -> Result<orbita_dataset::diff::DatasetDiff> {
    use orbita_dataset::diff;
    let local = dir
        .parent()
        .map(|p| p.join(&locked.dataset))
        .filter(|p| read_manifest(p).is_ok_and(|m| DatasetLock::from_manifest(&m, "", Default::default()).tables == locked.tables));
    Ok(match local {
        Some(old) => diff::diff_versions(&old, dir, threshold)?,
        None => diff::diff_lock(locked, dir, threshold)?,
    })
}

fn cmd_lock(dataset: Option<&Path>, lock: &Path, changelog: &Path, version: Option<String>) -> Result<ExitCode> {
    use orbita_dataset::{diff, policy};
    let dir = resolve(dataset)?;
    let problems = orbita_dataset::verify::verify(&dir, false);
    if !problems.is_empty() {
        bail!("{} does not verify, refusing to lock it: {}", dir.display(), problems.join("; "));
    }
    let manifest = read_manifest(&dir)?;
    let old = read_lock(lock).ok();
    let (summary, bump) = match &old {
        Some(l) => {
            let d = diff_with_lock(l, &dir, policy::Policy::default().score_threshold)?;
            (diff::render_markdown(&d), policy::bump(&d))
        }
        None => ("First locked version.\n".to_string(), policy::Bump::Minor),
    };
    let version = match (version, &old) {
        (Some(v), _) => v,
        (None, Some(l)) => policy::next_version(&l.version, bump),
        (None, None) => "0.1.0".to_string(),
    };
    let new = DatasetLock::from_manifest(&manifest, &version, diff::alignment_snapshot(&dir)?);
    if old.as_ref().is_some_and(|l| l.tables == new.tables && l.alignment == new.alignment) {
        println!("{} already matches {} (version {})", lock.display(), dir.display(), new.version);
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::write(lock, new.to_bytes()).with_context(|| format!("{}", lock.display()))?;
    let mut log = std::fs::read_to_string(changelog).unwrap_or_else(|_| {
        "# Dataset changelog\n\nEvery locked dataset version, newest first: schema change → major, new data → minor, corrections → patch.\n".to_string()
    });
    let entry = format!("\n## {version} — {} — dataset `{}`\n\n{summary}", today(), new.dataset);
    let insert_at = log.find("\n## ").unwrap_or(log.len());
    log.insert_str(insert_at, &entry);
    std::fs::write(changelog, log).with_context(|| format!("{}", changelog.display()))?;
    println!("wrote {} (dataset {}, version {version}) and a {} entry", lock.display(), new.dataset, changelog.display());
    Ok(ExitCode::SUCCESS)
}

fn read_input(file: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
    } else {
        bytes = std::fs::read(file).with_context(|| file.to_string())?;
    }
    String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("{file}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

fn parse_date(date: Option<&str>) -> Result<Option<Date>> {
    date.map(|d| Date::parse(d).map_err(anyhow::Error::from)).transpose()
}

fn load_kb(dir: Option<&Path>) -> Result<orbita_link::Kb> {
    Ok(orbita_dataset::build::load_kb_from(dir)?.1)
}

fn cmd_split(file: &str) -> Result<ExitCode> {
    let text = read_input(file)?;
    let mut conv = CharOffsets::new(&text);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in orbita_split::split(&text) {
        let (start, end) = (conv.to_char(s.start), conv.to_char(s.end));
        let v = serde_json::json!({"start": start, "end": end, "text": &text[s]});
        writeln!(out, "{v}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_link(file: &str, date: Option<&str>, kb: Option<&Path>) -> Result<ExitCode> {
    let text = read_input(file)?;
    let date = parse_date(date)?;
    let kb = load_kb(kb)?;
    let linker = orbita_link::Linker::new(&kb);
    let sentences = orbita_split::split(&text);
    let mut conv = CharOffsets::new(&text);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for m in linker.link(&text, &sentences, date) {
        let v = serde_json::json!({
            "start": conv.to_char(m.span.start), "end": conv.to_char(m.span.end), "surface": m.surface,
            "entity_id": m.entity_id, "kind": m.kind.as_str(), "country": m.country,
            "confidence": m.confidence, "method": m.method.as_str(), "sentence": m.sentence,
        });
        writeln!(out, "{v}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_stance(file: &str, date: Option<&str>, kb: Option<&Path>, lexicon: Option<&Path>) -> Result<ExitCode> {
    use orbita_stance::Labeller;
    let text = read_input(file)?;
    let date = parse_date(date)?;
    let kb = load_kb(kb)?;
    let linker = orbita_link::Linker::new(&kb);
    let (_, labeller) = orbita_dataset::build::load_lexicon_from(lexicon)?;
    let sentences = orbita_split::split(&text);
    let mentions = linker.link(&text, &sentences, date);
    let view = orbita_stance::DocView { text: &text, sentences: &sentences, mentions: &mentions, date, speaker: None };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut stances = labeller.label(&view);
    orbita_stance::place_by_offices(&view, &mut stances, &|q| orbita_dataset::build::office_terms(&linker, q));
    for s in stances {
        let mut conv = CharOffsets::new(&text);
        let v = serde_json::json!({
            "sentence": s.sentence, "actor": s.actor, "target": s.target, "label": s.label,
            "confidence": s.confidence, "cue": s.cue, "negated": s.negated, "hedged": s.hedged,
            "year_from": s.year_from, "year_to": s.year_to, "attributed_to": s.attributed_to,
            "evidence_start": conv.to_char(s.evidence.start), "evidence_end": conv.to_char(s.evidence.end),
            "evidence": &text[s.evidence.clone()], "labeller": labeller.name(), "labeller_version": labeller.version(),
        });
        writeln!(out, "{v}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_report(dataset: Option<&Path>, out: &Path, kb: Option<&Path>) -> Result<ExitCode> {
    let dir = resolve(dataset)?;
    let manifest = read_manifest(&dir)?;
    let rows = orbita_dataset::read::alignment(&dir)?;
    let refs: std::collections::BTreeSet<(String, u32)> =
        rows.iter().flat_map(|r| r.evidence.iter().cloned()).collect();
    let mut stances = orbita_dataset::read::sentence_stances(&dir, &refs)?;
    let sentences = orbita_dataset::read::sentences(&dir, &refs)?
        .into_iter()
        .map(|s| orbita_report::EvidenceSentence {
            stances: stances.remove(&(s.doc_id.clone(), s.sentence)).unwrap_or_default(),
            doc_id: s.doc_id,
            sentence: s.sentence,
            text: s.text,
            title: s.title.unwrap_or_default(),
            url: s.url.unwrap_or_default(),
            source: s.source.unwrap_or_default(),
        })
        .collect();
    let kb = load_kb(kb)?;
    let mut names = std::collections::BTreeMap::new();
    for r in &rows {
        for id in [&r.country, &r.target] {
            if let Some(n) = kb.name(id) {
                names.insert(id.clone(), n.to_string());
            }
        }
    }
    let data = orbita_report::ReportData {
        title: "orbita: country alignment".to_string(),
        subtitle: format!(
            "dataset {} · {} documents · {} stances",
            manifest.dataset_id(),
            manifest.tables.get("documents").map_or(0, |t| t.rows),
            manifest.tables.get("stances").map_or(0, |t| t.rows)
        ),
        rows,
        sentences,
        names,
    };
    let report = orbita_report::render(&data);
    std::fs::create_dir_all(out).with_context(|| format!("{}", out.display()))?;
    let html = out.join("report.html");
    std::fs::write(&html, &report.html).with_context(|| format!("{}", html.display()))?;
    for (name, svg) in &report.files {
        let p = out.join(name);
        std::fs::write(&p, svg).with_context(|| format!("{}", p.display()))?;
    }
    println!("{}", html.display());
    Ok(ExitCode::SUCCESS)
}

fn cmd_export(dataset: Option<&Path>, out: PathBuf, threads: usize, force: bool) -> Result<ExitCode> {
    // `latest` or a bare dataset id name a version of data/datasets.
    let named = dataset.filter(|d| !d.exists() && d.components().count() == 1).map(|d| Path::new("data/datasets").join(d));
    let dir = resolve(named.as_deref().or(dataset))?;
    let started = std::time::Instant::now();
    let cfg = orbita_dataset::export::ExportConfig { dataset: dir.clone(), out, threads, force };
    let outcome = orbita_dataset::export::export(&cfg).context("export failed")?;
    let mut err = std::io::stderr().lock();
    for (name, t) in &outcome.manifest.tables {
        let bytes: u64 = t.files.iter().map(|f| f.bytes).sum();
        let key = t.partition_key.as_deref().map_or("not partitioned".to_string(), |k| format!("by {k}"));
        writeln!(err, "  {name:<10} {:>9} rows  {:>4} files  {:>11} bytes  {key}", t.rows, t.files.len(), bytes)?;
    }
    writeln!(err, "exported dataset {} in {:.2}s", outcome.manifest.dataset, started.elapsed().as_secs_f64())?;
    println!("{}", outcome.dir.display());
    Ok(ExitCode::SUCCESS)
}
