//! Segmentation: the unit of detection, shared by batch and streaming.
//!
//! Detection runs on segments, never across them, so the streaming filter (which sees the
//! input a piece at a time) and batch redaction (which sees it whole) cut the text at the same
//! places and produce byte-identical output. A segment ends at the first blank line after
//! `MIN_SEGMENT` bytes (paragraphs are where clinical context ends), or, on text without
//! blank lines, at the last newline (else the last whitespace, else a char boundary) before
//! `MAX_SEGMENT` bytes. Every boundary is decided by a forward scan that never looks more than
//! `MAX_SEGMENT` bytes ahead of the segment start, which is what bounds the filter's memory.
//!
//! A paragraph is also the right scope for the case mode (ALL-CAPS headers next to mixed-case
//! prose), which `detect` computes per segment.

/// A blank line is taken as a boundary only once the segment is at least this long, so a
/// segment has enough words to judge its case mode.
pub const MIN_SEGMENT: usize = 256;
/// No segment is longer than this.
pub const MAX_SEGMENT: usize = 64 * 1024;

/// Returns the end (exclusive) of the segment that starts at `text[0]`, or `None` when `text`
/// may continue and the boundary cannot be decided yet (`eof` false). With `eof` true the
/// answer is always `Some`.
pub fn next_boundary(text: &str, eof: bool) -> Option<usize> {
    let b = text.as_bytes();
    let limit = b.len().min(MAX_SEGMENT);
    // Blank line: "\n" [ \t\r]* "\n", boundary after the second newline.
    let mut from = MIN_SEGMENT.min(limit);
    // A blank line may start a little before MIN_SEGMENT; look back a few bytes.
    from = from.saturating_sub(8);
    let mut i = from;
    while let Some(p) = memchr::memchr(b'\n', &b[i..limit]) {
        let nl = i + p;
        let mut j = nl + 1;
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < b.len() && b[j] == b'\n' {
            if j + 1 >= MIN_SEGMENT {
                return Some(j + 1);
            }
        } else if j >= b.len() && !eof {
            // Cannot tell yet whether this newline starts a blank line.
            return None;
        }
        i = nl + 1;
        if i >= limit {
            break;
        }
    }
    if b.len() <= MAX_SEGMENT {
        return if eof { Some(b.len()) } else { None };
    }
    // Forced cut inside a long paragraph.
    let window = &b[..MAX_SEGMENT];
    if let Some(p) = memchr::memrchr(b'\n', window) {
        return Some(p + 1);
    }
    if let Some(p) = window.iter().rposition(|c| c.is_ascii_whitespace()) {
        return Some(p + 1);
    }
    Some(text.floor_char_boundary(MAX_SEGMENT))
}

/// Iterates `(start, end)` of the segments of a complete text.
pub fn segments(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let len = next_boundary(&text[pos..], true)
            .unwrap_or(text.len() - pos)
            .max(1);
        let s = pos;
        pos += len;
        Some((s, pos))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_text_exactly() {
        let para = "word ".repeat(80);
        let text = format!("{para}\n\n{para}\r\n \r\n{para}");
        let segs: Vec<_> = segments(&text).collect();
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[0].0, 0);
        assert_eq!(segs.last().unwrap().1, text.len());
        for w in segs.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
    }

    #[test]
    fn long_line_is_cut_at_whitespace_and_bounded() {
        let text = "abcdefg ".repeat(30_000);
        for (s, e) in segments(&text) {
            assert!(e - s <= MAX_SEGMENT);
            assert!(e == text.len() || text.as_bytes()[e - 1] == b' ');
        }
        let cjk = "診".repeat(40_000);
        let segs: Vec<_> = segments(&cjk).collect();
        assert!(
            segs.iter()
                .all(|&(s, e)| cjk.is_char_boundary(s) && cjk.is_char_boundary(e))
        );
    }

    #[test]
    fn undecided_without_eof() {
        assert_eq!(next_boundary("short text\n", false), None);
        assert_eq!(next_boundary("short text\n", true), Some(11));
    }
}
