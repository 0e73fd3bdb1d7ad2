//! Helpers shared by the end-to-end tests (each test file includes this module).
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use phiscrub::{Engine, EngineConfig};

/// One engine per test binary (building it compiles every dictionary).
pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(EngineConfig::default()).expect("engine builds"))
}

/// What the CLI writes without a session: the default `safe-harbor` policy.
pub fn cli_redact(text: &str) -> phiscrub::Redacted {
    static P: OnceLock<phiscrub::policy::Policy> = OnceLock::new();
    let p = P.get_or_init(|| phiscrub::policy::Policy::builtin("safe-harbor").expect("builtin"));
    engine().redact_with(text, p).expect("no session needed")
}

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_phiscrub"))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary with `args`, feeding `stdin`, and collects its output.
pub fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn phiscrub");
    let mut sin = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || {
        let _ = sin.write_all(&data);
        drop(sin);
    });
    let out = child.wait_with_output().expect("wait phiscrub");
    writer.join().unwrap();
    out
}

pub fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run phiscrub")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir` (relative path -> bytes), sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                walk(root, &p, out);
            } else if ft.is_file() {
                let bytes = std::fs::read(&p).unwrap_or_default();
                out.push((p.strip_prefix(root).unwrap().to_path_buf(), bytes));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Every file name under `dir`, recursively (relative paths).
pub fn list_files(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir).into_iter().map(|(p, _)| p).collect()
}

/// A block of synthetic clinical notes with identifiers and paragraph breaks.
pub const NOTES: &[&str] = &[
    "Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.\n",
    "Pt is a 92 y/o woman, MRN: 00412345, daughter Mary at bedside.\n",
    "Emergency contact: Jacob Black, son, cell +1-215-555-6410\n\n",
    "Reconciled by: Duc Page, RN 2/5/2015 00:30\nRemote login from IP 33.192.112.80 by D. Page.\n",
    "Vitals stable overnight. Continue current regimen; reassess in the morning.\n\n",
    "ADDENDUM 2/7: Ahmed Hamilton re-examined; catheter removed without incident.\n",
    "Follow-up with Dr. Kang on March 14, 2023 at the clinic. Email j.smith@example.org.\n\n",
];

/// `n` bytes (at least) of repeated notes; the result is cut at a note boundary.
pub fn generated_text(min_len: usize) -> String {
    let mut s = String::with_capacity(min_len + 256);
    let mut i = 0;
    while s.len() < min_len {
        s.push_str(NOTES[i % NOTES.len()]);
        i += 1;
    }
    s
}

/// Like `generated_text` but without any blank line (one long paragraph).
pub fn generated_text_no_blank_lines(min_len: usize) -> String {
    let mut s = String::with_capacity(min_len + 256);
    let mut i = 0;
    while s.len() < min_len {
        s.push_str(NOTES[i % NOTES.len()].trim_end_matches('\n'));
        s.push('\n');
        i += 1;
    }
    s
}

/// True if `got` is the redaction of the first k complete segments of `text` (k >= 0), where
/// the segment that ends at `text.len()` is not complete (the input continued past it).
/// Each segment is redacted once (detection never crosses segments).
/// Whether `got` is the CLI's (safe-harbor) redaction of whole segments of `text`.
pub fn is_complete_segments_prefix(text: &str, got: &str) -> bool {
    complete_segments_prefix_with(text, got, |t| cli_redact(t).text)
}

/// Whether `got` is the library's (`Engine::redact`, tags) redaction of whole segments of `text`.
pub fn is_complete_segments_prefix_tags(text: &str, got: &str) -> bool {
    complete_segments_prefix_with(text, got, |t| engine().redact(t).text)
}

fn complete_segments_prefix_with(text: &str, got: &str, redact: impl Fn(&str) -> String) -> bool {
    if got.is_empty() {
        return true;
    }
    let mut acc = String::new();
    for (s, e) in phiscrub::segment::segments(text) {
        if e >= text.len() {
            break;
        }
        acc.push_str(&redact(&text[s..e]));
        if acc.len() == got.len() {
            return acc == got;
        }
        if acc.len() > got.len() {
            return false;
        }
    }
    false
}

/// Runs `phiscrub redact --no-progress [extra...] INPUT -o OUT`.
pub fn redact_dir(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["redact", "--no-progress"];
    args.extend_from_slice(extra);
    let (i, o) = (input.to_str().unwrap(), out.to_str().unwrap());
    args.extend_from_slice(&[i, "-o", o]);
    run(&args)
}

/// The bundled sample notes, `corpora/sample/*.txt`, sorted.
pub fn sample_files() -> Vec<PathBuf> {
    let dir = repo_root().join("corpora/sample");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}
