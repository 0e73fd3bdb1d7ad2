//! The verbs. Each turns validated arguments into library calls and an exit code.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use super::{
    Cli, Command, DetectArgs, EvalArgs, FilterArgs, InFormat, ModelArgs, ModelFlag, OutFormat,
    RedactArgs,
};
use phiscrub::policy::Policy;
use phiscrub::stream::{StreamOptions, StreamSummary, redact_stream_with};
use phiscrub::{Engine, EngineConfig, Label, ModelMode, NerConfig, Redacted, Session, Span};

/// Builds the engine from the model flags. `workers`: how many documents run at once (None:
/// one per core). Each worker gets its own model session with one ORT thread, and a single
/// worker gets every core, so rayon workers times ORT threads stays within the cores.
pub(super) fn engine(m: &ModelArgs, workers: Option<usize>) -> Result<Engine> {
    let model = match m.model {
        ModelFlag::Gated => ModelMode::Gated,
        ModelFlag::Always => ModelMode::Always,
        ModelFlag::Off => {
            eprintln!("phiscrub: --model off: rules only, the NER model is not used");
            ModelMode::Off
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sessions = workers.unwrap_or(cores).max(1);
    let intra = m
        .model_threads
        .unwrap_or(if sessions > 1 { 1 } else { cores });
    let config = EngineConfig {
        model,
        ner: NerConfig {
            model_dir: m.model_dir.clone(),
            intra_threads: intra,
            sessions,
            batch: 0,
        },
        ..EngineConfig::default()
    };
    Engine::new(config).context("building the engine")
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Redact(a) => redact(&engine(&a.model, a.threads)?, a),
        Command::Filter(a) => filter(&engine(&a.model, Some(1))?, a),
        Command::Detect(a) => {
            let workers = match a.input_format {
                InFormat::Text => Some(1),
                InFormat::Jsonl => None,
            };
            detect(&engine(&a.model, workers)?, a)
        }
        Command::Eval(a) => eval(&engine(&a.model, None)?, a),
        Command::Serve(a) => super::gateway::serve(a),
        Command::Keys(a) => super::gateway::keys(a),
        Command::Audit(a) => super::gateway::audit(a),
        Command::MockUpstream { listen } => super::gateway::mock_upstream(listen),
        Command::Reveal(a) => super::vault::reveal(a),
        Command::Vault(c) => super::vault::vault_cmd(c),
        Command::Debug { text, model } => {
            let e = engine(&model, Some(1))?;
            for s in e.detect(&text) {
                println!(
                    "{:?} {:?} {:?} {}",
                    &text[s.start..s.end],
                    s.label,
                    s.source,
                    s.score
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

// ---------------------------------------------------------------- redact

struct Job {
    input: PathBuf,
    output: PathBuf,
    bytes: u64,
}

#[derive(Serialize, Default)]
struct Summary {
    files: u64,
    failed: u64,
    bytes: u64,
    counts: BTreeMap<Label, u64>,
    errors: Vec<FileError>,
}

#[derive(Serialize)]
struct FileError {
    path: String,
    error: String,
}

fn build_globs(globs: &[String]) -> Result<Option<GlobSet>> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).with_context(|| format!("invalid --glob {g:?}"))?);
    }
    Ok(Some(b.build()?))
}

/// Expands the input paths into jobs. Errors found here (missing inputs, walk errors) are
/// recorded and reported like failed files.
fn plan(a: &RedactArgs, out_dir: &Path, summary: &mut Summary) -> Result<Vec<Job>> {
    let globs = build_globs(&a.glob)?;
    let mut jobs = Vec::new();
    let mut fail = |p: &Path, e: String| {
        summary.failed += 1;
        summary.errors.push(FileError {
            path: p.display().to_string(),
            error: e,
        });
    };
    for root in &a.paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                fail(root, e.to_string());
                continue;
            }
        };
        if meta.is_file() {
            let name = root
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("stdin"));
            jobs.push(Job {
                input: root.clone(),
                output: out_dir.join(name),
                bytes: meta.len(),
            });
            continue;
        }
        for entry in walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    fail(&p, e.to_string());
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            // Never pick up our own outputs when the output directory is inside an input.
            if let (Ok(cp), Ok(co)) = (path.canonicalize(), out_dir.canonicalize())
                && cp.starts_with(&co)
            {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            if let Some(g) = &globs
                && !g.is_match(&rel)
                && !rel.file_name().is_some_and(|f| g.is_match(f))
            {
                continue;
            }
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            jobs.push(Job {
                input: path.to_path_buf(),
                output: out_dir.join(rel),
                bytes,
            });
        }
    }
    Ok(jobs)
}

