//! Isolation: every document is read in a worker process, so that nothing a file does (a
//! panic, an abort on a failed allocation, the OOM killer, an endless loop) can take the batch
//! down with it.
//!
//! `yusuan extract` starts `--jobs` workers (`yusuan worker`, the same binary) and keeps them
//! for the whole batch. A job is a frame on the worker's stdin (path and source); the reply is
//! a frame on its stdout: the document rendered as CSV bytes (`yusuan_exporter::Rendered`).
//! Frames are a little-endian u64 length and the bytes. The parent enforces the deadline from
//! outside (the worker is killed at `--timeout` plus [`GRACE`]) and each worker's address space
//! is limited to `--max-memory` (`setrlimit(RLIMIT_AS)` between fork and exec: set later, the
//! allocator's arenas reserved at start would already hold the memory the limit is about). A worker that dies or is killed
//! gives its document a failed row (`timeout` or `resource_limit`) and is replaced.

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use yusuan_exporter::{render, DocumentRecord, Rendered};
use yusuan_extractor::ErrorKind;
use yusuan_normalizer::vocab::DocumentStatus;

use yusuan_pipeline::{self as pipeline, inputs::Input};

/// Time a worker gets past `--timeout` to report its own timeout before it is killed.
pub const GRACE: Duration = Duration::from_millis(500);
/// Largest frame accepted (a document's rendered output is a few MB at most).
const MAX_FRAME: u64 = 1 << 31;

/// What every worker is told when it starts.
#[derive(Clone, Debug)]
pub struct Config {
    pub timeout: Option<Duration>,
    /// Bytes of address space per worker; 0 = no limit.
    pub max_memory: u64,
    pub excel: bool,
    /// Render each document's review page (`--review`).
    pub review: bool,
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}

/// One frame; None at a clean end of the stream.
fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u64::from_le_bytes(len);
    if len > MAX_FRAME {
        return Err(io::Error::other("frame too large"));
    }
    let mut buf = vec![0u8; len as usize];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

/// A failed document's row, made by the parent (the worker could not make it).
pub fn failed(input: &Input, kind: ErrorKind, message: String, excel: bool) -> Rendered {
    let bytes = pipeline::read_input(&input.path).ok();
    let rec = DocumentRecord {
        source: input.source.clone(),
        sha256: bytes
            .as_ref()
            .map(|b| pipeline::sha256_hex(b))
            .unwrap_or_default(),
        bytes: bytes.as_ref().map_or(0, |b| b.len() as u64),
        pages: 0,
        status: DocumentStatus::Failed,
        error_kind: kind.name().into(),
        error: message,
        millis: 0,
        normalized: None,
        duplicate_of: String::new(),
    };
    render(&rec, excel).unwrap_or_default()
}

/// The row of an input with the same bytes as the earlier input `first`, not read again.
pub fn duplicate(input: &Input, sha256: &str, first: &Input, excel: bool) -> Rendered {
    render(&pipeline::duplicate(input, sha256, first), excel).unwrap_or_default()
}

/// The worker's side: limits itself, then answers jobs until its stdin ends.
pub fn serve(cfg: &Config) -> i32 {
    let mut stdin = BufReader::new(io::stdin().lock());
    // Frames go to a private copy of stdout, and stdout itself becomes stderr: a stray print
    // anywhere in the reading code cannot corrupt the protocol.
    // SAFETY: dup/dup2 on the standard descriptors; the new descriptor is owned by the File.
    let proto = unsafe {
        let fd = libc::dup(1);
        if fd < 0 || libc::dup2(2, 1) < 0 {
            return 3;
        }
        <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd)
    };
    let mut stdout = BufWriter::new(proto);
    loop {
        let (path, source) = match (read_frame(&mut stdin), read_frame(&mut stdin)) {
            (Ok(Some(p)), Ok(Some(s))) => (p, s),
            _ => return 0,
        };
        let input = Input {
            path: PathBuf::from(std::ffi::OsStr::from_bytes(&path)),
            source: String::from_utf8_lossy(&source).into_owned(),
            problem: None,
        };
        // Test hook: a worker that never answers for this source (the parent must kill it).
        if std::env::var("YUSUAN_TEST_WORKER_HANG").is_ok_and(|s| s == input.source) {
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        let mut doc = None;
        let rec = pipeline::process(&input, cfg.timeout, &mut doc);
        let mut rendered = match render(&rec, cfg.excel) {
            Ok(r) => r,
            Err(_) => return 3,
        };
        if cfg.review
            && yusuan_review::write_html(&mut rendered.review, &rec, doc.as_ref()).is_err()
        {
            return 3;
        }
        drop(doc);
        drop(rec);
        let mut buf = Vec::new();
        rendered.encode(&mut buf);
        if write_frame(&mut stdout, &buf)
            .and_then(|_| stdout.flush())
            .is_err()
        {
            return 0;
        }
    }
}

