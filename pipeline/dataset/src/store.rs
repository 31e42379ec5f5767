//! Dataset versions on disk: atomic creation, `latest`, and the build lock.
//!
//! Layout of an output directory (default `data/datasets/`):
//!
//! ```text
//! data/datasets/
//!   .lock                      held (flock) by the build that writes here
//!   .staging-<pid>-<n>/        a version being written; never looks complete
//!   <dataset id>/              a complete version, never modified afterwards
//!     documents.parquet …      one file per table
//!     manifest.json            written last, then manifest.json.sha256
//!   latest -> <dataset id>     symlink, replaced atomically
//! ```
//!
//! A version becomes visible only by the rename of its finished staging
//! directory, after every file is synced; `latest` is switched by renaming a
//! new symlink over it. A build killed at any moment leaves at most a
//! `.staging-*` directory, which the next build removes.

use crate::manifest::Manifest;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// File system error with the path.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Another build holds the lock.
    #[error("another orbita build is writing to {dir} (it holds {lock}); wait for it to finish, or use another --out")]
    Locked {
        /// The output directory.
        dir: PathBuf,
        /// The lock file.
        lock: PathBuf,
    },
    /// The path is not a dataset version.
    #[error("{0}: not a dataset version (no manifest.json); pass a version directory, its manifest.json, or an output directory with a `latest` version")]
    NotADataset(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

/// An output directory holding dataset versions.
pub struct Store {
    root: PathBuf,
}

/// The exclusive build lock on a store; released on drop.
pub struct StoreLock {
    _file: File,
}

/// A version being written.
pub struct Staging {
    /// The staging directory; write table files here.
    pub dir: PathBuf,
}

/// Name of the manifest file.
pub const MANIFEST: &str = "manifest.json";
/// Name of the file holding the manifest's SHA-256.
pub const MANIFEST_SHA: &str = "manifest.json.sha256";

impl Store {
    /// Opens (creating if needed) an output directory.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        fs::create_dir_all(root).map_err(io(root))?;
        Ok(Store { root: root.to_path_buf() })
    }

    /// The output directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Takes the build lock. With `wait`, blocks until the other build ends;
    /// otherwise fails at once with [`StoreError::Locked`].
    pub fn lock(&self, wait: bool) -> Result<StoreLock, StoreError> {
        let path = self.root.join(".lock");
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io(&path))?;
        if wait {
            file.lock().map_err(io(&path))?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked { dir: self.root.clone(), lock: path });
                }
                Err(fs::TryLockError::Error(e)) => return Err(StoreError::Io { path, source: e }),
            }
        }
        Ok(StoreLock { _file: file })
    }

    /// Removes what killed builds left behind (staging directories and
    /// half-made `latest` links). Call with the lock held.
    pub fn clean(&self, _lock: &StoreLock) -> Result<Vec<PathBuf>, StoreError> {
        let mut removed = Vec::new();
        for entry in fs::read_dir(&self.root).map_err(io(&self.root))? {
            let entry = entry.map_err(io(&self.root))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with(".staging-") {
                fs::remove_dir_all(&path).map_err(io(&path))?;
                removed.push(path);
            } else if name.starts_with(".latest-") {
                fs::remove_file(&path).map_err(io(&path))?;
                removed.push(path);
            }
        }
        removed.sort();
        Ok(removed)
    }

    /// Starts a new version in a fresh staging directory.
    pub fn begin(&self, _lock: &StoreLock) -> Result<Staging, StoreError> {
        let mut n = 0u32;
        loop {
            let dir = self.root.join(format!(".staging-{}-{n}", std::process::id()));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(Staging { dir }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
                Err(e) => return Err(StoreError::Io { path: dir, source: e }),
            }
        }
    }

    /// Finishes a version: writes the manifest and its hash, syncs, renames
    /// the staging directory to `<dataset id>` and points `latest` at it.
    /// If that version already exists (same tables), it is kept and the
    /// staging directory is removed. Returns the version directory.
    pub fn commit(&self, _lock: &StoreLock, staging: Staging, manifest: &Manifest) -> Result<PathBuf, StoreError> {
        let bytes = manifest.to_bytes();
        let mpath = staging.dir.join(MANIFEST);
        write_synced(&mpath, &bytes)?;
        let digest = crate::inputs::sha256_hex(&bytes);
        write_synced(&staging.dir.join(MANIFEST_SHA), format!("{digest}  {MANIFEST}\n").as_bytes())?;
        sync_dir(&staging.dir)?;
        let id = manifest.dataset_id();
        let target = self.root.join(&id);
        if target.join(MANIFEST).exists() {
            fs::remove_dir_all(&staging.dir).map_err(io(&staging.dir))?;
        } else {
            if target.exists() {
                // A directory without a manifest is not a version: a leftover.
                fs::remove_dir_all(&target).map_err(io(&target))?;
            }
            fs::rename(&staging.dir, &target).map_err(io(&target))?;
        }
        self.point_latest(&id)?;
        Ok(target)
    }
}

impl Store {
    /// The complete version a cache entry points at, made `latest` again;
    /// None when there is no entry or its version is gone or incomplete.
    pub fn reuse(&self, _lock: &StoreLock, entry: &Path) -> Result<Option<PathBuf>, StoreError> {
        let Ok(id) = fs::read_to_string(entry) else { return Ok(None) };
        let id = id.trim();
        if id.is_empty() || id.contains('/') || id.starts_with('.') {
            return Ok(None);
        }
        let dir = self.root.join(id);
        if !dir.join(MANIFEST).is_file() || !dir.join(MANIFEST_SHA).is_file() {
            return Ok(None);
        }
        self.point_latest(id)?;
        Ok(Some(dir))
    }

    /// Records that `entry` (a cache key) built version `id`.
    pub fn remember(&self, _lock: &StoreLock, entry: &Path, id: &str) -> Result<(), StoreError> {
        if let Some(parent) = entry.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let tmp = entry.with_extension("tmp");
        write_synced(&tmp, format!("{id}\n").as_bytes())?;
        fs::rename(&tmp, entry).map_err(io(entry))
    }

    fn point_latest(&self, id: &str) -> Result<(), StoreError> {
        let tmp_link = self.root.join(format!(".latest-{}", std::process::id()));
        let _ = fs::remove_file(&tmp_link);
        std::os::unix::fs::symlink(id, &tmp_link).map_err(io(&tmp_link))?;
        fs::rename(&tmp_link, self.root.join("latest")).map_err(io(&tmp_link))?;
        sync_dir(&self.root)
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = File::create(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir).and_then(|f| f.sync_all()).map_err(io(dir))
}

/// Resolves what a user passed as a dataset: a version directory, its
/// `manifest.json`, or an output directory (its `latest`). Defaults to
/// `data/datasets/latest`.
pub fn resolve(arg: Option<&Path>) -> Result<PathBuf, StoreError> {
    let p = arg.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("data/datasets/latest"));
    let candidates = if p.file_name().is_some_and(|n| n == MANIFEST) {
        vec![p.parent().map(Path::to_path_buf).unwrap_or_default()]
    } else {
        vec![p.clone(), p.join("latest")]
    };
    for c in candidates {
        if c.join(MANIFEST).is_file() {
            return Ok(c);
        }
    }
    Err(StoreError::NotADataset(p))
}
