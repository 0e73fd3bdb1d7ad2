//! End-to-end tests of the NER stage: the committed model through ONNX Runtime.
//!
//! They need the ONNX Runtime library that `scripts/setup.sh` fetches (CI runs it first).
//! Without it they fail with the set-up message, never pass silently.

mod common;

use std::sync::OnceLock;

use common::*;
use phiscrub::detect::ner::{LABELS_FILE, MODEL_FILE, Ner, TOKENIZER_FILE};
use phiscrub::{Engine, EngineConfig, Label, ModelMode, NerConfig, Source, Span};

fn ner() -> &'static Ner {
    static N: OnceLock<Ner> = OnceLock::new();
    N.get_or_init(|| {
        Ner::load(&NerConfig {
            sessions: 1,
            intra_threads: 1,
            ..NerConfig::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn engine_with(mode: ModelMode) -> Engine {
    Engine::new(EngineConfig {
        model: mode,
        ner: NerConfig {
            sessions: 1,
            intra_threads: 1,
            ..NerConfig::default()
        },
        ..EngineConfig::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn model_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    ner()
        .detect(text, &[(0, text.len())], &mut out)
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

fn covered(spans: &[Span], text: &str, needle: &str) -> bool {
    let s = text.find(needle).expect("needle in text");
    let e = s + needle.len();
    // Every byte of the needle lies in some span.
    (s..e).all(|b| spans.iter().any(|sp| sp.start <= b && b < sp.end))
}

#[test]
fn unicode_and_crlf_offsets_are_original_bytes() {
    let text = "Café visit 😀 診察: 安定.\r\nPatient José Nguyễn was seen by Dr. Zoë Müller today.\r\nPlan: continue.";
    let spans = model_spans(text);
    for sp in &spans {
        assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        assert_eq!(sp.source, Source::Model);
        // No span starts or ends inside whitespace, and none holds a line break.
        let s = &text[sp.start..sp.end];
        assert_eq!(
            s.trim(),
            s,
            "span {}..{} has edge whitespace",
            sp.start,
            sp.end
        );
        assert!(
            !s.contains('\n'),
            "span {}..{} crosses a line",
            sp.start,
            sp.end
        );
    }
    for name in ["José Nguyễn", "Zoë Müller"] {
        assert!(covered(&spans, text, name), "{name} not covered: {spans:?}");
        let s = text.find(name).expect("in text");
        assert!(
            spans
                .iter()
                .any(|sp| sp.start == s && sp.label == Label::Name),
            "{name} does not start a NAME span at byte {s}: {spans:?}"
        );
    }
}

#[test]
fn entity_straddling_a_window_edge_is_found() {
    // Filler of ~5 pieces per sentence; the name walks across the first window edge (126
    // pieces) as the filler grows, so some placement puts it on the edge and in the overlap.
    for k in 12..=30 {
        let mut text = "Patient denies chest pain today. ".repeat(k);
        text.push_str("Spoke with his daughter Evangeline Okonkwo-Baptiste about the plan. ");
        text.push_str(&"Vitals stable overnight and afebrile. ".repeat(30));
        let spans = model_spans(&text);
        assert!(
            covered(&spans, &text, "Evangeline Okonkwo-Baptiste"),
            "k={k}: name not covered: {:?}",
            spans
                .iter()
                .map(|s| (s.start, s.end, s.label))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn gated_engine_finds_names_the_rules_miss_and_merges() {
    let e = engine_with(ModelMode::Gated);
    let text = "Nursing note. Pt seen with Okonkwo at bedside, mother Evangeline called.\n";
    let spans = e.try_detect(text).unwrap_or_else(|err| panic!("{err}"));
    assert!(covered(&spans, text, "Okonkwo"), "{spans:?}");
    assert!(covered(&spans, text, "Evangeline"), "{spans:?}");
    // Merged output: sorted and disjoint.
    for w in spans.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    let red = e.try_redact(text).unwrap_or_else(|err| panic!("{err}"));
    assert!(!red.text.contains("Okonkwo") && !red.text.contains("Evangeline"));
}

#[test]
fn eponyms_stay_allow_listed_with_the_model() {
    let e = engine_with(ModelMode::Always);
    let text = "Foley catheter in place. History of Parkinson's disease. Negative Babinski sign.\n";
    let spans = e.try_detect(text).unwrap_or_else(|err| panic!("{err}"));
    for word in ["Foley", "Parkinson", "Babinski"] {
        assert!(!covered(&spans, text, word), "{word} flagged: {spans:?}");
    }
}

/// FNV-1a 64 of a file: stable across Rust versions, unlike `DefaultHasher`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Pins the committed model: its bytes and its output on a fixed input. A retrained model
/// must update both on purpose (and the figures in models/MODEL_CARD.md).
#[test]
fn model_output_is_pinned() {
    let dir = repo_root().join("models");
    let bytes = std::fs::read(dir.join(MODEL_FILE)).expect("committed model");
    let got_hash = format!("{:016x}", fnv(&bytes));
    let text = "Mrs. Ramona Castellanos, seen at Mercy Ridge Hospital in Tacoma on June 3, was referred by Dr Okafor.";
    let spans: Vec<(usize, usize, &str)> = model_spans(text)
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect();
    assert_eq!(
        (got_hash.as_str(), spans),
        (PINNED_HASH, PINNED_SPANS.to_vec()),
        "the model file or its output changed"
    );
}

const PINNED_HASH: &str = "98ced02184a6a24a";
const PINNED_SPANS: &[(usize, usize, &str)] = &[
    (5, 23, "NAME"),
    (33, 53, "LOCATION"),
    (57, 63, "LOCATION"),
    (94, 100, "NAME"),
];

#[test]
fn missing_library_is_a_clear_error_and_off_still_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let note = dir.path().join("n.txt");
    std::fs::write(&note, "Seen by Dr. Alvarez on 3/14/2023.\n").expect("write");
    let note = note.to_str().expect("utf-8 path");
    let missing = dir.path().join("libonnxruntime.so.1.32.0");
    let o = bin()
        .env("ORT_DYLIB_PATH", &missing)
        .args(["detect", "--model", "gated", note])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("scripts/setup.sh"), "{err}");
    assert!(err.contains("ORT_DYLIB_PATH"), "{err}");
    assert!(!err.contains("Alvarez"), "PHI in an error: {err}");
    let o = bin()
        .env("ORT_DYLIB_PATH", &missing)
        .args(["detect", "--model", "off", note])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("rules only"));
    assert!(stdout(&o).contains("\"NAME\""));
}

fn model_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in [MODEL_FILE, TOKENIZER_FILE, LABELS_FILE] {
        std::fs::copy(repo_root().join("models").join(f), dir.path().join(f)).expect("copy");
    }
    dir
}

#[test]
fn corrupted_model_file_is_a_clear_error() {
    let dir = model_copy();
    let model = dir.path().join(MODEL_FILE);
    let mut bytes = std::fs::read(&model).expect("read");
    bytes.truncate(bytes.len() / 3);
    std::fs::write(&model, &bytes).expect("write");
    let o = run_with_stdin(
        &[
            "filter",
            "--model",
            "gated",
            "--model-dir",
            dir.path().to_str().expect("utf-8"),
        ],
        b"Seen by Dr. Alvarez.\n",
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(MODEL_FILE) && err.contains("loading"), "{err}");
    assert!(o.stdout.is_empty(), "wrote output without a model");
}

#[test]
fn inference_failure_fails_closed() {
    // A label map with fewer rows than the model's logits: the model loads, every call fails.
    let dir = model_copy();
    let labels = dir.path().join(LABELS_FILE);
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&labels).expect("read")).expect("json");
    v["rows"].as_array_mut().expect("rows").pop();
    std::fs::write(&labels, serde_json::to_vec(&v).expect("json")).expect("write");
    let cfg = EngineConfig {
        model: ModelMode::Always,
        ner: NerConfig {
            model_dir: Some(dir.path().to_path_buf()),
            sessions: 1,
            intra_threads: 1,
            ..NerConfig::default()
        },
        ..EngineConfig::default()
    };
    let e = Engine::new(cfg).unwrap_or_else(|err| panic!("{err}"));
    let text = "Seen by Dr. Alvarez.\n\nCall Maria Lopez back.";
    let err = e.try_detect(text).expect_err("shape mismatch");
    assert!(!err.to_string().contains("Alvarez"));
    // The infallible path redacts each segment whole: nothing passes through.
    let red = e.redact(text);
    assert!(
        !red.text.contains("Alvarez") && !red.text.contains("Lopez"),
        "{}",
        red.text
    );

    // The CLI writes nothing for the file and exits 1.
    let inp = tempfile::tempdir().expect("tempdir");
    std::fs::write(inp.path().join("a.txt"), text).expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    let o = run(&[
        "redact",
        "--no-progress",
        "--model",
        "always",
        "--model-dir",
        dir.path().to_str().expect("utf-8"),
        inp.path().to_str().expect("utf-8"),
        "-o",
        out.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        snapshot(out.path()).is_empty(),
        "output written for a failed file"
    );
    assert!(!stderr(&o).contains("Alvarez"));
}
