//! Word tokens: the unit the dictionary and the context rules reason about.
//!
//! A word is a maximal run of ASCII letters and digits and non-ASCII bytes (so `José`,
//! `Müller` and `Nguyễn` are one word each). Apostrophes and hyphens are not word bytes, so
//! `O'Brien` is two words joined by `'`; the name rules glue such words back together. The
//! scan is one pass over a 256-entry byte table; it owns no dictionary knowledge (see
//! `dictionary.rs`) and no rule knowledge (see `names.rs`).

/// Byte classes, one lookup per byte.
const WORD: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_digit() {
            WORD | DIGIT
        } else if b.is_ascii_uppercase() {
            WORD | UPPER
        } else if b.is_ascii_lowercase() {
            WORD | LOWER
        } else if b >= 0x80 {
            WORD
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Per byte, what it adds to a word's counts in [`tokenize`], four 16-bit fields: upper-case
/// letters, lower-case letters, digits, and bytes (0 for a byte of no word). One table load
/// and one addition per byte count all four; a word of 65,536 bytes or more, whose fields
/// would overflow, is counted again one byte at a time.
static COUNTS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let c = CLASS[i];
        if c & WORD != 0 {
            t[i] = 1 << 48
                | if c & UPPER != 0 { 1 } else { 0 }
                | if c & LOWER != 0 { 1 << 16 } else { 0 }
                | if c & DIGIT != 0 { 1 << 32 } else { 0 };
        }
        i += 1;
    }
    t
};

#[inline]
pub fn is_word_byte(b: u8) -> bool {
    CLASS[b as usize] & WORD != 0
}

/// The case shape of a word, which matters for names in mixed-case notes and not at all in
/// ALL-CAPS or all-lowercase notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `smith`
    Lower,
    /// `Smith`, `McDonald`
    Capitalized,
    /// `SMITH`
    Upper,
    /// digits only: `2023`
    Digits,
    /// letters and digits: `A12`, `2nd`
    AlphaNum,
    /// anything else, e.g. `iPhone`, or words with non-ASCII letters only
    Other,
    /// non-ASCII symbols without a letter (`U+FFFD`, `°`, emoji): never part of a name
    Symbol,
    /// letters of a script without case (CJK, Arabic, Hebrew): capitalisation says nothing
    Uncased,
}

/// One word of the text. `flags` is filled in by the dictionary stage.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    pub flags: u32,
}

impl Word {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn is_alpha(&self) -> bool {
        matches!(
            self.shape,
            Shape::Lower | Shape::Capitalized | Shape::Upper | Shape::Other | Shape::Uncased
        )
    }

    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// The ASCII shape of a word from its byte counts (`len` bytes, of which `upper`, `lower` and
/// `digit` are ASCII letters and digits; the rest are non-ASCII).
fn shape_of(len: usize, upper: usize, lower: usize, digit: usize, first_upper: bool) -> Shape {
    if digit == len {
        Shape::Digits
    } else if digit > 0 {
        Shape::AlphaNum
    } else if upper == 0 && lower > 0 {
        Shape::Lower
    } else if lower == 0 && upper > 0 {
        if upper == 1 && len > 1 && first_upper {
            // A single capital followed by non-ASCII letters (`Élodie` is Other, `Ñ`...).
            Shape::Capitalized
        } else {
            Shape::Upper
        }
    } else if first_upper {
        Shape::Capitalized
    } else if upper == 0 && lower == 0 && len >= 2 {
        // Non-ASCII only: look at the first char.
        Shape::Other
    } else {
        Shape::Other
    }
}

/// Splits `text` into words, appending to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let n = b.len();
    while i < n {
        // Skip non-word bytes.
        while i < n && CLASS[b[i] as usize] & WORD == 0 {
            i += 1;
        }
        if i >= n {
            break;
        }
        let mut s = i;
        // One pass over the word: its class counts give its shape.
        let mut counts = 0u64;
        while i < n {
            let c = COUNTS[b[i] as usize];
            if c == 0 {
                break;
            }
            // Wraps past 65,535 of a kind; such a word is counted again below.
            counts = counts.wrapping_add(c);
            i += 1;
        }
        // Word bytes include all bytes >= 0x80, so a word always starts and ends on a char
        // boundary: a multi-byte char is either wholly inside or wholly outside.
        let mut e = i;
        let len = e - s;
        let field = |k: u32| (counts >> (16 * k)) as usize & 0xffff;
        let (upper, lower, digit) = if len < 1 << 16 {
            (field(0), field(1), field(2))
        } else {
            let class = |m: u8| {
                b[s..e]
                    .iter()
                    .filter(|&&c| CLASS[c as usize] & m != 0)
                    .count()
            };
            (class(UPPER), class(LOWER), class(DIGIT))
        };
        let first_upper = CLASS[b[s] as usize] & UPPER != 0;
        let mut shape = shape_of(len, upper, lower, digit, first_upper);
        if shape == Shape::Other || upper + lower + digit < len {
            (s, e) = trim_emoji(text, s, e);
            shape = unicode_shape(&text[s..e]);
        }
        out.push(Word {
            start: s,
            end: e,
            shape,
            flags: 0,
        });
    }
}

