//! End-to-end tests of the `phiscrub` binary: `redact`, `detect`, `eval`, `--help`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

const ALVAREZ: &str = "Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.";
const ALVAREZ_RED: &str = "Seen by Dr. [NAME] on [DATE], call [PHONE].";

/// Builds the input tree used by the redact tests.
fn make_tree(root: &Path) {
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    std::fs::write(root.join("a.txt"), format!("{ALVAREZ}\n")).unwrap();
    std::fs::write(
        root.join("b.md"),
        "# Note\n\nPt is a 92 y/o woman, MRN: 00412345, daughter Mary at bedside.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("sub/crlf.txt"),
        "Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.\r\n\r\nPlan:\tcontinue meds.\r\n",
    )
    .unwrap();
    std::fs::write(
        root.join("sub/deeper/unicode.txt"),
        "Café visit — Dr. Alvarez on 3/14/2023. 診察: 安定 😀 naïve façade.\nCall 617-555-0134 ✓\n",
    )
    .unwrap();
    std::fs::write(root.join("sub/empty.txt"), "").unwrap();
}

fn redact_cmd(args: &[&str]) -> std::process::Output {
    let mut a = vec!["redact", "--no-progress"];
    a.extend_from_slice(args);
    run(&a)
}

#[test]
fn redact_tree_mirrors_and_redacts() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let summary = tmp.path().join("summary.json");
    make_tree(&input);
    let before = snapshot(&input);

    let o = redact_cmd(&[
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--summary-json",
        summary.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "exit {:?}, stderr: {}",
        o.status,
        stderr(&o)
    );

    // Inputs untouched, byte for byte.
    assert_eq!(snapshot(&input), before, "inputs were modified");

    // Mirrored tree: same relative paths.
    let in_files = list_files(&input);
    let out_files = list_files(&out);
    assert_eq!(in_files, out_files, "output tree does not mirror input");

    // Each output equals the library redaction of its input.
    let mut expected_counts: BTreeMap<String, u64> = BTreeMap::new();
    for (rel, bytes) in &before {
        let text = std::str::from_utf8(bytes).unwrap();
        let red = cli_redact(text);
        for s in &red.spans {
            *expected_counts
                .entry(s.label.as_str().to_string())
                .or_insert(0) += 1;
        }
        let got = std::fs::read(out.join(rel)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            red.text,
            "output of {} differs from Engine::redact",
            rel.display()
        );
    }

    // Specific expectations.
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        format!("{ALVAREZ_RED}\n")
    );
    assert_eq!(
        std::fs::read_to_string(out.join("sub/crlf.txt")).unwrap(),
        "Seen by Dr. [NAME] on [DATE], call [PHONE].\r\n\r\nPlan:\tcontinue meds.\r\n"
    );
    let uni = std::fs::read_to_string(out.join("sub/deeper/unicode.txt")).unwrap();
    assert!(uni.contains("Dr. [NAME]"), "{uni}");
    assert!(uni.contains("[DATE]"), "{uni}");
    assert!(uni.contains("Call [PHONE] ✓"), "{uni}");
    assert!(
        uni.contains("Café visit — ") && uni.contains("診察: 安定 😀 naïve façade."),
        "{uni}"
    );
    assert!(!uni.contains("Alvarez") && !uni.contains("617-555-0134"));
    let md = std::fs::read_to_string(out.join("b.md")).unwrap();
    assert!(
        md.contains("[MRN]") && md.contains("90+") && md.contains("daughter [NAME]"),
        "{md}"
    );
    // Empty file -> empty output that exists.
    assert_eq!(std::fs::read(out.join("sub/empty.txt")).unwrap(), b"");

    // Summary JSON.
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary).unwrap()).expect("summary is JSON");
    assert_eq!(s["files"], 5, "{s}");
    assert_eq!(s["failed"], 0, "{s}");
    let counts = s["counts"].as_object().expect("counts object");
    let got_counts: BTreeMap<String, u64> = counts
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    assert_eq!(got_counts, expected_counts, "summary counts per label");
    assert!(got_counts["NAME"] >= 4 && got_counts["PHONE"] >= 3 && got_counts["DATE"] >= 3);
    let total_bytes: u64 = before.iter().map(|(_, b)| b.len() as u64).sum();
    assert_eq!(s["bytes"], total_bytes);

    // No temporary files left behind.
    assert!(
        out_files
            .iter()
            .all(|p| !p.to_string_lossy().contains(".phiscrub-")),
        "{out_files:?}"
    );
}

