//! The output folder: one run at a time, everything written into a new generation folder, and
//! that generation published as a whole.
//!
//! ```text
//! OUT/facts.csv        -> .yusuan/current/facts.csv     (and documents.csv, …, tables)
//! OUT/.yusuan/lock     flock(2)ed by the running yusuan, holding its pid
//! OUT/.yusuan/current  -> gen-7                          (the published generation)
//! OUT/.yusuan/gen-7/   facts.csv documents.csv … datapackage.json tables/
//! OUT/.yusuan/staging-8/                                 (this run, while it runs)
//! ```
//!
//! Publishing is [`OutDir::publish`]: staging-N is renamed gen-N, then one `rename(2)` of a
//! new symlink over `current` switches every published path at once; the links in OUT are
//! made once and never change. A kill before the switch leaves the old generation published
//! (and staging-N or gen-N for `--resume`); a kill after it, the new one. No instant shows a
//! mix of two generations, because no published file is ever written in place.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{symlink, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// What OUT holds for users: links into the published generation.
pub const PUBLISHED: &[&str] = &[
    "facts.csv",
    "documents.csv",
    "checks.csv",
    "indicators.csv",
    "performance.csv",
    "unplaced.csv",
    "key_figures.csv",
    "datapackage.json",
    "tables",
    "review",
    "facts.parquet",
    "documents.parquet",
    "checks.parquet",
    "indicators.parquet",
    "performance.parquet",
    "unplaced.parquet",
    "key_figures.parquet",
];
/// The tool's own folder inside OUT.
pub const META: &str = ".yusuan";

pub struct OutDir {
    root: PathBuf,
    meta: PathBuf,
    lock: File,
    /// The folder this run writes into (`.yusuan/staging-N`), created by [`OutDir::open`].
    pub staging: PathBuf,
    number: u64,
}