/// Emoji glued to either end of a word (`Dr😀`, `❤️Ann`) are not part of it: the word is
/// what lies between them. Other symbols and punctuation stay glued (`“John”`, `°C`): the
/// name rules read those as they are.
fn trim_emoji(text: &str, s: usize, e: usize) -> (usize, usize) {
    let w = &text[s..e];
    let inner = w.trim_start_matches(is_emoji);
    if inner.is_empty() {
        return (s, e);
    }
    let lead = w.len() - inner.len();
    let trail = inner.len() - inner.trim_end_matches(is_emoji).len();
    (s + lead, e - trail)
}

/// Pictographs, dingbats, emoji modifiers, variation selectors and the zero-width joiner, but
/// not the letters among them (`🄰`, squared Latin capitals, are alphabetic).
fn is_emoji(c: char) -> bool {
    !c.is_alphanumeric()
        && matches!(
            c,
            '\u{1F000}'..='\u{1FAFF}'
                | '\u{2600}'..='\u{27BF}'
                | '\u{2B00}'..='\u{2BFF}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{200D}'
        )
}

fn unicode_shape(w: &str) -> Shape {
    if !w.chars().any(char::is_alphanumeric) {
        return Shape::Symbol;
    }
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return Shape::Other;
    };
    // A unit or a measurement led by a symbol (`°C`, `±2`, `≥3`, `↑WBC`) is no word of a
    // name. Quotes and other punctuation glued to a word (`“John”`) do not count here.
    if matches!(
        first,
        '°' | 'º'
            | '±'
            | '×'
            | '÷'
            | '≥'
            | '≤'
            | '≈'
            | '→'
            | '←'
            | '↑'
            | '↓'
            | '•'
            | '·'
            | '²'
            | '³'
    ) {
        return Shape::Symbol;
    }
    // `45°`, `90°`: a measurement whose unit is glued on, not a word.
    if first.is_ascii_digit() {
        return Shape::AlphaNum;
    }
    if first.is_alphabetic() && !first.is_uppercase() && !first.is_lowercase() {
        return Shape::Uncased;
    }
    let rest_lower = chars.clone().all(|c| !c.is_uppercase());
    let rest_upper = chars.all(|c| !c.is_lowercase());
    if first.is_uppercase() && rest_lower {
        Shape::Capitalized
    } else if first.is_uppercase() && rest_upper {
        Shape::Upper
    } else if first.is_lowercase() && rest_lower {
        Shape::Lower
    } else {
        Shape::Other
    }
}

/// Base letters of U+00C0..U+017F (Latin-1 letters and Latin Extended-A), lower case; `?`
/// where there is none (`×`, `÷`, `Þ`) or the letter is a ligature ([`fold_latin`] spells
/// those out).
const LATIN_BASE: &[u8; 192] = b"aaaaaa?ceeeeiiiidnooooo?ouuuuy??aaaaaa?ceeeeiiiidnooooo?ouuuuy?y\
aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrr\
sssssssstttttt\
uuuuuuuuuuuuwwyyyzzzzzzs";

