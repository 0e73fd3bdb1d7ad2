//! Byte-for-byte preservation: redaction changes the detected spans and nothing else.

mod common;

use common::*;
use phiscrub::{Span, apply_tags};
use proptest::prelude::*;

/// Texts without PHI. Each must come out of `redact` exactly as it went in.
fn phi_free_texts() -> Vec<(&'static str, Vec<u8>)> {
    let mut v: Vec<(&'static str, Vec<u8>)> = vec![
        ("empty", b"".to_vec()),
        (
            "whitespace runs",
            b"   \t\t  \n\n\n    \t\n \r\n\r\n\t \x0b\x0c end of  whitespace   ".to_vec(),
        ),
        (
            "tabs",
            b"col1\tcol2\t\tcol3\t\n\tindented\tline\t\n".to_vec(),
        ),
        (
            "crlf",
            b"Vitals stable.\r\nContinue current regimen.\r\n\r\nReassess in the morning.\r\n"
                .to_vec(),
        ),
        ("lone cr", b"Vitals stable.\rContinue regimen.\r\r".to_vec()),
        (
            "bom",
            b"\xef\xbb\xbfVitals stable overnight.\nContinue regimen.\n".to_vec(),
        ),
        ("nul bytes", b"Vitals\0stable\0\0overnight.\n\0".to_vec()),
        ("no trailing newline", b"Continue current regimen".to_vec()),
        (
            "unicode letters",
            "naïve façade, crème brûlée; 診察 安定; Ελληνικά; русский текст; עברית; العربية\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "combining marks",
            "cafe\u{301} re\u{301}sume\u{301}\n".as_bytes().to_vec(),
        ),
        (
            "zero width",
            "stable\u{200b}overnight\u{feff} ok\n".as_bytes().to_vec(),
        ),
    ];
    let mut long_line = String::new();
    while long_line.len() < 300_000 {
        long_line.push_str("vitals stable continue current regimen reassess ");
    }
    v.push(("long line no newline", long_line.clone().into_bytes()));
    let mut long_lines = String::new();
    while long_lines.len() < 300_000 {
        long_lines.push_str("vitals stable\tcontinue current regimen\r\n");
        long_lines.push_str("   \n");
    }
    v.push(("many lines", long_lines.into_bytes()));
    let cjk = "安定".repeat(40_000); // > 64 KiB without whitespace: forced char-boundary cuts
    v.push(("cjk no whitespace", cjk.into_bytes()));
    v
}

