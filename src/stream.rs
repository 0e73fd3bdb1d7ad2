//! Streaming redaction: unbounded input, bounded memory, output identical to batch.
//!
//! Input is read in blocks, checked as UTF-8 as it arrives (an invalid byte is an error that
//! names its absolute offset, or, with `lossy`, becomes U+FFFD), and cut into the same segments
//! `Engine::detect` uses (`segment.rs`). Each complete segment is detected, redacted and
//! written before the next is read, so memory holds at most one segment (64 KiB) plus one
//! read block, whatever the input size, and the output does not depend on how the input was
//! chunked. With `line_buffered`, every line is a segment and is flushed at once (for
//! interactive pipes); context then never crosses a line, so output can differ from batch.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use crate::engine::{Engine, Redacted};
use crate::error::{Error, ErrorKind, Result};
use crate::segment;
use crate::span::Label;

const READ_BLOCK: usize = 64 * 1024;

/// Options of [`redact_stream`].
#[derive(Debug, Clone, Copy, Default)]
pub struct StreamOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Treat each line as a segment and flush after it.
    pub line_buffered: bool,
}

/// What a stream contained.
#[derive(Debug, Clone, Default)]
pub struct StreamSummary {
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub counts: BTreeMap<Label, u64>,
    /// Invalid UTF-8 sequences replaced (lossy mode only).
    pub replaced: u64,
}

/// Reads `input` to its end and writes the redacted text to `output`.
///
/// On error nothing after the last complete segment is written; callers writing files write
/// to a temporary file and rename only on success (the CLI does), so no partial output
/// remains.
pub fn redact_stream<R: Read, W: Write>(
    engine: &Engine,
    input: R,
    output: W,
    opts: StreamOptions,
) -> Result<StreamSummary> {
    redact_stream_with(input, output, opts, |seg| engine.try_redact(seg))
}

/// As [`redact_stream`], with each segment redacted by `redact` (a session, a policy). An
/// error from `redact` stops the stream: nothing of that segment or after it is written.
pub fn redact_stream_with<R, W, F>(
    mut input: R,
    mut output: W,
    opts: StreamOptions,
    mut redact: F,
) -> Result<StreamSummary>
where
    R: Read,
    W: Write,
    F: FnMut(&str) -> Result<Redacted>,
{
    let mut sum = StreamSummary::default();
    let mut buf: Vec<u8> = Vec::with_capacity(segment::MAX_SEGMENT + READ_BLOCK);
    let mut valid = 0usize; // bytes of buf known to be valid UTF-8
    let mut consumed: u64 = 0; // absolute offset of buf[0]
    let mut eof = false;
    let mut block = vec![0u8; READ_BLOCK];
    let mut counts = [0u64; Label::ALL.len()];
    loop {
        if !eof {
            let n = loop {
                match input.read(&mut block) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Error::io(None, e)),
                }
            };
            if n == 0 {
                eof = true;
            } else {
                buf.extend_from_slice(&block[..n]);
                sum.bytes_in += n as u64;
            }
        }
        // Extend the valid prefix.
        loop {
            match std::str::from_utf8(&buf[valid..]) {
                Ok(_) => {
                    valid = buf.len();
                    break;
                }
                Err(e) => {
                    let at = valid + e.valid_up_to();
                    match e.error_len() {
                        None if !eof => {
                            valid = at;
                            break;
                        }
                        bad => {
                            let len = bad.unwrap_or(buf.len() - at);
                            if !opts.lossy {
                                return Err(Error::new(ErrorKind::InvalidUtf8 {
                                    offset: consumed + at as u64,
                                }));
                            }
                            buf.splice(at..at + len, "\u{FFFD}".bytes());
                            sum.replaced += 1;
                            valid = at + 3;
                        }
                    }
                }
            }
        }
        // Emit every complete segment, then drop them from the buffer in one move.
        // Valid by construction: `valid` only ever advances over checked UTF-8.
        let text = std::str::from_utf8(&buf[..valid]).map_err(|e| {
            Error::new(ErrorKind::InvalidUtf8 {
                offset: consumed + e.valid_up_to() as u64,
            })
        })?;
        let mut done = 0usize;
        while done < text.len() {
            let rest = &text[done..];
            let at_end = eof && valid == buf.len();
            let boundary = if opts.line_buffered {
                match memchr::memchr(b'\n', rest.as_bytes()) {
                    Some(p) if p < segment::MAX_SEGMENT => Some(p + 1),
                    _ => segment::next_boundary(rest, at_end)
                        .filter(|&e| e < rest.len() || at_end || rest.len() > segment::MAX_SEGMENT),
                }
            } else {
                segment::next_boundary(rest, at_end)
            };
            let Some(mut end) = boundary else { break };
            // Several complete segments go to the engine at once (up to one segment's size),
            // so the NER model batches their windows; the engine cuts them at the same
            // boundaries, so the output does not change.
            if !opts.line_buffered {
                while end < rest.len() && end < segment::MAX_SEGMENT {
                    match segment::next_boundary(&rest[end..], at_end) {
                        Some(e) if end + e <= segment::MAX_SEGMENT => end += e,
                        _ => break,
                    }
                }
            }
            let seg = &rest[..end];
            let red = redact(seg)?;
            for s in &red.spans {
                counts[s.label as usize] += 1;
            }
            let red = red.text;
            output
                .write_all(red.as_bytes())
                .map_err(|e| Error::io(None, e))?;
            sum.bytes_out += red.len() as u64;
            if opts.line_buffered {
                output.flush().map_err(|e| Error::io(None, e))?;
            }
            done += end;
        }
        buf.drain(..done);
        valid -= done;
        consumed += done as u64;
        if eof && buf.is_empty() {
            break;
        }
    }
    output.flush().map_err(|e| Error::io(None, e))?;
    for l in Label::ALL {
        if counts[l as usize] > 0 {
            sum.counts.insert(l, counts[l as usize]);
        }
    }
    Ok(sum)
}
