//! Command-line glue: raw flags (clap) -> validated options -> library calls -> exit code.
//!
//! The binary owns no detection logic. Exit codes: 0 success; 1 at least one input failed
//! (the others were still processed); 2 usage or configuration error.

mod commands;
mod gateway;
mod vault;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes: 0 success, 1 at least one input failed (others were processed), 2 usage error.
Nothing unredacted is ever written: an input that fails leaves no output file.
Logs and errors name files, byte offsets and categories, never the text itself.";

#[derive(Parser, Debug)]
#[command(
    name = "phiscrub",
    version,
    about = "Find and remove protected health information (PHI) from clinical text.",
    long_about = "phiscrub finds the 18 HIPAA Safe Harbor identifiers (names, dates, phones, \
addresses, record numbers, ...) in clinical text and replaces them, keeping every other byte \
exactly as it was (whitespace, CRLF, Unicode).",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Redact files and directories into an output directory, in parallel.
    #[command(
        after_help = "Examples:\n  phiscrub redact notes/ -o redacted/\n  phiscrub redact notes/ --glob '*.txt' -o out/ --summary-json summary.json\n\n\
Each input is written to OUTDIR under its path relative to the directory given (a file given \
directly keeps its name). Outputs are written to a temporary file and renamed into place, so a \
failed input leaves nothing behind; inputs are never modified."
    )]
    Redact(RedactArgs),
    /// Redact standard input to standard output (streaming, bounded memory).
    #[command(
        after_help = "Examples:\n  cat note.txt | phiscrub filter > note.redacted.txt\n  tail -f feed.log | phiscrub filter --line-buffered\n\n\
Output is byte-identical to `phiscrub redact` on the same text. Memory stays bounded whatever \
the input size. With --line-buffered each line is processed and flushed on its own (context \
then never crosses a line)."
    )]
    Filter(FilterArgs),
    /// Print detected spans (offsets, labels, scores) without redacting.
    #[command(
        after_help = "Examples:\n  phiscrub detect note.txt\n  phiscrub detect --input-format jsonl corpus.jsonl > spans.jsonl\n  cat note.txt | phiscrub detect --format json -\n\n\
Offsets are UTF-8 byte offsets into the input text. Output never contains the text itself."
    )]
    Detect(DetectArgs),
    /// Score detection against an annotated JSONL corpus.
    #[command(
        after_help = "Examples:\n  phiscrub eval --gold corpora/sample/gold.jsonl --by-label\n  phiscrub eval --gold test.jsonl --json > report.json\n\n\
Gold lines: {\"id\": str, \"text\": str, \"spans\": [{\"start\": int, \"end\": int, \"label\": str}]}.\n\
Token level: a token is a maximal run of alphanumeric characters; a gold token is found if any \
predicted span overlaps it (any label); a predicted token outside every gold span is a false \
positive. Span level: same offsets and label. --errors prints the most frequent missed and \
over-flagged token strings: a developer tool for synthetic or licensed data only."
    )]
    Eval(EvalArgs),
    /// Run the de-identifying LLM gateway (OpenAI- and Anthropic-compatible).
    #[command(after_help = "Examples:\n  phiscrub serve --config gateway.toml\n\n\
