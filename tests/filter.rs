//! `phiscrub filter`: stdin -> stdout, identical to `redact` on the same text.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use common::*;

#[test]
fn filter_equals_redact_on_sample_corpus() {
    let dir = repo_root().join("corpora/sample");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = redact_dir(&dir, &out, &["--glob", "*.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = sample_files();
    assert!(files.len() >= 10, "expected the sample corpus");
    // Each `filter` process builds the engine (~5 s in a debug build): every file in release,
    // every 10th in debug.
    let step = if cfg!(debug_assertions) { 10 } else { 1 };
    let mut n = 0;
    for p in files.into_iter().step_by(step) {
        let input = std::fs::read(&p).unwrap();
        let f = run_with_stdin(&["filter"], &input);
        assert!(f.status.success(), "{}: {}", p.display(), stderr(&f));
        let redacted = std::fs::read(out.join(p.file_name().unwrap())).unwrap();
        assert!(
            f.stdout == redacted,
            "{}: filter output != redact output",
            p.display()
        );
        assert_eq!(
            String::from_utf8(f.stdout).unwrap(),
            cli_redact(std::str::from_utf8(&input).unwrap()).text,
            "{}: filter != Engine::redact",
            p.display()
        );
        n += 1;
    }
    assert!(n >= 5, "checked {n} files");
}

/// > 200 KB: several segments and several 64 KiB read blocks.
const BIG: usize = if cfg!(debug_assertions) {
    210_000
} else {
    400_000
};

#[test]
fn filter_equals_redact_on_large_generated_text() {
    for (name, text) in [
        ("paragraphs", generated_text(BIG)),
        ("no blank lines", generated_text_no_blank_lines(BIG)),
    ] {
        assert!(
            phiscrub::segment::segments(&text).count() > 3,
            "{name}: multi-segment"
        );
        let tmp = tempfile::tempdir().unwrap();
        let f_in = tmp.path().join("big.txt");
        std::fs::write(&f_in, &text).unwrap();
        let out = tmp.path().join("out");
        let o = run(&[
            "redact",
            "--no-progress",
            f_in.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let redacted = std::fs::read(out.join("big.txt")).unwrap();
        let f = run_with_stdin(&["filter"], text.as_bytes());
        assert!(f.status.success(), "{}", stderr(&f));
        assert!(f.stdout == redacted, "{name}: filter != redact");
        let lib = cli_redact(&text).text;
        assert!(
            redacted == lib.as_bytes(),
            "{name}: redact != Engine::redact"
        );
        assert!(!lib.contains("Alvarez") && !lib.contains("617-555-0134"));
    }
}

#[test]
fn filter_line_buffered_answers_each_line_through_a_pipe() {
    let mut child = bin()
        .args(["filter", "--line-buffered"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut line = String::new();
            match r.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let lines = [
        "Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.\n",
        "Vitals stable overnight.\n",
        "Pt is a 92 y/o woman, MRN: 00412345.\n",
    ];
    for line in lines {
        // Keep stdin open: the answer must come before end of input.
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.flush().unwrap();
        // A hang guard, not a timing assertion: a line-buffered filter answers each line
        // while stdin stays open; without it we would wait forever.
        let got = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("no output for a line while stdin is still open");
        assert_eq!(got, cli_redact(line).text, "line {line:?}");
    }
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success());
}

#[test]
fn filter_empty_input() {
    let o = run_with_stdin(&["filter"], b"");
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
}
