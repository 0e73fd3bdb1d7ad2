//! The transformer NER stage: the only code that touches ONNX Runtime (`ort`).
//!
//! It owns the model (`models/phiscrub-ner.onnx`, int8), its `tokenizer.json` and label map
//! (`models/labels.json`), the ORT sessions, and the path from byte regions of a text to
//! [`Span`]s with [`Source::Model`](crate::Source::Model). It leaves to others: deciding which
//! regions need the model (`gate.rs`, from the rules' words), merging with rule spans
//! (`merge.rs`), and the eponym allow-list (`Detector::is_eponym`).
//!
//! - `runtime.rs`: finds and loads the ONNX Runtime library once per process, with a typed
//!   error naming the set-up command when it is missing (`ort` would panic otherwise).
//! - `decode.rs`: windows over word pieces and BIO decoding back to byte offsets.
//! - `gate.rs`: the prefilter gate.
//!
//! A region is tokenised once (byte offsets into the original text come from the
//! tokenizer's alignment map, so accents, CJK, emoji and CRLF keep exact offsets), cut into
//! windows of at most `window` pieces on word starts with `overlap` pieces shared between
//! neighbours, and all windows of a call are run in batches of up to `batch` windows of about
//! one length (sorted by length; a batch ends where the next window is an eighth longer, so
//! padding stays small). A piece two windows share takes the more confident of their tags.
//! Sessions are built once; `Session::run` needs `&mut`, so the engine
//! holds a small pool of sessions behind mutexes (one per worker thread by default, each with
//! `intra_threads` ORT threads), which keeps rayon workers times ORT threads within the cores.

pub(crate) mod decode;
pub mod gate;
pub mod runtime;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::Tensor;
use serde::{Deserialize, Serialize};
use tokenizers::Tokenizer;

use crate::error::{Error, Result};
use crate::span::{Label, Span};
use decode::{PieceTag, Row};

/// File names inside the model folder.
pub const MODEL_FILE: &str = "phiscrub-ner.onnx";
pub const TOKENIZER_FILE: &str = "tokenizer.json";
pub const LABELS_FILE: &str = "labels.json";

/// Where and how to run the model. `Default`: the bundled model, one session per core, one
/// ORT thread per session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NerConfig {
    /// Folder with `phiscrub-ner.onnx`, `tokenizer.json` and `labels.json`. Default:
    /// `$PHISCRUB_MODEL_DIR`, else `models/` next to the binary, else the project's `models/`.
    pub model_dir: Option<PathBuf>,
    /// ORT intra-op threads per session (0: 1 when there are several sessions, else all cores).
    pub intra_threads: usize,
    /// Sessions in the pool, i.e. model calls that can run at once (0: one per core).
    pub sessions: usize,
    /// Windows per model call (0: 8).
    pub batch: usize,
}

#[derive(Debug, Deserialize)]
struct LabelsFile {
    window: usize,
    overlap: usize,
    rows: Vec<RowFile>,
    #[serde(default)]
    thresholds: std::collections::BTreeMap<String, f32>,
}

#[derive(Debug, Deserialize)]
struct RowFile {
    tag: String,
    label: Option<String>,
}

/// The loaded model. Immutable after [`Ner::load`]; `Send + Sync`.
pub struct Ner {
    tokenizer: Tokenizer,
    rows: Vec<Row>,
    thresholds: [f32; Label::ALL.len()],
    window: usize,
    overlap: usize,
    batch: usize,
    sessions: Vec<Mutex<Session>>,
    next: AtomicUsize,
    model_path: PathBuf,
}

impl std::fmt::Debug for Ner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ner")
            .field("model_path", &self.model_path)
            .field("sessions", &self.sessions.len())
            .field("window", &self.window)
            .finish()
    }
}

/// ORT graph rewrites left out: ORT 1.32's CPU `SkipLayerNormalization` kernel, which
/// `SkipLayerNormFusion` makes of each residual `Add` + `LayerNormalization`, is slower than
/// the two nodes it replaces (measured alone on a 8 x 60 x 384 input: 874 us fused, 117 us
/// unfused; `phiscrub detect --model gated` of 1,000 synthetic notes: 11.9 -> 10.6 s of CPU).
const DISABLED_OPTIMIZERS: &str = "SkipLayerNormFusion";