/// Removes `.phiscrub-*.tmp` files left in the output tree by a run that was killed while
/// writing (a finished or failed run never leaves one). Two runs must not write into one
/// output directory at the same time.
fn remove_stale_temporaries(out_dir: &Path) {
    let mut removed = 0usize;
    for entry in walkdir::WalkDir::new(out_dir).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file()
            && name.starts_with(".phiscrub-")
            && name.ends_with(".tmp")
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    if removed > 0 {
        eprintln!("removed {removed} temporary file(s) left by an interrupted run");
    }
}

/// Refuses to write over an input, and over an existing output without `overwrite`.
fn check_output(job: &Job, overwrite: bool) -> std::result::Result<(), String> {
    if job.output.exists() {
        if let (Ok(a), Ok(b)) = (job.input.canonicalize(), job.output.canonicalize())
            && a == b
        {
            return Err("output path is the input file; refusing to overwrite an input".into());
        }
        if !overwrite {
            return Err(format!(
                "output {} exists (use --overwrite to replace it)",
                job.output.display()
            ));
        }
    }
    Ok(())
}

/// Writes the output of `job` atomically: `fill` writes into a temporary file beside the
/// output, which is synced and renamed into place only if `fill` succeeds.
fn write_atomic<T>(
    job: &Job,
    fill: impl FnOnce(&mut BufWriter<tempfile::NamedTempFile>) -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    let parent = job.output.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    let tmp = tempfile::Builder::new()
        .prefix(".phiscrub-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| format!("creating a temporary file in {}: {e}", parent.display()))?;
    let mut w = BufWriter::new(tmp);
    let r = fill(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.error().to_string())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    // Keep the input's permissions where we can (a redacted note is no more public).
    if let Ok(m) = std::fs::metadata(&job.input) {
        let _ = std::fs::set_permissions(tmp.path(), m.permissions());
    }
    tmp.persist(&job.output)
        .map_err(|e| format!("renaming into {}: {}", job.output.display(), e.error))?;
    Ok(r)
}

/// Files up to this size are redacted into memory by the workers and written by writer
/// threads ([`WRITERS`]), so a worker never waits on a file's `fsync` (measured: redacting
/// 1,000 notes with both cores, the syncs held the workers for about 0.6 s of 6.3). Larger
/// files stream straight to their temporary file with bounded memory.
const IN_MEMORY_MAX: u64 = 1 << 20;

/// Redacted files waiting for a writer, at most (bounds memory to this many small files).
const WRITE_QUEUE: usize = 32;

/// Writer threads. They mostly wait on `fsync`, and concurrent syncs share the file system's
/// journal commits, so a few writers keep up with the workers where one did not.
const WRITERS: usize = 4;

/// A small file redacted into memory (`Some`): exactly what [`redact_one`] would write. A
/// file that has grown past [`IN_MEMORY_MAX`] since planning is streamed to its output here
/// instead (`None`: written already).
fn redact_to_memory(
    engine: &Engine,
    policy: &Policy,
    job: &Job,
    opts: StreamOptions,
    overwrite: bool,
) -> std::result::Result<(Option<Vec<u8>>, StreamSummary), String> {
    check_output(job, overwrite)?;
    let input = File::open(&job.input).map_err(|e| e.to_string())?;
    let len = input.metadata().map_err(|e| e.to_string())?.len();
    if len > IN_MEMORY_MAX {
        return Ok((None, redact_one(engine, policy, job, opts, overwrite)?));
    }
    let mut out = Vec::with_capacity(len as usize + len as usize / 8);
    let sum = redact_stream_with(
        BufReader::with_capacity(1 << 16, input),
        &mut out,
        opts,
        |seg| engine.redact_with(seg, policy),
    )
    .map_err(|e| e.to_string())?;
    Ok((Some(out), sum))
}

fn redact_one(
    engine: &Engine,
    policy: &Policy,
    job: &Job,
    opts: StreamOptions,
    overwrite: bool,
) -> std::result::Result<StreamSummary, String> {
    check_output(job, overwrite)?;
    let input = File::open(&job.input).map_err(|e| e.to_string())?;
    write_atomic(job, |w| {
        redact_stream_with(BufReader::with_capacity(1 << 16, input), w, opts, |seg| {
            engine.redact_with(seg, policy)
        })
        .map_err(|e| e.to_string())
    })
}

/// Reads a whole input for session redaction (invalid UTF-8 per `lossy`).
fn read_job(job: &Job, lossy: bool) -> std::result::Result<String, String> {
    let bytes = std::fs::read(&job.input).map_err(|e| e.to_string())?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "invalid UTF-8 at byte offset {} (use --lossy to replace invalid bytes with U+FFFD)",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// Session redaction of a batch of jobs: detection in parallel, then replacement in input
/// order, so token numbers do not depend on thread timing and a rerun after a crash gives the
/// same output as an uninterrupted run.
fn redact_session_batch(
    engine: &Engine,
    session: &Session<'_>,
    jobs: &[Job],
    lossy: bool,
    overwrite: bool,
) -> Vec<std::result::Result<StreamSummary, String>> {
    let detected: Vec<std::result::Result<(String, Vec<Span>), String>> = jobs
        .par_iter()
        .map(|job| {
            check_output(job, overwrite)?;
            let text = read_job(job, lossy)?;
            let spans = engine.try_detect(&text).map_err(|e| e.to_string())?;
            Ok((text, spans))
        })
        .collect();
    jobs.iter()
        .zip(detected)
        .map(|(job, d)| {
            let (text, spans) = d?;
            let red: Redacted = session
                .redact_spans(&text, spans)
                .map_err(|e| e.to_string())?;
            write_atomic(job, |w| {
                w.write_all(red.text.as_bytes()).map_err(|e| e.to_string())
            })?;
            let mut sum = StreamSummary {
                bytes_in: text.len() as u64,
                bytes_out: red.text.len() as u64,
                ..StreamSummary::default()
            };
            for s in &red.spans {
                *sum.counts.entry(s.label).or_insert(0) += 1;
            }
            Ok(sum)
        })
        .collect()
}

fn redact(engine: &Engine, a: RedactArgs) -> Result<ExitCode> {
    let policy = super::vault::policy_of(&a.session)?;
    let vault = super::vault::vault_for_session(&a.session)?;
    let session = match (&vault, &a.session.session) {
        (Some(v), Some(id)) => Some(engine.session(v, Some(id), policy.clone())?),
        _ => None,
    };
    if let Some(n) = a.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("starting the thread pool")?;
    }
    let out_dir = a.output.clone();
    for p in &a.paths {
        if let (Ok(cp), Ok(co)) = (p.canonicalize(), out_dir.canonicalize())
            && cp == co
        {
            bail!(
                "the output directory {} is also an input; choose another -o",
                out_dir.display()
            );
        }
    }
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("creating output directory {}", out_dir.display()))?;
    remove_stale_temporaries(&out_dir);
    let mut summary = Summary::default();
    let jobs = plan(&a, &out_dir, &mut summary)?;
    // Two inputs that map to the same output would overwrite each other.
    let mut seen = std::collections::HashMap::new();
    for (i, j) in jobs.iter().enumerate() {
        if let Some(prev) = seen.insert(j.output.clone(), i) {
            bail!(
                "{} and {} would both be written to {}",
                jobs[prev].input.display(),
                j.input.display(),
                j.output.display()
            );
        }
    }
    let total: u64 = jobs.iter().map(|j| j.bytes).sum();
    let bar = if !a.no_progress && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(total);
        b.set_style(ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        b
    } else {
        ProgressBar::hidden()
    };
    let opts = StreamOptions {
        lossy: a.lossy,
        line_buffered: false,
    };
    let shared = Mutex::new(summary);
    let record = |job: &Job, r: std::result::Result<StreamSummary, String>| {
        bar.inc(job.bytes);
        let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
        match r {
            Ok(sum) => {
                s.files += 1;
                s.bytes += sum.bytes_in;
                for (l, c) in sum.counts {
                    *s.counts.entry(l).or_insert(0) += c;
                }
            }
            Err(e) => {
                s.failed += 1;
                bar.suspend(|| eprintln!("{}: {e}", job.input.display()));
                s.errors.push(FileError {
                    path: job.input.display().to_string(),
                    error: e,
                });
            }
        }
    };
    match &session {
        None => {
            type Done = (
                usize,
                std::result::Result<(Option<Vec<u8>>, StreamSummary), String>,
            );
            let (tx, rx) = std::sync::mpsc::sync_channel::<Done>(WRITE_QUEUE);
            let rx = Mutex::new(rx);
            std::thread::scope(|scope| {
                let record = &record;
                let jobs = &jobs;
                let rx = &rx;
                let writers: Vec<_> = (0..WRITERS)
                    .map(|_| {
                        scope.spawn(move || {
                            loop {
                                // The lock is held only to take one file, not to write it.
                                let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                                let Ok((i, r)) = next else { break };
                                let job = &jobs[i];
                                record(
                                    job,
                                    r.and_then(|(buf, sum)| {
                                        if let Some(buf) = buf {
                                            write_atomic(job, |w| {
                                                w.write_all(&buf).map_err(|e| e.to_string())
                                            })?;
                                        }
                                        Ok(sum)
                                    }),
                                );
                            }
                        })
                    })
                    .collect();
                jobs.par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, job)| {
                        if job.bytes > IN_MEMORY_MAX {
                            record(job, redact_one(engine, &policy, job, opts, a.overwrite));
                            return;
                        }
                        let r = redact_to_memory(engine, &policy, job, opts, a.overwrite);
                        // Sending fails only if the writers are gone (panicked): the file is
                        // then reported as failed here, never skipped.
                        if tx.send((i, r)).is_err() {
                            record(job, Err("the output writer stopped".into()));
                        }
                    });
                // Join every writer (a panicked one left unjoined would make the scope panic).
                let joined: Vec<bool> = writers.into_iter().map(|w| w.join().is_err()).collect();
                if joined.contains(&true) {
                    // Files a writer had taken may be neither written nor counted: fail the run.
                    let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
                    s.failed += 1;
                    s.errors.push(FileError {
                        path: out_dir.display().to_string(),
                        error: "the output writer stopped; some outputs may be missing".into(),
                    });
                }
            });
        }
        Some(session) => {
            // Batches bound memory; each batch is detected in parallel, then numbered in order.
            let batch = 16 * rayon::current_num_threads().max(1);
            for chunk in jobs.chunks(batch) {
                let results = redact_session_batch(engine, session, chunk, a.lossy, a.overwrite);
                for (job, r) in chunk.iter().zip(results) {
                    record(job, r);
                }
            }
        }
    }
    bar.finish_and_clear();
    let summary = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    // Errors found while planning were not printed yet.
    for e in summary
        .errors
        .iter()
        .filter(|e| !jobs.iter().any(|j| j.input.display().to_string() == e.path))
    {
        eprintln!("{}: {}", e.path, e.error);
    }
    print_summary(&summary);
    if let Some(p) = &a.summary_json {
        let f = File::create(p).with_context(|| format!("creating {}", p.display()))?;
        serde_json::to_writer_pretty(BufWriter::new(f), &summary)?;
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(s: &Summary) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "redacted {} file(s), {} byte(s); {} failed",
        s.files, s.bytes, s.failed
    );
    let total: u64 = s.counts.values().sum();
    let _ = writeln!(err, "{:<14} {:>9}", "label", "count");
    for (l, c) in &s.counts {
        let _ = writeln!(err, "{:<14} {:>9}", l.as_str(), c);
    }
    let _ = writeln!(err, "{:<14} {:>9}", "total", total);
}