#[test]
fn phi_free_text_is_unchanged_by_library() {
    let mut failures = Vec::new();
    for (name, bytes) in phi_free_texts() {
        let text = std::str::from_utf8(&bytes).unwrap();
        let red = engine().redact(text);
        if red.text.as_bytes() != &bytes[..] {
            let flagged: Vec<&str> = red.spans.iter().map(|s| &text[s.start..s.end]).collect();
            failures.push(format!(
                "{name}: changed; flagged {flagged:?} as {:?}",
                red.spans.iter().map(|s| s.label).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "PHI-free texts changed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn phi_free_text_is_unchanged_by_cli_redact_and_filter() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&input).unwrap();
    let texts = phi_free_texts();
    for (i, (_, bytes)) in texts.iter().enumerate() {
        std::fs::write(input.join(format!("t{i:02}.txt")), bytes).unwrap();
    }
    let o = redact_dir(&input, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut failures = Vec::new();
    for (i, (name, bytes)) in texts.iter().enumerate() {
        let got = std::fs::read(out.join(format!("t{i:02}.txt"))).unwrap();
        if got != *bytes {
            failures.push(format!("redact changed PHI-free text {name:?}"));
        }
        let f = run_with_stdin(&["filter"], bytes);
        assert!(f.status.success(), "{name}: {}", stderr(&f));
        if f.stdout != *bytes {
            failures.push(format!("filter changed PHI-free text {name:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Checks that `out` is `text` with exactly the spans replaced by `[LABEL]`.
fn check_reconstruction(name: &str, text: &str, spans: &[Span], out: &str) {
    let mut expected = String::new();
    let mut pos = 0;
    for s in spans {
        assert!(
            s.start < s.end && s.end <= text.len(),
            "{name}: bad span {s:?}"
        );
        assert!(s.start >= pos, "{name}: spans not sorted/disjoint: {s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{name}: {s:?}"
        );
        expected.push_str(&text[pos..s.start]);
        expected.push('[');
        expected.push_str(s.label.as_str());
        expected.push(']');
        pos = s.end;
    }
    expected.push_str(&text[pos..]);
    assert!(
        expected == out,
        "{name}: output is not text-with-spans-replaced"
    );

    // Walk the output: every non-span piece of the input appears verbatim, in order.
    let mut o = 0;
    let mut pos = 0;
    for s in spans {
        let gap = &text[pos..s.start];
        assert_eq!(
            &out[o..o + gap.len()],
            gap,
            "{name}: bytes before {s:?} changed"
        );
        o += gap.len();
        let tag = format!("[{}]", s.label.as_str());
        assert_eq!(&out[o..o + tag.len()], tag, "{name}: placeholder for {s:?}");
        o += tag.len();
        pos = s.end;
    }
    assert_eq!(&out[o..], &text[pos..], "{name}: tail changed");
}

fn phi_texts() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    let files = sample_files();
    assert!(!files.is_empty());
    for p in files {
        v.push((
            p.display().to_string(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    v.push((
        "crlf tabs".into(),
        "\u{feff}Seen by Dr. Alvarez\ton 3/14/2023,\r\n\r\ncall  617-555-0134.\r\n\t\tMRN: 00412345\r\n".into(),
    ));
    v.push((
        "unicode".into(),
        "Pt José Núñez (naïve) 診察 on 2023-03-14; tel 617-555-0134 — daughter Mary 😀\n".into(),
    ));
    v.push((
        "nul".into(),
        "Dr.\0Alvarez on 3/14/2023\0call 617-555-0134\0".into(),
    ));
    v.push(("generated".into(), generated_text(200_000)));
    v.push((
        "generated no blank lines".into(),
        generated_text_no_blank_lines(200_000),
    ));
    v
}

#[test]
fn phi_text_outside_spans_is_preserved() {
    let mut total_spans = 0;
    for (name, text) in phi_texts() {
        let red = engine().redact(&text);
        assert_eq!(
            red.spans,
            engine().detect(&text),
            "{name}: redact spans == detect spans"
        );
        check_reconstruction(&name, &text, &red.spans, &red.text);
        assert_eq!(apply_tags(&text, &red.spans), red.text);
        total_spans += red.spans.len();
    }
    assert!(
        total_spans > 1000,
        "expected many identifiers, got {total_spans}"
    );
}

#[test]
fn cli_redact_matches_library_on_phi_texts() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&input).unwrap();
    let texts = phi_texts();
    for (i, (_, t)) in texts.iter().enumerate() {
        std::fs::write(input.join(format!("p{i:03}.txt")), t).unwrap();
    }
    let o = redact_dir(&input, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (i, (name, t)) in texts.iter().enumerate() {
        let got = std::fs::read_to_string(out.join(format!("p{i:03}.txt"))).unwrap();
        assert!(
            got == cli_redact(t).text,
            "{name}: CLI output != library redaction (safe-harbor policy)"
        );
    }
}

/// Known identifiers in a fixed sentence are all removed, and nothing else changes.
#[test]
fn known_sentence() {
    let t = "Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.";
    let red = engine().redact(t);
    assert_eq!(red.text, "Seen by Dr. [NAME] on [DATE], call [PHONE].");
    let crlf = "Seen by Dr. Alvarez on 3/14/2023,\r\ncall 617-555-0134.\r\n";
    assert_eq!(
        engine().redact(crlf).text,
        "Seen by Dr. [NAME] on [DATE],\r\ncall [PHONE].\r\n"
    );
}

/// Punctuation and symbols next to a name are not part of the name.
#[test]
fn symbols_are_not_names() {
    let mut failures = Vec::new();
    for (t, want) in [
        (
            "Seen by Dr. Alvarez — stable.",
            "Seen by Dr. [NAME] — stable.",
        ),
        (
            "Seen by Dr. Alvarez ✓ stable.",
            "Seen by Dr. [NAME] ✓ stable.",
        ),
        (
            "Seen by Dr. Alvarez 😀 stable.",
            "Seen by Dr. [NAME] 😀 stable.",
        ),
        ("Plan — rest.", "Plan — rest."),
        ("Plan ✓ ok", "Plan ✓ ok"),
    ] {
        let got = engine().redact(t).text;
        if got != want {
            failures.push(format!("input {t:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Dr. Alvarez".to_string()),
        Just("3/14/2023".to_string()),
        Just("617-555-0134".to_string()),
        Just("MRN: 00412345".to_string()),
        Just("Mary Hamilton".to_string()),
        Just("j.smith@example.org".to_string()),
        Just("vitals stable".to_string()),
        Just("continue regimen".to_string()),
        Just("naïve 診察".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\t".to_string()),
        Just("  ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\0".to_string()),
        "[a-zA-Z0-9 .,:;/()-]{0,12}",
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn prop_every_non_span_byte_preserved(parts in prop::collection::vec(fragment(), 0..40)) {
        let text: String = parts.concat();
        let red = engine().redact(&text);
        check_reconstruction("proptest", &text, &red.spans, &red.text);
    }
}
