//! Cost of session redaction and re-identification (issue 4's bench):
//! - `redact/tags` vs `redact/tokens`: the token policy over an in-memory vault, against plain
//!   `[LABEL]` tags, both including detection (target: tokens cost at most 20% more);
//!   `redact/tokens-new-session` starts a fresh session each iteration, so every value is new
//!   (HMAC, numbering, sealing and storing every entry), purged after each pass;
//!   `redact/tokens-session-per-note` opens, uses and purges one session per note (a gateway
//!   conversation per note);
//! - `reveal/stream-*`: [`StreamRevealer`] over the token-redacted corpus, in 4 KiB and in
//!   16-byte chunks (an LLM stream's size), and `reveal/batch` (target: >= 200 MB/s).
//!
//! Run: `cargo bench --bench vault` (see benches/README.md for the corpus).

/// The allocator of the `phiscrub` binary (`src/main.rs`), so the bench measures what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use phiscrub::policy::Policy;
use phiscrub::{Engine, EngineConfig, MasterKey, Vault};

fn benches(c: &mut Criterion) {
    let engine = Engine::new(EngineConfig::default()).expect("engine builds");
    let mut notes = common::load_corpus();
    notes.truncate(1000);
    let total = common::total_bytes(&notes);
    let vault = Vault::in_memory(MasterKey::generate().expect("random key"));
    let tags = Policy::builtin("tags").expect("builtin");
    let tokens = Policy::builtin("tokens").expect("builtin");
    let session = engine
        .session(&vault, Some("bench"), tokens.clone())
        .expect("session");

    let mut g = c.benchmark_group("redact");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(total));
    g.bench_function("tags", |b| {
        b.iter(|| {
            for n in &notes {
                black_box(engine.redact_with(&n.text, &tags).expect("redact"));
            }
        })
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            for n in &notes {
                black_box(session.redact(&n.text).expect("redact"));
            }
        })
    });
    g.bench_function("tokens-session-per-note", |b| {
        b.iter(|| {
            for n in &notes {
                let s = engine
                    .session(&vault, None, tokens.clone())
                    .expect("session");
                black_box(s.redact(&n.text).expect("redact"));
                let id = s.id().to_string();
                drop(s);
                vault.purge(&id).expect("purge");
            }
        })
    });
    g.bench_function("tokens-new-session", |b| {
        b.iter(|| {
            let s = engine
                .session(&vault, None, tokens.clone())
                .expect("session");
            for n in &notes {
                black_box(s.redact(&n.text).expect("redact"));
            }
            // Sessions end (TTL, purge); without this the store grows by every iteration.
            let id = s.id().to_string();
            drop(s);
            vault.purge(&id).expect("purge");
        })
    });
    g.finish();

    // An "LLM answer" corpus: the token-redacted notes, concatenated.
    let mut answer = String::new();
    for n in &notes {
        answer.push_str(&session.redact(&n.text).expect("redact").text);
    }
    let mut g = c.benchmark_group("reveal");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(answer.len() as u64));
    g.bench_function("batch", |b| b.iter(|| black_box(session.reveal(&answer))));
    for chunk in [4096usize, 16] {
        g.bench_function(format!("stream-{chunk}B-chunks"), |b| {
            b.iter(|| {
                let mut r = session.stream_revealer();
                let mut out = 0usize;
                let mut pos = 0;
                while pos < answer.len() {
                    let mut end = (pos + chunk).min(answer.len());
                    while !answer.is_char_boundary(end) {
                        end += 1;
                    }
                    out += r.push(&answer[pos..end]).len();
                    pos = end;
                }
                out += r.finish().len();
                black_box(out)
            })
        });
    }
    g.finish();
}

criterion_group!(vault_benches, benches);
criterion_main!(vault_benches);