// ---------------------------------------------------------------- filter

fn filter(engine: &Engine, a: FilterArgs) -> Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    let opts = StreamOptions {
        lossy: a.lossy,
        line_buffered: a.line_buffered,
    };
    let out = BufWriter::with_capacity(1 << 16, stdout);
    let policy = super::vault::policy_of(&a.session)?;
    let vault = super::vault::vault_for_session(&a.session)?;
    let session = match (&vault, &a.session.session) {
        (Some(v), Some(id)) => Some(engine.session(v, Some(id), policy.clone())?),
        _ => None,
    };
    let result = match &session {
        Some(s) => redact_stream_with(stdin, out, opts, |seg| s.redact(seg)),
        None => redact_stream_with(stdin, out, opts, |seg| engine.redact_with(seg, &policy)),
    };
    match result {
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            if let phiscrub::ErrorKind::Io { source, .. } = e.kind()
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!("phiscrub: filter: <stdin>: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

// ---------------------------------------------------------------- detect

#[derive(Serialize)]
struct SpanOut<'a> {
    id: &'a str,
    spans: &'a [Span],
}

fn read_input(path: &Path, lossy: bool) -> Result<String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("<stdin>")?;
    } else {
        File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .with_context(|| path.display().to_string())?;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => bail!(
            "{}: invalid UTF-8 at byte offset {} (use --lossy to replace invalid bytes)",
            path.display(),
            e.utf8_error().valid_up_to()
        ),
    }
}