/// `gen-12` → 12, for the names this module makes.
fn number_of(name: &str) -> Option<u64> {
    ["gen-", "staging-", "current-"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .and_then(|n| n.parse().ok())
}

/// A step of [`OutDir::publish`]: the tests kill the run there (`YUSUAN_TEST_KILL_AT=step`)
/// to show that every step leaves a complete generation published.
fn step(name: &str) {
    if std::env::var_os("YUSUAN_TEST_KILL_AT").is_some_and(|s| s == name) {
        // SAFETY: kill(2) on our own pid, as an external SIGKILL would.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

impl OutDir {
    /// Takes OUT for this run: creates it, locks it (a second run refuses at once, naming the
    /// holder), checks that every published name in it is ours or absent, and creates this
    /// run's staging folder exclusively.
    pub fn open(root: &Path) -> Result<OutDir, String> {
        let fail = |what: &str, e: io::Error| format!("cannot {what} in {}: {e}", root.display());
        fs::create_dir_all(root).map_err(|e| fail("create the folder", e))?;
        let meta = root.join(META);
        match fs::symlink_metadata(&meta) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                "{} is not a folder made by yusuan; move it away or choose another output folder",
                meta.display()
            ))
            }
            Err(_) => match fs::create_dir(&meta) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    return Err(fail("create .yusuan", e))
                }
                _ => {}
            },
        }
        let mut lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(libc::O_NOFOLLOW)
            .open(meta.join("lock"))
            .map_err(|e| fail("open the lock file", e))?;
        // SAFETY: flock(2) on a file descriptor we own.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let mut holder = String::new();
            let _ = lock.read_to_string(&mut holder);
            return Err(format!(
                "{} is in use by another yusuan run (pid {}); wait for it to end or choose another output folder",
                root.display(),
                holder.trim()
            ));
        }
        lock.set_len(0)
            .and_then(|_| write!(lock, "{}", std::process::id()))
            .and_then(|_| lock.flush())
            .map_err(|e| fail("write the lock file", e))?;
        for name in PUBLISHED {
            let path = root.join(name);
            let ours = Path::new(META).join("current").join(name);
            match fs::symlink_metadata(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Ok(m) if m.is_symlink() && fs::read_link(&path).is_ok_and(|t| t == ours) => {}
                _ => {
                    return Err(format!(
                        "{} exists and was not written by yusuan (or by an older version); it is left untouched. Choose another output folder, or move it away",
                        path.display()
                    ))
                }
            }
        }
        let mut number = 1 + fs::read_dir(&meta)
            .map_err(|e| fail("list .yusuan", e))?
            .filter_map(|e| e.ok())
            .filter_map(|e| number_of(&e.file_name().to_string_lossy()))
            .max()
            .unwrap_or(0);
        let staging = loop {
            let s = meta.join(format!("staging-{number}"));
            match fs::create_dir(&s) {
                Ok(()) => break s,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => number += 1,
                Err(e) => return Err(fail("create the staging folder", e)),
            }
        };
        Ok(OutDir {
            root: root.to_path_buf(),
            meta,
            lock,
            staging,
            number,
        })
    }

    fn current_number(&self) -> Option<u64> {
        let target = fs::read_link(self.meta.join("current")).ok()?;
        number_of(&target.to_string_lossy())
    }

    /// Generations `--resume` may read, oldest first: the published one, then any newer one
    /// that an interrupted run left (complete documents only; see the exporter).
    pub fn previous_generations(&self) -> Vec<PathBuf> {
        let current = self.current_number();
        let mut newer: Vec<(u64, PathBuf)> = fs::read_dir(&self.meta)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let n = number_of(&name).filter(|_| !name.starts_with("current-"))?;
                (Some(n) > current && n != self.number).then(|| (n, e.path()))
            })
            .collect();
        newer.sort();
        current
            .map(|n| self.meta.join(format!("gen-{n}")))
            .into_iter()
            .chain(newer.into_iter().map(|(_, p)| p))
            .collect()
    }

    /// Publishes the staging folder as the new generation (see the module docs), then removes
    /// the older generations and leftovers of interrupted runs (only names this module makes,
    /// inside `.yusuan`), and releases the lock.
    pub fn publish(self) -> io::Result<()> {
        sync_dir(&self.staging)?;
        step("staged");
        let generation = format!("gen-{}", self.number);
        fs::rename(&self.staging, self.meta.join(&generation))?;
        step("renamed");
        let link = self.meta.join(format!("current-{}", self.number));
        symlink(&generation, &link)?;
        fs::rename(&link, self.meta.join("current"))?;
        sync_dir(&self.meta)?;
        step("switched");
        for name in PUBLISHED {
            let path = self.root.join(name);
            let target = Path::new(META).join("current").join(name);
            let ours = fs::read_link(&path).is_ok_and(|t| t == target);
            if self.meta.join(&generation).join(name).exists() {
                if fs::symlink_metadata(&path).is_err() {
                    symlink(&target, &path)?;
                }
            } else if ours {
                // A part this run did not write (review/ without --review): no dangling link.
                fs::remove_file(&path)?;
            }
        }
        step("linked");
        for e in fs::read_dir(&self.meta)?.filter_map(|e| e.ok()) {
            let name = e.file_name().to_string_lossy().into_owned();
            if number_of(&name).is_some() && name != generation {
                let p = e.path();
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    fs::remove_dir_all(&p)?;
                } else {
                    fs::remove_file(&p)?;
                }
            }
        }
        step("cleaned");
        // The lock is released when the file closes; an empty lock file says nobody holds it.
        self.lock.set_len(0)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_only_of_our_names() {
        assert_eq!(number_of("gen-12"), Some(12));
        assert_eq!(number_of("staging-3"), Some(3));
        assert_eq!(number_of("current"), None);
        assert_eq!(number_of("lock"), None);
        assert_eq!(number_of("gen-x"), None);
    }
}
