//! Bad input end to end: invalid UTF-8, and that error messages never carry document text.

mod common;

use std::path::Path;

use common::*;
use phiscrub::stream::{StreamOptions, redact_stream};

fn tmp_files(dir: &Path) -> Vec<String> {
    list_files(dir)
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.contains(".phiscrub-") || p.ends_with(".tmp"))
        .collect()
}

#[test]
fn redact_invalid_utf8_fails_that_file_only_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.\n",
    )
    .unwrap();
    // Invalid byte at offset 11.
    std::fs::write(input.join("bad.txt"), b"John Smith \xff and more text\n").unwrap();
    // Invalid byte far beyond the first read block and several segments in.
    let big = generated_text(300_000);
    let mut big_bad = big.clone().into_bytes();
    big_bad.extend_from_slice(b"Dr. Alvarez \xc3\x28 tail\n");
    let big_off = big.len() + "Dr. Alvarez ".len();
    std::fs::write(input.join("sub/big_bad.txt"), &big_bad).unwrap();
    // Truncated multi-byte sequence at the very end of the file.
    std::fs::write(input.join("trunc.txt"), b"Caf\xc3").unwrap();

    let o = run(&[
        "redact",
        "--no-progress",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    for (name, off) in [
        ("bad.txt", 11usize),
        ("big_bad.txt", big_off),
        ("trunc.txt", 3),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("stderr does not name {name}: {err}"));
        assert!(
            line.contains(&format!("byte offset {off}")),
            "{name}: expected `byte offset {off}` in {line:?}"
        );
    }
    assert!(
        !err.contains("John") && !err.contains("Smith"),
        "stderr leaks text: {err}"
    );
    assert!(
        !out.join("bad.txt").exists(),
        "no output for a failed input"
    );
    assert!(
        !out.join("sub/big_bad.txt").exists(),
        "no partial output for a failed input"
    );
    assert!(!out.join("trunc.txt").exists());
    assert!(
        out.join("good.txt").exists(),
        "the good file is still processed"
    );
    assert_eq!(
        tmp_files(&out),
        Vec::<String>::new(),
        "temporary files left in OUT"
    );

    // Summary JSON names the failures without text.
    let summary = tmp.path().join("s.json");
    let out2 = tmp.path().join("out2");
    let o = run(&[
        "redact",
        "--no-progress",
        input.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
        "--summary-json",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(s["failed"], 3, "{s}");
    assert_eq!(s["files"], 1, "{s}");
    assert!(!s.to_string().contains("John"));

    // --lossy: every file succeeds, invalid bytes become U+FFFD.
    let out3 = tmp.path().join("out3");
    let o = run(&[
        "redact",
        "--no-progress",
        "--lossy",
        input.to_str().unwrap(),
        "-o",
        out3.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bad = std::fs::read_to_string(out3.join("bad.txt")).unwrap();
    let expected = cli_redact(&String::from_utf8_lossy(b"John Smith \xff and more text\n")).text;
    assert_eq!(bad, expected);
    assert!(bad.contains('\u{FFFD}'), "{bad}");
    let big_out = std::fs::read_to_string(out3.join("sub/big_bad.txt")).unwrap();
    assert_eq!(big_out, cli_redact(&String::from_utf8_lossy(&big_bad)).text);
    assert_eq!(
        std::fs::read_to_string(out3.join("trunc.txt")).unwrap(),
        "Caf\u{FFFD}"
    );
    assert_eq!(tmp_files(&out3), Vec::<String>::new());
}

#[test]
fn filter_invalid_utf8_reports_offset_and_writes_only_complete_segments() {
    let valid = generated_text(300_000);
    let mut input = valid.clone().into_bytes();
    input.extend_from_slice(b"Pt John Smith \xff more\n");
    let off = valid.len() + "Pt John Smith ".len();
    let o = run_with_stdin(&["filter"], &input);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains(&format!("byte offset {off}")), "stderr: {err}");
    assert!(!err.contains("John"), "stderr leaks text: {err}");

    // stdout must be the redaction of a whole number of complete segments that end before the
    // invalid byte: compare with every such prefix.
    let valid_prefix = std::str::from_utf8(&input[..off]).unwrap();
    let got = String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8");
    let ok = is_complete_segments_prefix(valid_prefix, &got);
    assert!(
        ok,
        "stdout ({} bytes) is not the redaction of complete segments before the error",
        got.len()
    );
    assert!(!got.contains("Pt John Smith"));
}

#[test]
fn filter_lossy_replaces() {
    let o = run_with_stdin(&["filter", "--lossy"], b"Caf\xc3 Dr. Alvarez \xff\xfe end");
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = cli_redact(&String::from_utf8_lossy(
        b"Caf\xc3 Dr. Alvarez \xff\xfe end",
    ))
    .text;
    assert_eq!(stdout(&o), expected);
    assert!(
        stdout(&o).contains("Caf\u{FFFD} Dr. [NAME] \u{FFFD}\u{FFFD} end"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn detect_invalid_utf8_names_offset_without_text() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("bad.txt");
    std::fs::write(&f, b"John Smith \xff").unwrap();
    let o = run(&["detect", f.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt") && err.contains("byte offset 11"),
        "{err}"
    );
    assert!(!err.contains("John"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn library_error_messages_never_contain_input_text() {
    let e = engine();
    let mut out = Vec::new();
    let err = redact_stream(
        e,
        &b"John Smith \xff"[..],
        &mut out,
        StreamOptions::default(),
    )
    .expect_err("invalid UTF-8 is an error");
    let msg = format!("{err} {err:?}");
    assert!(msg.contains("11"), "{msg}");
    assert!(
        matches!(err.kind(), phiscrub::ErrorKind::InvalidUtf8 { offset: 11 }),
        "{msg}"
    );
    assert!(!msg.contains("John") && !msg.contains("Smith"), "{msg}");
    assert!(out.is_empty(), "no partial output");

    // Offsets are absolute even after many segments were emitted.
    let valid = generated_text(200_000);
    let mut input = valid.clone().into_bytes();
    input.extend_from_slice(b"Mary Hamilton \x80");
    let mut out = Vec::new();
    let err = redact_stream(e, &input[..], &mut out, StreamOptions::default()).unwrap_err();
    let off = (valid.len() + "Mary Hamilton ".len()) as u64;
    assert!(
        matches!(err.kind(), phiscrub::ErrorKind::InvalidUtf8 { offset } if *offset == off),
        "{err}"
    );
    let msg = format!("{err} {err:?}");
    assert!(!msg.contains("Hamilton"), "{msg}");
    // What was written is redacted text of complete segments only.
    let got = String::from_utf8(out).unwrap();
    assert!(valid.starts_with("") && !got.contains("Alvarez") && !got.contains("617-555-0134"));
}

#[test]
fn malformed_jsonl_errors_never_contain_text() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("corpus.jsonl");
    // "start" is a string: a data error whose serde message would quote the value.
    std::fs::write(
        &f,
        "{\"id\": \"a\", \"text\": \"ok\", \"spans\": []}\n{\"id\": \"b\", \"text\": \"John Smith\", \"spans\": [{\"start\": \"John Smith\", \"end\": 3, \"label\": \"NAME\"}]}\n",
    )
    .unwrap();
    let o = run(&["eval", "--gold", f.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("line 2"), "{err}");
    assert!(!err.contains("John"), "eval error leaks text: {err}");

    std::fs::write(&f, "{\"id\": \"a\", \"text\": 7, \"note\": \"John Smith\"}\n{\"id\": \"b\", \"text\": [\"John Smith\"]}\n").unwrap();
    let o = run(&["detect", "--input-format", "jsonl", f.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(!err.contains("John"), "detect error leaks text: {err}");
}