#[derive(serde::Deserialize)]
struct InDoc {
    id: serde_json::Value,
    text: String,
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn detect(engine: &Engine, a: DetectArgs) -> Result<ExitCode> {
    let text = read_input(&a.path, a.lossy)?;
    let name = if a.path == Path::new("-") {
        "-".to_string()
    } else {
        a.path.display().to_string()
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    match a.input_format {
        InFormat::Text => {
            let mut stats = phiscrub::detect::Stats::default();
            let spans = engine
                .try_detect_with_stats(&text, &mut stats)
                .with_context(|| name.clone())?;
            write_spans(&mut out, a.format, &[(name, spans)])?;
            if a.stats {
                print_stats(&stats);
            }
        }
        InFormat::Jsonl => {
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .collect();
            let docs: Vec<(String, Vec<Span>)> = lines
                .par_iter()
                .map(|(n, l)| {
                    let d: InDoc = serde_json::from_str(l).map_err(|e| anyhow::anyhow!("{name}: line {}: not a JSON object with \"id\" and \"text\" (column {})", n + 1, e.column()))?;
                    let spans = engine
                        .try_detect(&d.text)
                        .with_context(|| format!("{name}: line {}", n + 1))?;
                    Ok((id_string(&d.id), spans))
                })
                .collect::<Result<_>>()?;
            write_spans(&mut out, a.format, &docs)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_stats(st: &phiscrub::detect::Stats) {
    let total: u64 = st.nanos.iter().sum::<u64>().max(1);
    eprintln!(
        "bytes {}  reaching patterns {:.1}%  words {} ({:.3}/byte)  candidates {}",
        st.bytes_in,
        100.0 * st.bytes_patterns as f64 / st.bytes_in.max(1) as f64,
        st.words,
        st.words as f64 / st.bytes_in.max(1) as f64,
        st.candidates
    );
    eprintln!(
        "bytes read by the NER model {} ({:.1}% of input; the rest was skipped by the gate)",
        st.bytes_model,
        100.0 * st.bytes_model as f64 / st.bytes_in.max(1) as f64
    );
    for (name, ns) in phiscrub::detect::STAGES.iter().zip(st.nanos) {
        if ns == 0 {
            // A stage that did not run (the model with `--model off`).
            eprintln!("{name:>11}: not run");
            continue;
        }
        eprintln!(
            "{name:>11}: {:8.1} ms {:5.1}%  {:8.1} MB/s",
            ns as f64 / 1e6,
            100.0 * ns as f64 / total as f64,
            st.bytes_in as f64 / (ns.max(1) as f64 / 1e9) / 1e6
        );
    }
    eprintln!(
        "      total: {:8.1} ms         {:8.1} MB/s",
        total as f64 / 1e6,
        st.bytes_in as f64 / (total as f64 / 1e9) / 1e6
    );
}

fn write_spans(
    out: &mut impl Write,
    format: OutFormat,
    docs: &[(String, Vec<Span>)],
) -> Result<()> {
    match format {
        OutFormat::Jsonl => {
            for (id, spans) in docs {
                serde_json::to_writer(&mut *out, &SpanOut { id, spans })?;
                out.write_all(b"\n")?;
            }
        }
        OutFormat::Json => {
            let v: Vec<SpanOut> = docs
                .iter()
                .map(|(id, spans)| SpanOut { id, spans })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &v)?;
            out.write_all(b"\n")?;
        }
        OutFormat::Text => {
            for (id, spans) in docs {
                for s in spans {
                    writeln!(
                        out,
                        "{id}\t{}\t{}\t{}\t{:.2}\t{}",
                        s.start,
                        s.end,
                        s.label,
                        s.score,
                        s.source.as_str()
                    )?;
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- eval

fn eval(engine: &Engine, a: EvalArgs) -> Result<ExitCode> {
    let f = File::open(&a.gold).with_context(|| a.gold.display().to_string())?;
    let mut docs = Vec::new();
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", a.gold.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let d: phiscrub::eval::GoldDoc = serde_json::from_str(&line).map_err(|e| {
            anyhow::anyhow!(
                "{}: line {}: invalid gold line (column {}): {}",
                a.gold.display(),
                n + 1,
                e.column(),
                e.classify_str()
            )
        })?;
        docs.push(d);
    }
    let preds: Vec<Vec<Span>> = docs
        .par_iter()
        .map(|d| engine.try_detect(&d.text))
        .collect::<phiscrub::Result<_>>()
        .context("detection failed")?;
    let mut ev = phiscrub::eval::Evaluator::new(a.errors);
    for (d, p) in docs.iter().zip(&preds) {
        ev.add(d, p);
    }
    let report = ev.finish();
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_text(a.by_label));
    }
    Ok(ExitCode::SUCCESS)
}

trait Classify {
    fn classify_str(&self) -> &'static str;
}

impl Classify for serde_json::Error {
    fn classify_str(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "I/O error",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "missing or mistyped field",
            serde_json::error::Category::Eof => "unexpected end of line",
        }
    }
}