/// The ASCII letters of one accented Latin letter: `é` -> `e`, `ß` -> `ss`; `None` for a
/// char that is no Latin letter with diacritics.
fn latin_base(c: char) -> Option<&'static [u8]> {
    match c {
        '\u{DF}' => Some(b"ss"),
        '\u{C6}' | '\u{E6}' => Some(b"ae"),
        '\u{152}' | '\u{153}' => Some(b"oe"),
        '\u{132}' | '\u{133}' => Some(b"ij"),
        '\u{C0}'..='\u{17F}' => {
            Some(std::slice::from_ref(&LATIN_BASE[c as usize - 0xC0])).filter(|b| b[0] != b'?')
        }
        // Romanian comma-below letters, Vietnamese horned letters.
        '\u{218}' | '\u{219}' => Some(b"s"),
        '\u{21A}' | '\u{21B}' => Some(b"t"),
        '\u{1A0}' | '\u{1A1}' => Some(b"o"),
        '\u{1AF}' | '\u{1B0}' => Some(b"u"),
        // Vietnamese letters with two marks (`ễ`, `ậ`, `ỳ`): Latin Extended Additional.
        '\u{1EA0}'..='\u{1EB7}' => Some(b"a"),
        '\u{1EB8}'..='\u{1EC7}' => Some(b"e"),
        '\u{1EC8}'..='\u{1ECB}' => Some(b"i"),
        '\u{1ECC}'..='\u{1EE3}' => Some(b"o"),
        '\u{1EE4}'..='\u{1EF1}' => Some(b"u"),
        '\u{1EF2}'..='\u{1EF9}' => Some(b"y"),
        _ => None,
    }
}

/// `word` with its accented Latin letters replaced by their base letters, lower-cased
/// (`José` -> `jose`, `Müller` -> `muller`, `Nguyễn` -> `nguyen`), so that the ASCII word
/// lists hold it; combining marks (a decomposed `é`) are dropped. `None` when the word has no
/// accented letter or holds another non-ASCII char (CJK, a glued quote), or is longer than
/// `out`. Writes into `out` and returns the length.
pub fn fold_latin(word: &str, out: &mut [u8]) -> Option<usize> {
    let mut n = 0;
    let mut folded = false;
    for c in word.chars() {
        let base: &[u8] = if c.is_ascii() {
            &[c as u8]
        } else if ('\u{300}'..='\u{36F}').contains(&c) {
            folded = true;
            &[]
        } else {
            folded = true;
            latin_base(c)?
        };
        for &b in base {
            *out.get_mut(n)? = b.to_ascii_lowercase();
            n += 1;
        }
    }
    folded.then_some(n)
}

/// How a document uses case. In ALL-CAPS and all-lowercase notes capitalisation says nothing
/// about names, so the name rules lean on dictionaries and cue words instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    Mixed,
    Upper,
    Lower,
}

/// Decides the case mode from the words' shapes (ignoring digits and short words).
pub fn case_mode(words: &[Word]) -> CaseMode {
    let (mut up, mut low, mut cap) = (0usize, 0usize, 0usize);
    for w in words {
        if w.len() < 3 {
            continue;
        }
        match w.shape {
            Shape::Upper => up += 1,
            Shape::Lower => low += 1,
            Shape::Capitalized => cap += 1,
            _ => {}
        }
    }
    let total = up + low + cap;
    if total == 0 {
        return CaseMode::Mixed;
    }
    if up * 10 >= total * 7 {
        CaseMode::Upper
    } else if low * 100 >= total * 93 {
        CaseMode::Lower
    } else {
        CaseMode::Mixed
    }
}

#[cfg(test)]
mod tests {
    /// The shapes of words of 65,536 bytes and more, whose byte counts would overflow the
    /// packed fields of `COUNTS`, are those of short words.
    #[test]
    fn shapes_of_very_long_words() {
        let shape = |t: &str| {
            let mut w = Vec::new();
            super::tokenize(t, &mut w);
            assert_eq!(w.len(), 1);
            w[0].shape
        };
        for len in [5, 65_535, 65_536, 70_000, 131_073] {
            assert_eq!(shape(&"x".repeat(len)), super::Shape::Lower, "{len}");
            assert_eq!(shape(&"7".repeat(len)), super::Shape::Digits, "{len}");
            assert_eq!(shape(&"Q".repeat(len)), super::Shape::Upper, "{len}");
            let cap = format!("K{}", "y".repeat(len));
            assert_eq!(shape(&cap), super::Shape::Capitalized, "{len}");
            let alnum = format!("{}9", "a".repeat(len));
            assert_eq!(shape(&alnum), super::Shape::AlphaNum, "{len}");
        }
    }

