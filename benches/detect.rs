//! Detection and redaction throughput of the rules-only engine on ~10.8 MB of synthetic notes.
//! See benches/README.md. Run: `cargo bench --bench detect`.

/// The allocator of the `phiscrub` binary (`src/main.rs`), so the bench measures what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use phiscrub::detect::Stats;
use phiscrub::{Engine, EngineConfig};

fn benches(c: &mut Criterion) {
    let engine = Engine::new(EngineConfig::default()).expect("engine builds");
    let notes = common::load_corpus();
    let total = common::total_bytes(&notes);

    // Per-stage fractions, printed once: how much of the input reaches each stage.
    let mut stats = Stats::default();
    let mut spans = 0usize;
    let mut times: Vec<(Duration, usize)> = Vec::with_capacity(notes.len());
    for (i, n) in notes.iter().enumerate() {
        let t = Instant::now();
        spans += engine.detect_with_stats(&n.text, &mut stats).len();
        times.push((t.elapsed(), i));
    }
    let sum: Duration = times.iter().map(|t| t.0).sum();
    times.sort();
    let pct = |p: usize| times[(times.len() - 1) * p / 100].0;
    eprintln!(
        "per-note detect (one pass, cold): total {:.2?} ({:.2} MB/s), p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        sum,
        total as f64 / 1e6 / sum.as_secs_f64(),
        pct(50),
        pct(99),
        times.last().expect("notes").0
    );
    for (d, i) in times.iter().rev().take(5) {
        let n = &notes[*i];
        eprintln!("  slowest: {} ({} bytes) {:.2?}", n.id, n.text.len(), d);
    }
    eprintln!(
        "stage stats: bytes_in={} bytes_patterns={} ({:.2}% of input reaches the pattern automaton) \
         words={} ({:.4} words/byte, {:.1} bytes/word) candidates={} ({:.3} per KB) final spans={}",
        stats.bytes_in,
        stats.bytes_patterns,
        100.0 * stats.bytes_patterns as f64 / stats.bytes_in as f64,
        stats.words,
        stats.words as f64 / stats.bytes_in as f64,
        stats.bytes_in as f64 / stats.words as f64,
        stats.candidates,
        1024.0 * stats.candidates as f64 / stats.bytes_in as f64,
        spans,
    );

    // The whole corpus per iteration: a few tenths of a second; 10 flat samples.
    let mut g = c.benchmark_group("detect");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(total));
    g.bench_function("rules_single_thread", |b| {
        b.iter(|| {
            let mut n_spans = 0usize;
            for n in &notes {
                n_spans += engine.detect(black_box(&n.text)).len();
            }
            n_spans
        })
    });
    g.finish();

    // The gateway path: one note of about 2 KB (the one closest to 2048 bytes).
    let one = notes
        .iter()
        .min_by_key(|n| n.text.len().abs_diff(2048))
        .expect("corpus not empty");
    eprintln!("one_note_2kb: note {} ({} bytes)", one.id, one.text.len());
    let mut g = c.benchmark_group("detect");
    g.sample_size(50)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(one.text.len() as u64));
    g.bench_function("one_note_2kb", |b| {
        b.iter(|| engine.detect(black_box(&one.text)))
    });
    g.finish();

    let mut g = c.benchmark_group("redact");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(total));
    g.bench_function("tags", |b| {
        b.iter(|| {
            let mut out_bytes = 0usize;
            for n in &notes {
                out_bytes += engine.redact(black_box(&n.text)).text.len();
            }
            out_bytes
        })
    });
    g.finish();
}

criterion_group!(detect, benches);
criterion_main!(detect);