#[test]
fn redact_refuses_existing_outputs_without_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    make_tree(&input);
    let o = redact_cmd(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Tamper with an output so we can see whether it is replaced.
    std::fs::write(out.join("a.txt"), "stale").unwrap();
    let o = redact_cmd(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    assert!(stderr(&o).contains("exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "stale");

    let o = redact_cmd(&[
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--overwrite",
    ]);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        format!("{ALVAREZ_RED}\n")
    );
    assert_eq!(list_files(&input), list_files(&out));
}

#[test]
fn redact_glob_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    make_tree(&input);
    let o = redact_cmd(&[
        input.to_str().unwrap(),
        "--glob",
        "*.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files: Vec<String> = list_files(&out)
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(
        files,
        [
            "a.txt",
            "sub/crlf.txt",
            "sub/deeper/unicode.txt",
            "sub/empty.txt"
        ],
        "glob *.txt must select exactly the .txt files, nested ones included"
    );
}

#[test]
fn redact_single_file_keeps_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    make_tree(&input);
    let f = input.join("sub/crlf.txt");
    let o = redact_cmd(&[f.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(list_files(&out), [Path::new("crlf.txt")]);
}

#[test]
fn redact_refuses_output_equal_to_input() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    make_tree(&input);
    let before = snapshot(&input);
    let o = redact_cmd(&[input.to_str().unwrap(), "-o", input.to_str().unwrap()]);
    assert!(
        !o.status.success(),
        "redacting a directory into itself must be refused"
    );
    assert_eq!(snapshot(&input), before, "inputs changed");
    // Also with a different spelling of the same directory.
    let alias = format!("{}/./", input.display());
    let o = redact_cmd(&[input.to_str().unwrap(), "-o", &alias]);
    assert!(
        !o.status.success(),
        "same directory via another spelling must be refused"
    );
    assert_eq!(snapshot(&input), before, "inputs changed");
}

#[test]
fn redact_missing_input_fails_but_processes_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    make_tree(&input);
    let missing = tmp.path().join("no-such-notes.txt");
    let o = redact_cmd(&[
        missing.to_str().unwrap(),
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains(missing.to_str().unwrap()),
        "stderr must name the missing path: {}",
        stderr(&o)
    );
    assert_eq!(
        list_files(&input),
        list_files(&out),
        "other inputs must still be processed"
    );
}

/// `chmod 000`: skipped where the file stays readable (root reads anything).
#[cfg(unix)]
#[test]
fn redact_unreadable_file_fails_alone() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    make_tree(&input);
    let locked = input.join("sub/locked.txt");
    std::fs::write(&locked, format!("{ALVAREZ}\n")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipping: a chmod 000 file is still readable here (running as root?)");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
        return;
    }
    let o = redact_cmd(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    assert!(stderr(&o).contains("locked.txt"), "{}", stderr(&o));
    assert!(!out.join("sub/locked.txt").exists());
    let mut expected = list_files(&input);
    expected.retain(|p| !p.ends_with("locked.txt"));
    assert_eq!(list_files(&out), expected);
}

/// A write that fails (the output's folder is a file) fails that input alone, names it, and
/// leaves no partial output; the other files are written.
#[test]
fn redact_unwritable_output_fails_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    make_tree(&input);
    std::fs::create_dir_all(&out).unwrap();
    // `out/sub` is a plain file, so `out/sub/crlf.txt` and `out/sub/deeper/...` cannot be made.
    std::fs::write(out.join("sub"), "in the way").unwrap();
    let o = redact_cmd(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("crlf.txt"), "{err}");
    assert!(err.contains("unicode.txt"), "{err}");
    assert!(!err.contains("Alvarez"), "PHI in an error: {err}");
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        format!("{ALVAREZ_RED}\n")
    );
    assert!(out.join("b.md").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("sub")).unwrap(),
        "in the way"
    );
}

// ---------------------------------------------------------------- detect

