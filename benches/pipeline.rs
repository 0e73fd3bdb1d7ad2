//! The full pipeline: rules plus the NER model (`--model gated`, and `always` for contrast),
//! on synthetic notes. Needs the ONNX Runtime library (`scripts/setup.sh`).
//! - `pipeline/gated`: one note at a time on one thread, one model session with every core
//!   (the latency set-up); `gated_one_note_2kb`: the same on one 2 KB note (the gateway path);
//! - `pipeline/gated_parallel`, `always_parallel`: notes in parallel on every core, one model
//!   session per core with one ORT thread each (the set-up of `phiscrub redact`).
//!
//! Run: `cargo bench --bench pipeline` (the first 300 notes unless `PHISCRUB_BENCH_NOTES` says otherwise: the
//! model makes a pass over the 7000-note corpus take minutes).

/// The allocator of the `phiscrub` binary (`src/main.rs`), so the bench measures what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use phiscrub::detect::Stats;
use phiscrub::{Engine, EngineConfig, ModelMode, NerConfig};
use rayon::prelude::*;

fn engine(model: ModelMode, sessions: usize) -> Engine {
    Engine::new(EngineConfig {
        model,
        // `sessions: 1`: one document at a time on this thread, one session with every core;
        // `0`: one session per core, one ORT thread each.
        ner: NerConfig {
            sessions,
            ..NerConfig::default()
        },
        ..EngineConfig::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn benches(c: &mut Criterion) {
    let mut notes = common::load_corpus();
    if std::env::var_os("PHISCRUB_BENCH_NOTES").is_none() {
        notes.truncate(300);
    }
    let total = common::total_bytes(&notes);
    let gated = engine(ModelMode::Gated, 1);

    let mut stats = Stats::default();
    let t = Instant::now();
    for n in &notes {
        gated
            .try_detect_with_stats(&n.text, &mut stats)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    eprintln!(
        "gated, one pass: {:.2} MB/s; the model read {:.1}% of the bytes",
        total as f64 / 1e6 / t.elapsed().as_secs_f64(),
        100.0 * stats.bytes_model as f64 / stats.bytes_in.max(1) as f64
    );

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(total));
    g.bench_function("gated", |b| {
        b.iter(|| {
            let mut n_spans = 0usize;
            for n in &notes {
                n_spans += gated.detect(black_box(&n.text)).len();
            }
            n_spans
        })
    });
    for (name, mode) in [
        ("gated_parallel", ModelMode::Gated),
        ("always_parallel", ModelMode::Always),
    ] {
        let e = engine(mode, 0);
        g.bench_function(name, |b| {
            b.iter(|| {
                notes
                    .par_iter()
                    .map(|n| e.detect(black_box(&n.text)).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    // The gateway path: one note of about 2 KB.
    let one = notes
        .iter()
        .min_by_key(|n| n.text.len().abs_diff(2048))
        .expect("corpus not empty");
    eprintln!("one_note_2kb: note {} ({} bytes)", one.id, one.text.len());
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(30)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(one.text.len() as u64));
    g.bench_function("gated_one_note_2kb", |b| {
        b.iter(|| gated.detect(black_box(&one.text)))
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