    #[test]
    fn accented_latin_letters_fold_to_ascii() {
        let fold = |w: &str| {
            let mut buf = [0u8; 32];
            fold_latin(w, &mut buf).map(|n| String::from_utf8(buf[..n].to_vec()).unwrap())
        };
        assert_eq!(fold("José").as_deref(), Some("jose"));
        assert_eq!(fold("MÜLLER").as_deref(), Some("muller"));
        assert_eq!(fold("Nguyễn").as_deref(), Some("nguyen"));
        assert_eq!(fold("Huỳnh").as_deref(), Some("huynh"));
        assert_eq!(fold("Strauß").as_deref(), Some("strauss"));
        assert_eq!(fold("Łukasz").as_deref(), Some("lukasz"));
        assert_eq!(fold("Ștefan").as_deref(), Some("stefan"));
        assert_eq!(fold("Sørensen").as_deref(), Some("sorensen"));
        assert_eq!(fold("Barre\u{301}").as_deref(), Some("barre"));
        // Nothing to fold, another script, a glued quote, too long.
        assert_eq!(fold("John"), None);
        assert_eq!(fold("张伟"), None);
        assert_eq!(fold("“José”"), None);
        assert_eq!(fold(&"é".repeat(40)), None);
        // Every char of the table's range folds to ASCII letters or to nothing.
        for c in '\u{C0}'..='\u{17F}' {
            if let Some(b) = latin_base(c) {
                assert!(!b.is_empty() && b.iter().all(u8::is_ascii_lowercase), "{c}");
            }
        }
        assert_eq!(latin_base('\u{17E}'), Some(&b"z"[..]));
        assert_eq!(latin_base('\u{F1}'), Some(&b"n"[..]));
        assert_eq!(latin_base('\u{D7}'), None);
    }

    use super::*;

    fn words(t: &str) -> Vec<(String, Shape)> {
        let mut v = Vec::new();
        tokenize(t, &mut v);
        v.iter()
            .map(|w| (t[w.start..w.end].to_string(), w.shape))
            .collect()
    }

    #[test]
    fn splits_on_punctuation_and_keeps_unicode() {
        let w = words("Dr. O'Brien saw José  at 14:30, BP 120/80.");
        let s: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            s,
            [
                "Dr", "O", "Brien", "saw", "José", "at", "14", "30", "BP", "120", "80"
            ]
        );
        assert_eq!(w[4].1, Shape::Capitalized);
        assert_eq!(w[8].1, Shape::Upper);
        assert_eq!(w[6].1, Shape::Digits);
    }

    #[test]
    fn emoji_glued_to_a_word_are_not_part_of_it() {
        let w = words(
            "Dear Dr\u{1F600} Reynolds, \u{2764}\u{FE0F}Ann Smith\u{2019}s °C 😀😀 \u{1F130} 😀\u{1F130}😀",
        );
        let s: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            s,
            [
                "Dear",
                "Dr",
                "Reynolds",
                "Ann",
                "Smith\u{2019}s",
                "°C",
                "😀😀",
                "\u{1F130}",
                "\u{1F130}"
            ]
        );
        assert_eq!(w[1].1, Shape::Capitalized);
        assert_eq!(w[3].1, Shape::Capitalized);
        assert_eq!(w[5].1, Shape::Symbol);
        assert_eq!(w[6].1, Shape::Symbol);
    }

    /// Every character, alone, doubled and around a letter: words stay inside the text, on
    /// char boundaries, in order.
    #[test]
    fn every_char_tokenizes_without_panic() {
        let mut v = Vec::new();
        let mut t = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for form in 0..3 {
                t.clear();
                match form {
                    0 => t.push(c),
                    1 => t.extend([c, c]),
                    _ => t.extend([c, 'a', c]),
                }
                tokenize(&t, &mut v);
                let mut prev = 0;
                for w in &v {
                    assert!(
                        prev <= w.start && w.start < w.end && w.end <= t.len(),
                        "{c:?}"
                    );
                    assert!(t.is_char_boundary(w.start) && t.is_char_boundary(w.end));
                    prev = w.end;
                }
            }
        }
    }

    #[test]
    fn shapes() {
        let w = words("smith SMITH McDonald 2nd ÉLODIE élodie");
        let shapes: Vec<Shape> = w.iter().map(|x| x.1).collect();
        assert_eq!(
            shapes,
            [
                Shape::Lower,
                Shape::Upper,
                Shape::Capitalized,
                Shape::AlphaNum,
                Shape::Upper,
                Shape::Lower
            ]
        );
    }

    #[test]
    fn case_modes() {
        let mut v = Vec::new();
        tokenize("PT TRANSFERRED FROM VAMC FOR CATH", &mut v);
        assert_eq!(case_mode(&v), CaseMode::Upper);
        tokenize("pt transferred from vamc for cath", &mut v);
        assert_eq!(case_mode(&v), CaseMode::Lower);
        tokenize("Patient was transferred from Mercy for cath.", &mut v);
        assert_eq!(case_mode(&v), CaseMode::Mixed);
    }
}