Clients point their SDK's base URL at the gateway (http://HOST:PORT/v1) and use a gateway key \
from `phiscrub keys create`. See gateway.example.toml and the README quickstart.")]
    Serve(gateway::ServeArgs),
    /// Manage gateway keys: create, list, revoke, rotate.
    Keys(gateway::KeysArgs),
    /// Gateway audit log: verify, search, export, expire.
    Audit(gateway::AuditArgs),
    /// Test aid: a mock OpenAI/Anthropic upstream on LISTEN (default 127.0.0.1:0).
    #[command(hide = true, name = "mock-upstream")]
    MockUpstream {
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: String,
    },
    /// Put a session's values back into text carrying its tokens (streams stdin to stdout).
    #[command(
        after_help = "Examples:\n  phiscrub redact notes/ -o out/ --session case42 --vault vault.db\n  phiscrub reveal --session case42 --vault vault.db answer.txt\n  llm-client | phiscrub reveal --session case42 --vault vault.db -\n\n\
Restores every token the session issued ([NAME_1], NAME_1, [Name 1], \\[NAME\\_1\\], ...) and, \
under the surrogate and date-shift policies, the fakes and shifted dates it emitted. Tokens that \
look like the session's but were never issued are left as they are and counted on stderr."
    )]
    Reveal(vault::RevealArgs),
    /// Manage the session vault: create a master key, list, purge and expire sessions.
    #[command(subcommand)]
    Vault(vault::VaultCmd),
    /// Developer aid: print each span with its text. Prints PHI; never use on real data.
    #[command(hide = true, name = "dbg")]
    Debug {
        text: String,
        #[command(flatten)]
        model: ModelArgs,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModelFlag {
    /// The model reads only the regions the rules flag as worth a look (names, places, cues,
    /// unknown words).
    Gated,
    /// The model reads every byte (slow; for measuring what gating costs).
    Always,
    /// Rules only (the default: see the model card for why); needs no ONNX Runtime library.
    Off,
}

/// NER model flags shared by every verb that detects.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// When the transformer NER model runs. With gated/always, a missing ONNX Runtime library
    /// or model is an error (run scripts/setup.sh); nothing is redacted without it.
    #[arg(long, value_enum, default_value = "off")]
    pub model: ModelFlag,
    /// Folder holding phiscrub-ner.onnx, tokenizer.json and labels.json (default: the
    /// bundled models/).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
    /// ONNX Runtime threads per model session (default: 1 per session, one session per core).
    #[arg(long, value_name = "N")]
    pub model_threads: Option<usize>,
}

#[derive(Parser, Debug)]
pub struct RedactArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Files or directories to redact (directories are walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output directory (created if missing). Must not be an input.
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: PathBuf,
    /// Only files whose path relative to the given directory matches this glob (repeatable),
    /// e.g. '*.txt' or 'notes/**/*.md'. Default: every file.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Write the run summary (files, failures, counts per label) as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing the file.
    #[arg(long)]
    pub lossy: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Never show a progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
    /// Replace existing output files (default: refuse and report the file).
    #[arg(long)]
    pub overwrite: bool,
    #[command(flatten)]
    pub session: SessionArgs,
}

/// Policy and session flags shared by `redact` and `filter`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SessionArgs {
    /// What replaces PHI: safe-harbor, tokens, surrogates, tags, or a TOML policy file.
    /// Default: safe-harbor without --session (one-way, meets 45 CFR 164.514(b)(2)),
    /// tokens with it (reversible with `phiscrub reveal`).
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
    /// Redact under this vault session (created on first use): the same value gets the same
    /// token in every file and run of the session. Needs --vault and a master key.
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
    /// A session created by this run expires after this many hours (`phiscrub vault gc`
    /// purges it then). Default: never.
    #[arg(long, value_name = "HOURS", requires = "session")]
    pub session_ttl: Option<u64>,
    #[command(flatten)]
    pub vault: VaultArgs,
}

/// Where the vault is and the key that opens it.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct VaultArgs {
    /// The vault file (SQLite; created if missing).
    #[arg(long, env = "PHISCRUB_VAULT", value_name = "FILE")]
    pub vault: Option<PathBuf>,
    /// The vault's master key file (64 hex characters; `phiscrub vault keygen FILE`).
    #[arg(long, env = "PHISCRUB_MASTER_KEY_FILE", value_name = "FILE")]
    pub master_key_file: Option<PathBuf>,
}

#[derive(Parser, Debug)]
pub struct FilterArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Process and flush each line as it arrives (for interactive pipes).
    #[arg(long)]
    pub line_buffered: bool,
    #[command(flatten)]
    pub session: SessionArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Jsonl,
    Json,
    Text,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InFormat {
    Text,
    Jsonl,
}

#[derive(Parser, Debug)]
pub struct DetectArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Input file, or - for standard input.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutFormat,
    /// Input format: plain text, or JSONL lines with "id" and "text".
    #[arg(long, value_enum, default_value = "text")]
    pub input_format: InFormat,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Print per-stage statistics (bytes reaching each stage, time per stage) to stderr.
    #[arg(long)]
    pub stats: bool,
}

#[derive(Parser, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Gold corpus (JSONL).
    #[arg(long, value_name = "FILE.jsonl")]
    pub gold: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Break figures down by label.
    #[arg(long)]
    pub by_label: bool,
    /// Print the 20 most frequent missed and over-flagged token strings (prints corpus text).
    #[arg(long)]
    pub errors: bool,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("phiscrub: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