/// Lowers the address-space limit; async-signal-safe (called between fork and exec, so that
/// the limit holds before the allocator reserves its first arena).
fn limit_memory(bytes: u64) {
    // SAFETY: getrlimit/setrlimit on our own process with a valid struct.
    unsafe {
        let mut r = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_AS, &mut r) == 0 {
            r.rlim_cur = (bytes as libc::rlim_t).min(r.rlim_max);
            libc::setrlimit(libc::RLIMIT_AS, &r);
        }
    }
}

/// A running worker process, seen from the parent.
pub struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    replies: Receiver<io::Result<Option<Vec<u8>>>>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
}

impl Worker {
    pub fn spawn(cfg: &Config) -> io::Result<Worker> {
        let exe = std::env::current_exe()?;
        let mut cmd = Command::new(exe);
        cmd.arg("worker")
            .arg("--timeout")
            .arg(cfg.timeout.map_or(0, |t| t.as_secs()).to_string())
            .arg("--max-memory")
            .arg(cfg.max_memory.to_string());
        if cfg.excel {
            cmd.arg("--excel");
        }
        if cfg.review {
            cmd.arg("--review");
        }
        if cfg.max_memory > 0 {
            let bytes = cfg.max_memory;
            // SAFETY: only getrlimit/setrlimit run in the forked child before exec.
            unsafe {
                cmd.pre_exec(move || {
                    limit_memory(bytes);
                    Ok(())
                });
            }
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = BufWriter::new(child.stdin.take().expect("piped stdin"));
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut stderr = child.stderr.take().expect("piped stderr");
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || loop {
            let frame = read_frame(&mut stdout);
            let end = !matches!(frame, Ok(Some(_)));
            if tx.send(frame).is_err() || end {
                break;
            }
        });
        // The worker's messages (a panic's, an allocation failure's): the last few kept.
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                t.extend_from_slice(&buf[..n]);
                let excess = t.len().saturating_sub(4096);
                t.drain(..excess);
            }
        });
        Ok(Worker {
            child,
            stdin,
            replies,
            stderr_tail,
        })
    }

    /// False once the process has ended (a worker is only ever killed while it works, but
    /// the OOM killer may pick an idle one).
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Runs one document. Err: the worker is gone (killed at the deadline, or it died); the
    /// document's failure is returned and the caller starts a new worker.
    pub fn run(&mut self, input: &Input, cfg: &Config) -> Result<Rendered, (ErrorKind, String)> {
        let start = Instant::now();
        let sent = write_frame(&mut self.stdin, input.path.as_os_str().as_bytes())
            .and_then(|_| write_frame(&mut self.stdin, input.source.as_bytes()))
            .and_then(|_| self.stdin.flush());
        let reply = match sent {
            Err(_) => None,
            Ok(()) => match cfg.timeout {
                Some(t) => match self.replies.recv_timeout(t + GRACE) {
                    Ok(r) => Some(r),
                    Err(RecvTimeoutError::Timeout) => {
                        let _ = self.child.kill();
                        let _ = self.child.wait();
                        return Err((
                            ErrorKind::Timeout,
                            format!(
                                "Reading the file took over --timeout ({} s), so it was stopped; a much larger or damaged file can need more time (--timeout SECS).",
                                t.as_secs()
                            ),
                        ));
                    }
                    Err(RecvTimeoutError::Disconnected) => None,
                },
                None => self.replies.recv().ok(),
            },
        };
        if let Some(Ok(Some(frame))) = reply {
            if let Some(r) = Rendered::decode(&frame) {
                return Ok(r);
            }
        }
        let _ = self.child.kill();
        let status = self.child.wait().ok();
        // Let the stderr reader take the worker's last words.
        std::thread::sleep(Duration::from_millis(20));
        let tail =
            String::from_utf8_lossy(&self.stderr_tail.lock().unwrap_or_else(|e| e.into_inner()))
                .into_owned();
        let signal = status.and_then(|s| s.signal());
        let secs = start.elapsed().as_secs_f64();
        if tail.contains("memory allocation of") {
            Err((
                ErrorKind::ResourceLimit,
                format!(
                    "Reading the file needed more memory than --max-memory ({} MiB) allows, so it was stopped after {secs:.1} s; the file is built to exhaust memory or is badly damaged.",
                    cfg.max_memory >> 20
                ),
            ))
        } else {
            Err((
                ErrorKind::ResourceLimit,
                format!(
                    "The worker process reading this file died after {secs:.1} s ({}), most likely out of memory or stack; the file is built to exhaust resources or is badly damaged.",
                    match signal {
                        Some(s) => format!("signal {s}"),
                        None => format!("exit status {:?}", status.and_then(|s| s.code())),
                    }
                ),
            ))
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends the worker's loop; kill it if it is still busy.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
