//! Shared by the benches: loads the synthetic bench corpus (generating it once if needed).
//!
//! Corpus lookup order:
//! 1. `$PHISCRUB_BENCH_CORPUS` (a JSONL file with one `{"id", "text", ...}` object per line);
//! 2. `target/bench-corpus.jsonl` (relative to the crate root);
//! 3. otherwise runs `python3 corpora/generate.py --split test --n 7000 --out
//!    target/bench-corpus.jsonl` once (seeded, so always the same ~10.8 MB of note text).
//!
//! `PHISCRUB_BENCH_NOTES=N` keeps only the first N notes (for quick runs).

use std::path::{Path, PathBuf};
use std::process::Command;

/// One note of the corpus.
#[derive(serde::Deserialize)]
pub struct Note {
    pub id: String,
    pub text: String,
}

/// Number of notes generated when no corpus exists (~10.8 MB of text).
const GENERATE_N: &str = "7000";

/// Loads the bench corpus; panics with a clear message if it cannot be found or generated.
pub fn load_corpus() -> Vec<Note> {
    let path = corpus_path();
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read bench corpus {}: {e}", path.display()));
    let mut notes: Vec<Note> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}:{}: not a corpus line: {e}", path.display(), i + 1))
        })
        .collect();
    assert!(
        !notes.is_empty(),
        "bench corpus {} holds no notes",
        path.display()
    );
    // Optional cap for quick runs: the first N notes only.
    if let Some(n) = std::env::var("PHISCRUB_BENCH_NOTES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        notes.truncate(n.max(1));
    }
    eprintln!(
        "bench corpus: {} ({} notes, {} bytes of text)",
        path.display(),
        notes.len(),
        total_bytes(&notes)
    );
    notes
}

pub fn total_bytes(notes: &[Note]) -> u64 {
    notes.iter().map(|n| n.text.len() as u64).sum()
}

fn corpus_path() -> PathBuf {
    if let Some(p) = std::env::var_os("PHISCRUB_BENCH_CORPUS") {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "PHISCRUB_BENCH_CORPUS={} is not a file",
            p.display()
        );
        return p;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("target").join("bench-corpus.jsonl");
    if !path.is_file() {
        generate(root, &path);
    }
    path
}

fn generate(root: &Path, path: &Path) {
    eprintln!(
        "bench corpus {} missing: generating it with python3 corpora/generate.py --split test --n {GENERATE_N}",
        path.display()
    );
    std::fs::create_dir_all(path.parent().expect("corpus path has a parent"))
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
    // Write to a temporary name and rename, so an interrupted run leaves no partial corpus.
    let tmp = path.with_extension("jsonl.tmp");
    let status = Command::new("python3")
        .current_dir(root)
        .args([
            "corpora/generate.py",
            "--split",
            "test",
            "--n",
            GENERATE_N,
            "--out",
        ])
        .arg(&tmp)
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run python3 ({e}) to generate the bench corpus; install python3, or \
                 generate a JSONL corpus elsewhere and point PHISCRUB_BENCH_CORPUS at it"
            )
        });
    assert!(
        status.success(),
        "corpora/generate.py failed ({status}); no bench corpus"
    );
    std::fs::rename(&tmp, path).unwrap_or_else(|e| panic!("cannot rename {}: {e}", tmp.display()));
}