/// One session: `intra` ORT threads, no spinning (idle ORT threads would steal the cores
/// rayon's workers need), all graph optimisations but [`DISABLED_OPTIMIZERS`].
fn build_session(
    env: &ort::environment::Environment,
    intra: usize,
    model: &Path,
) -> std::result::Result<Session, String> {
    let b = Session::builder(env).map_err(|e| e.to_string())?;
    let b = b.with_intra_threads(intra).map_err(|e| e.to_string())?;
    let b = b.with_inter_threads(1).map_err(|e| e.to_string())?;
    let b = b.with_intra_op_spinning(false).map_err(|e| e.to_string())?;
    let b = b
        .with_disabled_optimizers(DISABLED_OPTIMIZERS)
        .map_err(|e| e.to_string())?;
    let mut b = b
        .with_optimization_level(GraphOptimizationLevel::All)
        .map_err(|e| e.to_string())?;
    b.commit_from_file(model).map_err(|e| e.to_string())
}

/// The model folder used when the configuration names none.
pub fn default_model_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("PHISCRUB_MODEL_DIR").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("models")))
        .filter(|d| d.join(MODEL_FILE).is_file())
    {
        return dir;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

impl Ner {
    /// Loads the ORT library (once per process), the tokenizer, the label map and the model.
    pub fn load(config: &NerConfig) -> Result<Ner> {
        let dir = config.model_dir.clone().unwrap_or_else(default_model_dir);
        let model_path = dir.join(MODEL_FILE);
        let labels_path = dir.join(LABELS_FILE);
        let tok_path = dir.join(TOKENIZER_FILE);
        for p in [&model_path, &labels_path, &tok_path] {
            if !p.is_file() {
                return Err(Error::model(format!(
                    "{} is missing (the model folder must hold {MODEL_FILE}, {TOKENIZER_FILE} and {LABELS_FILE})",
                    p.display()
                )));
            }
        }
        let labels: LabelsFile = std::fs::read(&labels_path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
            .map_err(|e| Error::model(format!("{}: {e}", labels_path.display())))?;
        let mut rows = Vec::with_capacity(labels.rows.len());
        for (i, r) in labels.rows.iter().enumerate() {
            let label = match &r.label {
                None => None,
                Some(s) => Some(Label::parse(s).ok_or_else(|| {
                    Error::model(format!("{}: row {i}: unknown label", labels_path.display()))
                })?),
            };
            rows.push(Row {
                label,
                inside: r.tag.starts_with("I-"),
            });
        }
        let mut thresholds = [0.5f32; Label::ALL.len()];
        for (k, v) in &labels.thresholds {
            let l = Label::parse(k).ok_or_else(|| {
                Error::model(format!(
                    "{}: unknown threshold label",
                    labels_path.display()
                ))
            })?;
            thresholds[l as usize] = *v;
        }
        if labels.window < 8 || labels.overlap * 2 >= labels.window {
            return Err(Error::model(format!(
                "{}: window {} / overlap {} are not usable",
                labels_path.display(),
                labels.window,
                labels.overlap
            )));
        }
        let mut tokenizer = Tokenizer::from_file(&tok_path)
            .map_err(|e| Error::model(format!("{}: {e}", tok_path.display())))?;
        // A tokenizer.json saved after a padded call carries fixed padding/truncation.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(None)
            .map_err(|e| Error::model(format!("{}: {e}", tok_path.display())))?;

        let env = runtime::environment()?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let n_sessions = if config.sessions == 0 {
            cores
        } else {
            config.sessions
        };
        let intra = match config.intra_threads {
            0 if n_sessions > 1 => 1,
            0 => cores,
            n => n,
        };
        let mut sessions = Vec::with_capacity(n_sessions);
        for _ in 0..n_sessions {
            let s = build_session(env, intra, &model_path).map_err(|e| {
                Error::model(format!(
                    "loading {}: {e} (re-run `git checkout models/` if the file was changed)",
                    model_path.display()
                ))
            })?;
            let n_out = s.outputs().len();
            if s.inputs().len() != 2 || n_out != 1 {
                return Err(Error::model(format!(
                    "{}: expected inputs input_ids, attention_mask and one output",
                    model_path.display()
                )));
            }
            sessions.push(Mutex::new(s));
        }
        Ok(Ner {
            tokenizer,
            rows,
            thresholds,
            window: labels.window,
            overlap: labels.overlap,
            batch: if config.batch == 0 { 8 } else { config.batch },
            sessions,
            next: AtomicUsize::new(0),
            model_path,
        })
    }

    /// Runs the model over byte `regions` of `text` (sorted, disjoint, on char boundaries) and
    /// appends its spans (absolute offsets). Errors name offsets and shapes, never text.
    pub fn detect(
        &self,
        text: &str,
        regions: &[(usize, usize)],
        out: &mut Vec<Span>,
    ) -> Result<()> {
        struct Reg {
            base: usize,
            offsets: Vec<(usize, usize)>,
            word_ids: Vec<Option<u32>>,
            ids: Vec<u32>,
            windows: Vec<(usize, usize)>,
            first_window: usize,
        }
        let body = self.window - 2;
        let mut regs = Vec::with_capacity(regions.len());
        let mut all_windows: Vec<(usize, usize, usize)> = Vec::new(); // (region, start, end)
        for &(s, e) in regions {
            let Some(sub) = text.get(s..e) else {
                return Err(Error::model(format!(
                    "region {s}..{e} is not on char boundaries"
                )));
            };
            let enc = self.tokenizer.encode(sub, false).map_err(|e| {
                Error::model(format!("tokenizing bytes {s}..{}: {e}", s + sub.len()))
            })?;
            let ids = enc.get_ids().to_vec();
            let word_ids = enc.get_word_ids().to_vec();
            let offsets: Vec<(usize, usize)> = enc.get_offsets().to_vec();
            let windows = decode::plan_windows(ids.len(), &word_ids, body, self.overlap);
            let first_window = all_windows.len();
            all_windows.extend(windows.iter().map(|&(a, b)| (regs.len(), a, b)));
            regs.push(Reg {
                base: s,
                offsets,
                word_ids,
                ids,
                windows,
                first_window,
            });
        }
        if all_windows.is_empty() {
            return Ok(());
        }
        // Logits per window (window-major, piece, row), filled batch by batch.
        let n_rows = self.rows.len();
        let mut logits: Vec<Vec<f32>> = vec![Vec::new(); all_windows.len()];
        let mut order: Vec<usize> = (0..all_windows.len()).collect();
        order.sort_by_key(|&w| all_windows[w].2 - all_windows[w].1);
        // Batches of windows of about one length: every window of a batch is padded to its
        // longest, and the padding costs as much as real pieces (gated regions range from a
        // dozen pieces to a full window; measured, batches of 8 by count alone made `redact
        // --model gated` 1.45x slower than batches of one).
        let len = |w: usize| all_windows[w].2 - all_windows[w].1;
        let mut batches: Vec<&[usize]> = Vec::new();
        let mut start = 0;
        for k in 1..=order.len() {
            let full = k - start == self.batch;
            let apart = k < order.len() && len(order[k]) + 2 > (len(order[start]) + 2) * 9 / 8;
            if k == order.len() || full || apart {
                batches.push(&order[start..k]);
                start = k;
            }
        }
        for chunk in batches {
            let max_len = chunk.iter().map(|&w| len(w)).max().unwrap_or(0) + 2;
            let mut ids = vec![0i64; chunk.len() * max_len];
            let mut mask = vec![0i64; chunk.len() * max_len];
            for (r, &w) in chunk.iter().enumerate() {
                let (ri, a, b) = all_windows[w];
                let row = &mut ids[r * max_len..(r + 1) * max_len];
                row[0] = 2; // [CLS]
                for (k, &id) in regs[ri].ids[a..b].iter().enumerate() {
                    row[k + 1] = i64::from(id);
                }
                row[b - a + 1] = 3; // [SEP]
                mask[r * max_len..r * max_len + b - a + 2].fill(1);
            }
            let shape = [chunk.len(), max_len];
            let t_ids = Tensor::from_array((shape, ids))
                .map_err(|e| Error::model(format!("input tensor {shape:?}: {e}")))?;
            let t_mask = Tensor::from_array((shape, mask))
                .map_err(|e| Error::model(format!("mask tensor {shape:?}: {e}")))?;
            let mut session = self.session();
            let outputs = session
                .run(ort::inputs!["input_ids" => t_ids, "attention_mask" => t_mask])
                .map_err(|e| Error::model(format!("inference on a batch {shape:?}: {e}")))?;
            let (oshape, data) = outputs[0]
                .try_extract_tensor::<f32>()
                .map_err(|e| Error::model(format!("reading logits: {e}")))?;
            let expect = [chunk.len() as i64, max_len as i64, n_rows as i64];
            if oshape.as_ref() != expect {
                return Err(Error::model(format!(
                    "{}: logits shape {:?}, expected {expect:?} (labels.json does not match the model)",
                    self.model_path.display(),
                    oshape.as_ref()
                )));
            }
            for (r, &w) in chunk.iter().enumerate() {
                let (_, a, b) = all_windows[w];
                let from = (r * max_len + 1) * n_rows;
                logits[w] = data[from..from + (b - a) * n_rows].to_vec();
            }
        }
        let mut tags: Vec<PieceTag> = Vec::new();
        for reg in &regs {
            decode::merge_window_tags(
                reg.ids.len(),
                &reg.windows,
                |wi, p| {
                    let l = &logits[reg.first_window + wi];
                    decode::tag_piece(
                        &l[p * n_rows..(p + 1) * n_rows],
                        &self.rows,
                        &self.thresholds,
                    )
                },
                &mut tags,
            );
            decode::decode_region(text, reg.base, &reg.offsets, &reg.word_ids, &tags, out);
        }
        Ok(())
    }

    /// A free session if there is one, else waits for one (round robin).
    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        let n = self.sessions.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for k in 0..n {
            if let Ok(g) = self.sessions[(start + k) % n].try_lock() {
                return g;
            }
        }
        // A poisoned session only means another thread panicked mid-run; ORT state is intact.
        match self.sessions[start % n].lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer's offsets are byte offsets into the original text through every
    /// normalisation (lower-casing, accents, CJK split, emoji, CRLF): each piece's text is
    /// the piece itself, lower-cased (or `[UNK]`). Needs no ONNX Runtime.
    #[test]
    fn tokenizer_offsets_are_original_bytes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
        let tok = Tokenizer::from_file(dir.join(TOKENIZER_FILE)).expect("committed tokenizer");
        let text = "Café José 北京 😀\r\nNguyễn\tMÜLLER.";
        let enc = tok.encode(text, false).expect("encode");
        assert!(!enc.get_ids().is_empty());
        let mut last_end = 0;
        let mut seen = String::new();
        for (piece, &(s, e)) in enc.get_tokens().iter().zip(enc.get_offsets()) {
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{s}..{e}"
            );
            assert!(s < e && s >= last_end, "offsets {s}..{e} after {last_end}");
            last_end = e;
            let orig = &text[s..e];
            assert!(
                !orig.contains(char::is_whitespace),
                "piece over whitespace at {s}..{e}"
            );
            let p = piece.trim_start_matches("##");
            // ASCII pieces are the original bytes lower-cased; accented ones lose the accent.
            if orig.is_ascii() {
                assert_eq!(orig.to_ascii_lowercase(), p, "bytes {s}..{e}");
            }
            seen.push_str(orig);
        }
        // Every non-space byte of the text is in exactly one piece.
        let expect: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(seen, expect);
    }

    #[test]
    fn missing_model_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = Ner::load(&NerConfig {
            model_dir: Some(dir.path().to_path_buf()),
            ..NerConfig::default()
        })
        .expect_err("no model");
        assert!(err.to_string().contains(MODEL_FILE), "{err}");
    }
}
