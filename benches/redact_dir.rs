//! End-to-end directory redaction (read file, `Engine::redact`, write file) with a rayon pool
//! of 1 thread vs 2 threads, on the ~10.8 MB synthetic bench corpus written as one .txt file per
//! note. See benches/README.md. Run: `cargo bench --bench redact_dir`.
//!
//! If the release CLI exists (`target/release/phiscrub`, or `$PHISCRUB_BIN`), it also times
//! `phiscrub redact IN -o OUT` spawned with `RAYON_NUM_THREADS=1` and `=2` (plus `-j N`);
//! otherwise those two benchmarks are skipped with a note on stderr.

/// The allocator of the `phiscrub` binary (`src/main.rs`), so the bench measures what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use phiscrub::{Engine, EngineConfig};
use rayon::prelude::*;

/// Writes each note as `<index>-<id>.txt` into `dir`; returns the file names.
fn write_notes(notes: &[common::Note], dir: &Path) -> Vec<String> {
    notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let id: String =
                n.id.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
            let name = format!("{i:05}-{id}.txt");
            std::fs::write(dir.join(&name), &n.text).expect("write input note");
            name
        })
        .collect()
}

/// One pass: every file read, redacted and written; returns the bytes written.
fn redact_all(engine: &Engine, names: &[String], in_dir: &Path, out_dir: &Path) -> u64 {
    names
        .par_iter()
        .map(|name| {
            let text = std::fs::read_to_string(in_dir.join(name)).expect("read input note");
            let red = engine.redact(&text);
            std::fs::write(out_dir.join(name), &red.text).expect("write redacted note");
            red.text.len() as u64
        })
        .sum()
}

fn cli_binary() -> Option<PathBuf> {
    let p = match std::env::var_os("PHISCRUB_BIN") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/phiscrub"),
    };
    p.is_file().then_some(p)
}

fn benches(c: &mut Criterion) {
    let engine = Engine::new(EngineConfig::default()).expect("engine builds");
    let notes = common::load_corpus();
    let total = common::total_bytes(&notes);
    let in_dir = tempfile::tempdir().expect("temp input dir");
    let out_dir = tempfile::tempdir().expect("temp output dir");
    let names = write_notes(&notes, in_dir.path());
    drop(notes);
    eprintln!(
        "redact_dir: {} files, {total} bytes in {}",
        names.len(),
        in_dir.path().display()
    );

    let mut g = c.benchmark_group("redact_dir");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(25));
    g.throughput(Throughput::Bytes(total));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("rayon pool");
        g.bench_function(format!("in_process_threads_{threads}"), |b| {
            b.iter(|| pool.install(|| redact_all(&engine, &names, in_dir.path(), out_dir.path())))
        });
    }

    match cli_binary() {
        None => eprintln!(
            "redact_dir: no CLI binary at target/release/phiscrub (build it with `cargo build \
             --release`, or set PHISCRUB_BIN); skipping the cli_threads_N benchmarks"
        ),
        Some(bin) => {
            eprintln!("redact_dir: CLI variant uses {}", bin.display());
            let cli_out = tempfile::tempdir().expect("temp CLI output dir");
            for threads in [1usize, 2] {
                let n = threads.to_string();
                g.bench_function(format!("cli_threads_{threads}"), |b| {
                    b.iter(|| {
                        let out = Command::new(&bin)
                            .env("RAYON_NUM_THREADS", &n)
                            .arg("redact")
                            .arg(in_dir.path())
                            .arg("-o")
                            .arg(cli_out.path())
                            .args(["-j", &n, "--overwrite", "--no-progress"])
                            .output()
                            .expect("spawn phiscrub");
                        assert!(
                            out.status.success(),
                            "phiscrub redact failed ({}): {}",
                            out.status,
                            String::from_utf8_lossy(&out.stderr)
                        );
                    })
                });
            }
        }
    }
    g.finish();
}

criterion_group!(redact_dir, benches);
criterion_main!(redact_dir);