fn gold() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(repo_root().join("corpora/sample/gold.jsonl")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn detect_jsonl_input_one_line_per_document() {
    let gold_path = repo_root().join("corpora/sample/gold.jsonl");
    let o = run(&[
        "detect",
        "--input-format",
        "jsonl",
        gold_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = gold();
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), docs.len(), "one output line per input line");
    let mut total = 0;
    for (line, doc) in lines.iter().zip(&docs) {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(v["id"], doc["id"], "ids in input order");
        let text = doc["text"].as_str().unwrap();
        let spans = v["spans"].as_array().expect("spans array");
        let lib = engine().detect(text);
        assert_eq!(
            spans.len(),
            lib.len(),
            "CLI spans == library spans for {}",
            doc["id"]
        );
        let mut prev_end = 0;
        for (s, l) in spans.iter().zip(&lib) {
            let start = s["start"].as_u64().unwrap() as usize;
            let end = s["end"].as_u64().unwrap() as usize;
            let label = s["label"].as_str().unwrap();
            let score = s["score"].as_f64().unwrap();
            let source = s["source"].as_str().unwrap();
            assert!(start < end && end <= text.len());
            assert!(start >= prev_end, "sorted and disjoint");
            prev_end = end;
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert!(phiscrub::Label::parse(label).is_some(), "{label}");
            assert!((0.0..=1.0).contains(&score));
            assert!(
                ["dictionary", "pattern", "context", "model"].contains(&source),
                "{source}"
            );
            assert_eq!((start, end, label), (l.start, l.end, l.label.as_str()));
        }
        total += spans.len();
    }
    assert!(
        total > 100,
        "the sample corpus has many identifiers; got {total}"
    );
}

#[test]
fn detect_text_format_prints_no_document_text() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("note.txt");
    std::fs::write(
        &f,
        format!("{ALVAREZ}\nDaughter Mary Hamilton at bedside.\n"),
    )
    .unwrap();
    let o = run(&["detect", "--format", "text", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.trim().is_empty());
    for secret in ["Alvarez", "617-555-0134", "3/14/2023", "Hamilton", "Mary"] {
        assert!(!out.contains(secret), "stdout leaks {secret:?}: {out}");
    }
    // Every line: id, start, end, label, score, source.
    for line in out.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "{line}");
        cols[1].parse::<usize>().unwrap();
        cols[2].parse::<usize>().unwrap();
        assert!(phiscrub::Label::parse(cols[3]).is_some());
    }

    // Same with JSONL corpus input.
    let gold_path = repo_root().join("corpora/sample/gold.jsonl");
    let o = run(&[
        "detect",
        "--input-format",
        "jsonl",
        "--format",
        "text",
        gold_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for secret in [
        "Hamilton",
        "HAMILTON",
        "Jacob Black",
        "00823087",
        "33.192.112.80",
    ] {
        assert!(!out.contains(secret), "stdout leaks {secret:?}");
    }
}

#[test]
fn detect_stdin_json_format() {
    let o = run_with_stdin(&["detect", "--format", "json", "-"], ALVAREZ.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let spans = v[0]["spans"].as_array().unwrap();
    let labels: Vec<&str> = spans.iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["NAME", "DATE", "PHONE"]);
    assert!(!stdout(&o).contains("Alvarez"));
}

// ---------------------------------------------------------------- eval

#[test]
fn eval_json_report() {
    let gold_path = repo_root().join("corpora/sample/gold.jsonl");
    let o = run(&["eval", "--gold", gold_path.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("eval --json parses");
    assert_eq!(v["documents"], gold().len() as u64);
    for k in ["token", "span"] {
        for m in ["recall", "precision", "f1"] {
            let x = v[k][m]
                .as_f64()
                .unwrap_or_else(|| panic!("{k}.{m} missing: {v}"));
            assert!((0.0..=1.0).contains(&x), "{k}.{m} = {x}");
        }
        for m in ["tp", "fp", "fn_"] {
            assert!(v[k][m].is_u64(), "{k}.{m} missing");
        }
    }
    assert!(v["token"]["tp"].as_u64().unwrap() > 0);
    assert!(
        v["token_by_label"]
            .as_object()
            .is_some_and(|m| m.contains_key("NAME"))
    );
    // Without --errors, no corpus text is printed.
    assert!(v.get("missed").is_none() && v.get("overflagged").is_none());
    assert!(!stdout(&o).contains("Hamilton"));
}

#[test]
fn eval_text_report() {
    let gold_path = repo_root().join("corpora/sample/gold.jsonl");
    let o = run(&["eval", "--gold", gold_path.to_str().unwrap(), "--by-label"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!o.stdout.is_empty());
    assert!(!stdout(&o).contains("Hamilton"));
}

// ---------------------------------------------------------------- help

#[test]
fn help_of_each_verb_has_examples() {
    for verb in ["redact", "filter", "detect", "eval"] {
        let o = run(&[verb, "--help"]);
        assert!(o.status.success(), "{verb} --help: {:?}", o.status);
        assert!(
            stdout(&o).contains("Example"),
            "{verb} --help lacks an example: {}",
            stdout(&o)
        );
    }
    let o = run(&["--help"]);
    assert!(o.status.success());
    for verb in ["redact", "filter", "detect", "eval"] {
        assert!(stdout(&o).contains(verb));
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["redact"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run(&["no-such-verb"]);
    assert_eq!(o.status.code(), Some(2));
}
