//! Key-value records pasted into text: the identifiers of a JSON object or an XML document
//! (C-CDA) by key or element name.
//!
//! Clinicians paste FHIR resources and export rows into prompts (`Summarise this: {"name":
//! [{"family": "Okafor", "given": ["Chidi"]}], "address": [{"line": ["310 Harbor View Ter"],
//! "city": "Gloucester", "postalCode": "01930"}], "age": "94"}`). The key says what the value
//! is, where the value alone (a surname that is also a word, a bare ZIP) says little. This
//! module owns the table of keys: a quoted key, a colon, then a quoted string or an array of
//! them; an XML element of one line (`<city>Framingham</city>`); and the identifier attributes
//! of C-CDA (`<id root="..." extension="004417823"/>`, `<birthTime value="19380502"/>`).
//! And the columns of a delimited table under a header row (`UNIT,BED,PT_NAME,MRN,FIN,AGE`,
//! `| Date | Dose | Nurse |`, a tab-separated flowsheet with an `INIT` column): the header
//! names what each cell below it holds. Nothing else is read.

use crate::span::{Label, Source, Span};

use super::dictionary::{COMMON, ENGLISH, FIRST, MEDICAL, NICK, ROLE, SURNAME, UNIT};
use super::words::Word;

/// The label of a key, compared without case, `_` or `-` (`postal_code`, `postalCode`).
fn key_label(key: &[u8]) -> Option<Label> {
    let mut k = [0u8; 24];
    let mut n = 0;
    for &c in key {
        if c == b'_' || c == b'-' {
            continue;
        }
        if n == k.len() {
            return None;
        }
        k[n] = c.to_ascii_lowercase();
        n += 1;
    }
    Some(match &k[..n] {
        b"family" | b"familyname" | b"lastname" | b"surname" | b"given" | b"givenname"
        | b"firstname" | b"middlename" | b"patientname" | b"fullname" | b"maidenname"
        | b"mothersmaidenname" | b"preferredname" | b"nickname" | b"pcp" | b"guardian"
        | b"emergencycontact" | b"contactname" | b"nextofkin" => Label::Name,
        b"birthdate" | b"dob" | b"dateofbirth" | b"deceaseddatetime" | b"deathdate"
        | b"admitdate" | b"admissiondate" | b"dischargedate" => Label::Date,
        // States and countries too: detected like every place, kept by the Safe Harbor policy.
        b"city" | b"town" | b"county" | b"district" | b"birthplace" | b"state" | b"province"
        | b"country" => Label::Location,
        b"postalcode" | b"zip" | b"zipcode" | b"postcode" => Label::Zip,
        b"line" | b"street" | b"streetaddress" | b"address1" | b"address2" | b"addressline"
        | b"addressline1" | b"addressline2" | b"streetaddressline" => Label::Address,
        b"phone" | b"telephone" | b"mobile" | b"cell" | b"homephone" | b"workphone" => Label::Phone,
        b"fax" => Label::Fax,
        b"email" => Label::Email,
        b"ssn" | b"socialsecuritynumber" | b"ssnlast4" | b"last4ssn" => Label::Ssn,
        b"memberid" | b"subscriberid" | b"policynumber" | b"medicaidid" | b"medicareid" => {
            Label::HealthPlan
        }
        b"payer" | b"insurer" | b"employer" => Label::Organization,
        b"mrn" | b"medicalrecordnumber" => Label::Mrn,
        b"age" => Label::Age,
        // A resource's id and a reference to one (`"id": "pt-3391827"`, `"reference":
        // "Patient/pt-3391827"`): taken when they hold four digits or more (`value`).
        b"id" | b"reference" => Label::Id,
        _ => return None,
    })
}

/// Appends the values of the known keys of the JSON text in `seg` to `out`.
pub(crate) fn find(seg: &str, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // `":` is where a key ends; most text has none.
    for colon in memchr::memmem::find_iter(b, b"\":") {
        let Some(open) = memchr::memrchr(b'"', &b[..colon]) else {
            continue;
        };
        let Some(label) = key_label(&b[open + 1..colon]) else {
            continue;
        };
        // The value: a string, or an array of strings, on the same line or not.
        let mut i = colon + 2;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let array = b.get(i) == Some(&b'[');
        if array {
            i += 1;
        }
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || array && b[i] == b',') {
                i += 1;
            }
            if b.get(i) != Some(&b'"') {
                // A bare number of a key that names one (`"age": 93`, `"zip": 02139`).
                let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if !array
                    && n > 0
                    && matches!(label, Label::Age | Label::Zip | Label::Id | Label::Mrn)
                    && b.get(i + n)
                        .is_none_or(|c| matches!(c, b',' | b'}' | b'\n' | b' ' | b'\r'))
                {
                    value(seg, i, i + n, label, out);
                }
                break;
            }
            let s = i + 1;
            let Some(len) = memchr::memchr2(b'"', b'\n', &b[s..]) else {
                break;
            };
            let e = s + len;
            if b[e] != b'"' {
                break;
            }
            value(seg, s, e, label, out);
            i = e + 1;
            if !array {
                break;
            }
        }
    }
}

/// Appends the values of the known elements of the XML text in `seg` to `out`: the text of a
/// one-line element (`<given>Imre</given>`), an `<id>`'s `extension` and a time element's
/// `value` (C-CDA's `<effectiveTime value="20240611143022-0500"/>`).
pub(crate) fn find_xml(seg: &str, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // `</` is where an element ends; most text has none.
    for close in memchr::memchr_iter(b'<', b).filter(|&i| b.get(i + 1) == Some(&b'/')) {
        let name_end = close + 2 + b[close + 2..].iter().take_while(|c| is_name(**c)).count();
        if b.get(name_end) != Some(&b'>') {
            continue;
        }
        let Some(label) = key_label(&b[close + 2..name_end]) else {
            continue;
        };
        // The element's text runs back to the `>` of its opening tag, on the same line.
        let Some(gt) = memchr::memrchr3(b'>', b'<', b'\n', &b[..close]) else {
            continue;
        };
        if b[gt] != b'>' {
            continue;
        }
        let open = memchr::memrchr(b'<', &b[..gt]).unwrap_or(gt);
        let name = &b[open + 1..gt];
        let name = &name[..name.iter().take_while(|c| is_name(**c)).count()];
        if name == &b[close + 2..name_end] {
            value(seg, gt + 1, close, label, out);
        }
    }
    for attr in memchr::memchr_iter(b'=', b).filter(|&i| b.get(i + 1) == Some(&b'"')) {
        let key_start = attr - b[..attr].iter().rev().take_while(|c| is_name(**c)).count();
        let key = &b[key_start..attr];
        let s = attr + 2;
        let Some(len) = memchr::memchr2(b'"', b'\n', &b[s..]) else {
            continue;
        };
        let e = s + len;
        // The element the attribute belongs to.
        let Some(lt) = memchr::memrchr2(b'<', b'>', &b[..key_start]) else {
            continue;
        };
        if b[lt] != b'<' || b[e] != b'"' {
            continue;
        }
        let element = &b[lt + 1..];
        let element = &element[..element.iter().take_while(|c| is_name(**c)).count()];
        let v = &b[s..e];
        if key == b"extension" && element.eq_ignore_ascii_case(b"id") {
            value(seg, s, e, Label::Id, out);
        } else if key == b"value"
            && element.len() >= 4
            && element[element.len() - 4..].eq_ignore_ascii_case(b"time")
            && v.len() >= 8
            && v[..8].iter().all(u8::is_ascii_digit)
        {
            out.extend(Span::checked(
                seg,
                s,
                s + 8,
                Label::Date,
                0.9,
                Source::Pattern,
            ));
        }
    }
}

/// Appends the names and address parts of the vCards in `seg` (`N:Tran;Minh;;Dr.;MD`,
/// `ADR;TYPE=WORK:;;90 Harbor Rd;Madison;WI;53703;USA`) to `out`: their components are
/// separated by `;` in a fixed order (family, given, middle, prefix, suffix; box, extended,
/// street, city, region, code, country). Other properties hold formatted values that the
/// pattern stage finds (`TEL`, `EMAIL`) or prose (`FN`, `NOTE`).
pub(crate) fn find_vcard(seg: &str, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // A card opens with `BEGIN:VCARD` (found by its colon: no substring searcher to build).
    let card = memchr::memchr_iter(b':', b).any(|i| {
        i >= 5
            && b[i - 5..i].eq_ignore_ascii_case(b"begin")
            && b.get(i + 1..i + 6)
                .is_some_and(|v| v.eq_ignore_ascii_case(b"vcard"))
    });
    if !card {
        return;
    }
    let mut at = 0;
    for line in b.split(|&c| c == b'\n') {
        let start = at;
        at += line.len() + 1;
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let property = &line[..line[..colon].iter().take_while(|&&c| c != b';').count()];
        let labels: &[Label] = match property {
            b"N" => &[Label::Name, Label::Name, Label::Name],
            b"ADR" => &[
                Label::Address,
                Label::Address,
                Label::Address,
                Label::Location,
                Label::Location,
                Label::Zip,
                Label::Location,
            ],
            _ => continue,
        };
        let value = &line[colon + 1..];
        let mut s = start + colon + 1;
        for (k, part) in value.split(|&c| c == b';').enumerate() {
            let part = part.strip_suffix(b"\r").unwrap_or(part);
            if let Some(label) = labels.get(k)
                && !part.trim_ascii().is_empty()
            {
                out.extend(Span::checked(
                    seg,
                    s,
                    s + part.len(),
                    *label,
                    0.9,
                    Source::Pattern,
                ));
            }
            s += part.len() + 1;
        }
    }
}

/// The label of a table's column by its header cell, compared without case and without
/// anything but letters and digits (`PT_NAME`, `MR#`, `Admit Dt`). Stricter than [`key_label`]:
/// a header is a short word, and a column of `State` or `Site` holds other things too.
fn column_label(cell: &[u8]) -> Option<Label> {
    let mut k = [0u8; 20];
    Some(match folded(cell, &mut k)? {
        b"name" | b"ptname" | b"patientname" | b"patient" | b"lastname" | b"firstname"
        | b"ptlast" | b"ptfirst" | b"surname" | b"givenname" | b"fullname" | b"attending"
        | b"provider" | b"physician" | b"nurse" | b"rn" | b"sitter" | b"therapist" | b"tech"
        | b"technician" | b"staff" | b"initials" | b"init" | b"inits" | b"signature"
        | b"signedby" | b"givenby" | b"checkedby" | b"verifiedby" | b"witness" | b"caregiver"
        | b"guardian" | b"pcp" | b"surgeon" | b"resident" | b"scribe" | b"interpreter" | b"by"
        | b"doneby" | b"recordedby" | b"performedby" | b"enteredby" => Label::Name,
        b"mrn"
        | b"mr"
        | b"mrno"
        | b"medicalrecordnumber"
        | b"chartno"
        | b"hospno"
        | b"hospitalno"
        | b"urn"
        | b"patientid"
        | b"ptid" => Label::Mrn,
        b"fin" | b"acct" | b"account" | b"accountno" | b"csn" | b"encounter" | b"encounterid"
        | b"visitid" | b"har" | b"claimno" => Label::Account,
        b"dob" | b"birthdate" | b"dateofbirth" | b"admitdt" | b"admitdate" | b"admissiondate"
        | b"dischargedate" | b"edd" | b"apptdate" | b"visitdate" | b"dos" => Label::Date,
        b"age" => Label::Age,
        b"phone" | b"tel" | b"telephone" | b"cell" | b"mobile" | b"homephone" => Label::Phone,
        b"address" | b"addr" | b"street" | b"streetaddress" | b"address1" => Label::Address,
        b"city" | b"town" | b"county" => Label::Location,
        b"zip" | b"zipcode" | b"postcode" | b"postalcode" => Label::Zip,
        b"email" => Label::Email,
        b"ssn" => Label::Ssn,
        b"memberid" | b"policyno" | b"subscriberid" | b"insuranceid" | b"medicaidid" => {
            Label::HealthPlan
        }
        _ => return None,
    })
}

/// Words a cell of a name's column holds when it names no one (`BLOCKED`, `n/a`, `-`).
fn no_one(cell: &[u8]) -> bool {
    const NOTHING: &[&[u8]] = &[
        b"na",
        b"none",
        b"tbd",
        b"unk",
        b"self",
        b"pending",
        b"blocked",
        b"vacant",
        b"yes",
        b"no",
        b"ok",
        b"done",
        b"same",
        b"all",
        b"other",
        b"clean",
        b"dirty",
        b"closed",
        b"open",
        b"see",
        b"prn",
        b"rn",
        b"md",
        b"lpn",
        b"cna",
        b"np",
        b"pa",
        b"pt",
        b"lab",
        b"er",
        b"ed",
        b"icu",
        b"or",
        b"off",
        b"on",
        b"unknown",
        b"retired",
        b"student",
        b"disabled",
        b"selfpay",
        b"mother",
        b"father",
        b"spouse",
        b"wife",
        b"husband",
        b"parent",
    ];
    let mut k = [0u8; 12];
    folded(cell, &mut k).is_some_and(|key| key.len() < 2 || NOTHING.contains(&key))
}

/// A value that names no one, of a key (`Unknown`, `Self`, `Retired`; an initial does: `M.`).
fn placeholder(v: &[u8]) -> bool {
    v.iter().filter(|c| c.is_ascii_alphanumeric()).count() >= 2 && no_one(v)
}

/// The ASCII letters and digits of `cell`, lower-cased into `buf` (the rest left out), or
/// `None` when they do not fit: a header's or a cell's key.
fn folded<'b>(cell: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut n = 0;
    for &c in cell.iter().filter(|c| c.is_ascii_alphanumeric()) {
        *buf.get_mut(n)? = c.to_ascii_lowercase();
        n += 1;
    }
    Some(&buf[..n])
}

/// The cells of one line of a table: `(start, end)` offsets into the line, trimmed of blanks and
/// of the quotes of a CSV field (whose commas stay inside it). Leading and trailing `|` of a
/// pipe table give empty cells at both ends, in the header and the rows alike.
fn cells(line: &[u8], delim: u8, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut i = 0;
    loop {
        let (s, e, next) = if delim == b',' && line.get(i) == Some(&b'"') {
            let close = memchr::memchr(b'"', &line[i + 1..]).map_or(line.len(), |k| i + 1 + k);
            let next = memchr::memchr(delim, &line[close.min(line.len())..]).map(|k| close + k + 1);
            (i + 1, close, next)
        } else {
            let end = memchr::memchr(delim, &line[i..]).map_or(line.len(), |k| i + k);
            (i, end, (end < line.len()).then_some(end + 1))
        };
        let lead = line[s..e]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        let trail = line[s + lead..e]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        out.push((s + lead, e - trail));
        match next {
            Some(n) => i = n,
            None => break,
        }
    }
}

/// The delimiter of a table's line: two `|` or more, else two tabs or more, else two commas or
/// more (three cells, as a header needs).
fn delimiter(line: &[u8]) -> Option<u8> {
    // One pass for the three counts (the compiler vectorises it): every line of every text
    // comes here.
    let (mut pipes, mut tabs, mut commas) = (0usize, 0usize, 0usize);
    for &c in line {
        pipes += usize::from(c == b'|');
        tabs += usize::from(c == b'\t');
        commas += usize::from(c == b',');
    }
    if pipes >= 2 {
        Some(b'|')
    } else if tabs >= 2 {
        Some(b'\t')
    } else if commas >= 2 {
        Some(b',')
    } else {
        None
    }
}

/// Appends the cells of a delimited table's columns whose header says what they hold: a header
/// line of three cells at least that are not empty, one of them a known column
/// ([`column_label`]), every one short (24 bytes at most), with no comma and no number of its
/// own (`1,,FirstName,,Priyanka` and `| Name | Eliza | Room 4 |` are no headers) and, with
/// commas, no blank; then the rows below it with the same delimiter and the same number of
/// cells, up to a line of blanks or a line with another count (prose). Rule lines (`|----|`,
/// `--+--`) are passed over, and so is a row's cell that is a column's name itself (a header
/// repeated after a page break). A cell is taken only where no span of `out[first..]`
/// overlaps it (the rules read names and roles inside a cell finer: `charge RN T. Abernathy`),
/// and only with what its column says ([`cell`]). `words` are the text's words with their
/// dictionary flags, for a name's cell. Runs after the other rules.
pub(crate) fn find_tables(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // Most texts hold no table: no `|` or tab at all, and no comma run into the next field
    // (`PT_NAME,MRN`, `,,`, `,"`) as a CSV line has. Vectorised searches tell at once.
    let csv = || {
        memchr::memchr_iter(b',', b).any(|i| {
            b.get(i + 1)
                .is_some_and(|&c| c.is_ascii_alphabetic() || matches!(c, b',' | b'"'))
        })
    };
    if memchr::memchr2(b'|', b'\t', b).is_none() && !csv() {
        return;
    }
    let mut header: Vec<(usize, usize)> = Vec::new();
    let mut row: Vec<(usize, usize)> = Vec::new();
    // The open table: its delimiter, cell count and the label of each column.
    let mut table: Option<(u8, usize, Vec<Option<Label>>)> = None;
    let mut taken: Option<Vec<(usize, usize)>> = None;
    let mut at = 0;
    while at < b.len() {
        let end = super::names::line_end(b, at);
        let line = &b[at..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let start = at;
        at = end + 1;
        // Most lines are prose: no table is open, no `|` or tab, and a blank (a CSV header has
        // none). Two vectorised searches tell, without reading the line byte by byte.
        if table.is_none()
            && memchr::memchr2(b'|', b'\t', line).is_none()
            && (memchr::memchr(b' ', line).is_some() || memchr::memchr(b',', line).is_none())
        {
            continue;
        }
        // A line of blanks alone (tabs too) ends the table.
        if line.iter().all(u8::is_ascii_whitespace) {
            table = None;
            continue;
        }
        // A rule line (`|----|`, `--+--`).
        let rule = line.iter().any(|c| matches!(c, b'-' | b'+' | b'='))
            && line
                .iter()
                .all(|c| matches!(c, b'-' | b'+' | b'|' | b':' | b'=' | b' ' | b'\t'));
        if rule && table.is_some() {
            continue;
        }
        let Some(delim) = delimiter(line) else {
            table = None;
            continue;
        };
        if let Some((d, n, labels)) = &table {
            cells(line, delim, &mut row);
            if *d == delim && row.len() == *n {
                // The spans the rules found, sorted once per text, each end the furthest up to
                // it: a cell is checked against them by a binary search (not against the cells
                // this stage adds, which never overlap one another).
                let found = taken.get_or_insert_with(|| {
                    let mut v: Vec<(usize, usize)> =
                        out[first..].iter().map(|sp| (sp.start, sp.end)).collect();
                    v.sort_unstable();
                    let mut reach = 0;
                    for p in v.iter_mut() {
                        reach = reach.max(p.1);
                        p.1 = reach;
                    }
                    v
                });
                for (&(s, e), label) in row.iter().zip(labels) {
                    // A header repeated below (after a page break) or a key of a key-value
                    // grid names no one.
                    if let Some(label) = label
                        && column_label(&line[s..e]).is_none()
                    {
                        cell(seg, words, start + s, start + e, *label, found, out);
                    }
                }
                continue;
            }
        }
        // A header?
        table = None;
        cells(line, delim, &mut header);
        // Header cells are short names of columns: no number of their own (`Room 4`, `1`;
        // `icd10` is a name), no comma (`KING, JOHN`: a key-value grid's value), no blank in a
        // CSV header.
        let short = header.iter().all(|&(s, e)| {
            let c = &line[s..e];
            let blank = c.iter().any(u8::is_ascii_whitespace);
            let numbered = c.first().is_some_and(u8::is_ascii_digit)
                || blank && c.iter().any(u8::is_ascii_digit);
            let long = c.len() > 24 || c.contains(&b',');
            !(numbered || long || delim == b',' && blank)
        });
        if !short || header.iter().filter(|&&(s, e)| e > s).count() < 3 {
            continue;
        }
        let labels: Vec<Option<Label>> = header
            .iter()
            .map(|&(s, e)| column_label(&line[s..e]))
            .collect();
        if labels.iter().any(Option::is_some) {
            table = Some((delim, header.len(), labels));
        }
    }
}

/// A table's cell `seg[s..e]` under a column of `label`, if it holds what the column says and
/// no span of `found` (sorted by start, each end the furthest up to it) overlaps it: a name (see
/// [`name_cell`]), a place or address with a letter, an e-mail with `@`, a phone of seven digits
/// or more, an age (90 or over: [`value`]), another number of four digits or more.
fn cell(
    seg: &str,
    words: &[Word],
    s: usize,
    e: usize,
    label: Label,
    found: &[(usize, usize)],
    out: &mut Vec<Span>,
) {
    let v = &seg.as_bytes()[s..e];
    let digits = v.iter().filter(|c| c.is_ascii_digit()).count();
    let flags = |at: usize| {
        words
            .binary_search_by_key(&(s + at), |w| w.start)
            .map_or(0, |k| words[k].flags)
    };
    let ok = match label {
        Label::Name => name_cell(v, flags).map(|(a, b)| (s + a, s + b)),
        Label::Location | Label::Address => {
            (v.iter().any(u8::is_ascii_alphabetic) && !no_one(v)).then_some((s, e))
        }
        Label::Email => v.contains(&b'@').then_some((s, e)),
        Label::Phone => (digits >= 7).then_some((s, e)),
        Label::Age => Some((s, e)),
        _ => (digits >= 4).then_some((s, e)),
    };
    let Some((s, e)) = ok else {
        return;
    };
    // The spans that start before the cell ends overlap it if the furthest end among them
    // passes the cell's start.
    let before = found.partition_point(|p| p.0 < e);
    if before > 0 && found[before - 1].1 > s {
        return;
    }
    value(seg, s, e, label, out);
}

/// The name a name column's cell holds, as offsets into `v`, if it holds one: one to four words
/// of letters (`.`, `-` and apostrophes among them), apart by blanks or a comma (`WOOD, SUMMER`,
/// `Joy-Beth M.`), less a credential at its end (`Hollis, Kate LPN`). A word of three letters
/// or fewer alone is a person's initials in any case (`DW`, `jbm`); otherwise every word opens
/// with a capital and is no common, clinical or role word unless it is also a listed name or
/// a clinical word that is no English one, an eponym's surname (`flags`: the dictionary's flags
/// of the word at an offset of `v`; `WOOD`, `SUMMER` and `Crohn` are names, `Night shift`,
/// `Emergency Dept` and `Cardiology` are not). Never a word that names no one
/// ([`no_one`]), a title or a role (`Dr. Szabo`, `charge RN`: the rules read those), nor
/// anything with a digit, bracket or mark.
fn name_cell(v: &[u8], flags: impl Fn(usize) -> u32) -> Option<(usize, usize)> {
    const CREDENTIALS: &[&[u8]] = &[
        b"RN", b"LPN", b"MD", b"DO", b"NP", b"PA", b"PA-C", b"CNA", b"MHT", b"PCA", b"RTT", b"PHD",
        b"CRNA", b"RT", b"PT", b"OT", b"MA", b"HT",
    ];
    const ROLES: &[&[u8]] = &[
        b"dr",
        b"mr",
        b"mrs",
        b"ms",
        b"rn",
        b"charge",
        b"tech",
        b"attending",
        b"nurse",
        b"resident",
        b"float",
        b"relief",
        b"break",
        b"unknown",
        b"unidentified",
        b"trauma",
        b"team",
        b"unit",
    ];
    if no_one(v) || v.len() > 40 {
        return None;
    }
    // Up to five words (a fifth may be a credential), without allocating.
    let mut found = [(0usize, 0usize); 5];
    let mut n = 0;
    let mut i = 0;
    while i < v.len() {
        if matches!(v[i], b' ' | b',') {
            i += 1;
            continue;
        }
        let s = i;
        while i < v.len() && !matches!(v[i], b' ' | b',') {
            i += 1;
        }
        if n == found.len() {
            return None;
        }
        found[n] = (s, i);
        n += 1;
    }
    if n > 1
        && CREDENTIALS.contains(&{
            let (s, e) = found[n - 1];
            v[s..e].strip_suffix(b".").unwrap_or(&v[s..e])
        })
    {
        n -= 1;
    }
    let words = &found[..n];
    let letters = |w: &[u8]| {
        (w[0].is_ascii_alphabetic() || w[0] >= 0x80)
            && w.iter()
                .all(|&c| c.is_ascii_alphabetic() || c >= 0x80 || matches!(c, b'.' | b'-' | b'\''))
    };
    let role = |w: &[u8]| {
        let w = w.strip_suffix(b".").unwrap_or(w);
        ROLES.iter().any(|r| w.eq_ignore_ascii_case(r))
    };
    let initials = words.len() == 1 && {
        let w = &v[words[0].0..words[0].1];
        w.len() <= 3 && w.iter().all(u8::is_ascii_alphabetic)
    };
    let named_word = |&(s, e): &(usize, usize)| {
        let f = flags(s);
        // A clinical word that is no English one is an eponym's surname here (`Crohn`), not
        // a specialty or a specialist (`Endocrinology`, `Hospitalist`, `Physiatry`).
        let specialty = || {
            let w = &v[s..e];
            [&b"ology"[..], b"ist", b"iatry", b"ics", b"ine"]
                .iter()
                .any(|x| w.len() >= x.len() && w[w.len() - x.len()..].eq_ignore_ascii_case(x))
        };
        (v[s].is_ascii_uppercase() || v[s] >= 0x80)
            && (f & (COMMON | MEDICAL | UNIT | ROLE) == 0
                || f & (FIRST | SURNAME | NICK) != 0
                || f & (COMMON | UNIT | ROLE | ENGLISH) == 0 && !specialty())
            && e > s
    };
    let named = (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|&(s, e)| letters(&v[s..e]) && !role(&v[s..e]))
        && (initials || words.iter().all(named_word));
    named.then(|| (words[0].0, words[words.len() - 1].1))
}

/// A byte of an XML or attribute name (ASCII letters, digits, `_`, `-`, `:`, `.`).
fn is_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.')
}

fn value(seg: &str, s: usize, e: usize, label: Label, out: &mut Vec<Span>) {
    let v = &seg.as_bytes()[s..e];
    if v.trim_ascii().is_empty() {
        return;
    }
    let ok = match label {
        // A placeholder names no one (`"pcp": "Unknown"`, `"employer": "Retired"`).
        Label::Name | Label::Organization => !placeholder(v),
        // Ages of 89 and under are no identifier (45 CFR 164.514(b)(2)(i)(C)).
        Label::Age => std::str::from_utf8(v)
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok())
            .is_some_and(|a| (90..=130).contains(&a)),
        // Ids and references name a record when they hold four digits or more; the type of a
        // reference (`Patient/`) stays out.
        Label::Id => v.iter().filter(|c| c.is_ascii_digit()).count() >= 4,
        _ => true,
    };
    if !ok {
        return;
    }
    let s = match label {
        Label::Id => memchr::memrchr(b'/', v).map_or(s, |k| s + k + 1),
        _ => s,
    };
    out.extend(Span::checked(seg, s, e, label, 0.9, Source::Pattern));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, Label)> {
        crate::detect::found_by(text, find)
    }

    #[test]
    fn columns_of_a_table_by_their_header() {
        let find = |text: &str| {
            let mut words = Vec::new();
            crate::detect::words::tokenize(text, &mut words);
            let mut out = Vec::new();
            find_tables(text, &words, 0, &mut out);
            out.iter()
                .map(|s| (text[s.start..s.end].to_string(), s.label))
                .collect::<Vec<_>>()
        };
        // A CSV export: quoted names with commas, an account column, ages of 90 and over.
        let csv = "UNIT,BED,PT_NAME,MRN,FIN,AGE\n4W,401A,\"WOOD, SUMMER\",NG01288475,500229981,78\n\
                   4W,402A,BLOCKED,,,\n4W,402B,\"TRUONG, MINH\",NG02217730,500232019,91\n";
        crate::detect::assert_found(
            &find(csv),
            &[
                ("WOOD, SUMMER", Label::Name),
                ("NG01288475", Label::Mrn),
                ("500229981", Label::Account),
                ("TRUONG, MINH", Label::Name),
                ("NG02217730", Label::Mrn),
                ("500232019", Label::Account),
                ("91", Label::Age),
            ],
        );
        // A pipe table with a rule line and a nurse's initials; a tab-separated flowsheet.
        let pipes = "| FX | DATE | DOSE | THERAPIST |\n|----|------|------|-----------|\n\
                     | 8 | 01/08/25 | 200 | KJ |\n| 9 | 01/09/25 | 200 | - |\n\nKJ again\n";
        crate::detect::assert_found(&find(pipes), &[("KJ", Label::Name)]);
        let tabs = "TIME\tBP\tHR\tINIT\n11:08\t150/82\t80\tDW\n11:30\t144/80\t78\tMF RN\n";
        crate::detect::assert_found(&find(tabs), &[("DW", Label::Name), ("MF", Label::Name)]);
        // An event log's `BY` column of initials.
        let log = "TIME | EVENT | MEDS | BY\n-----+-------+------+---\n0402 | PEA | epi 1mg | ne\n";
        crate::detect::assert_found(&find(log), &[("ne", Label::Name)]);
        // A row is no header (`1,,FirstName,...`); two cells make no header; roles and
        // titles in a cell are left to the rules.
        // An eponym's surname in a physician's column; not a department (the dictionary's
        // flags: the whole engine).
        let pcp =
            "mrn,last_name,pcp,a1c\n4410928,Nguyen,Crohn,9.8\n4418370,Adeyemi,Cardiology,7.1\n";
        let engine = crate::Engine::new(crate::EngineConfig::default()).unwrap();
        let names: Vec<&str> = engine
            .detect(pcp)
            .iter()
            .filter(|s| s.label == Label::Name)
            .map(|s| &pcp[s.start..s.end])
            .collect();
        assert_eq!(names, ["Nguyen", "Crohn", "Adeyemi"]);
        let csv = "mrn,last_name,pcp\n1,Nguyen,Endocrinology\n2,Moss,Hospitalist\n";
        let names: Vec<&str> = engine
            .detect(csv)
            .iter()
            .filter(|s| s.label == Label::Name)
            .map(|s| &csv[s.start..s.end])
            .collect();
        assert_eq!(names, ["Nguyen", "Moss"]);
        assert!(find("1,,FirstName,,Priyanka,,\n2,,LastName,,Ellis,,\n").is_empty());
        assert!(find("| Patient | Gutierrez |\n| DOB | 06/30/1979 |\n").is_empty());
        assert!(find("Bed | Staff | Note\n4 | charge RN T. Abernathy | ok\n").is_empty());
        // A key-value grid is no table; a header repeated below names no one; a line of
        // blanks ends a table; common words and clinical places in a name column are no names.
        assert!(find("| Name | Eliza Doolittle | Room 4 |\n| DOB | 01/02/1950 | x |\n").is_empty());
        assert!(find("Patient\tKING, JOHN\tCity\tBoston\nSex\tF\tState\tMA\n").is_empty());
        crate::detect::assert_found(
            &find("| Bed | Name | Age |\n| 1 | Smith, Jo | 91 |\n| Bed | Name | Age |\n"),
            &[("Smith, Jo", Label::Name), ("91", Label::Age)],
        );
        assert!(find("NAME\tMRN\tAGE\n\t\t\nDOB\tSex\t95\n").is_empty());
        assert!(
            find("Time | Given by | Dose\n0800 | see MAR | 5\n0900 | Night shift | 5\n").is_empty()
        );
        // Three columns of CSV; a number column needs four digits, a phone seven.
        crate::detect::assert_found(
            &find("NAME,MRN,AGE\nKING,12345,91\nLEE,2+,40\n"),
            &[
                ("KING", Label::Name),
                ("12345", Label::Mrn),
                ("91", Label::Age),
                ("LEE", Label::Name),
            ],
        );
    }

    #[test]
    fn values_by_key() {
        let text = r#"{"name": [ { "family": "Okafor", "given": [ "Chidi", "Emeka" ] } ],
  "age": "94", "address": [ { "line": [ "310 Harbor View Ter" ], "city": "Gloucester",
  "state": "MA", "postal_code": "01930" } ], "status": "active", "AGE": "62"}"#;
        let got = spans(text);
        let want = [
            ("Okafor", Label::Name),
            ("Chidi", Label::Name),
            ("Emeka", Label::Name),
            ("94", Label::Age),
            ("310 Harbor View Ter", Label::Address),
            ("Gloucester", Label::Location),
            ("MA", Label::Location),
            ("01930", Label::Zip),
        ];
        crate::detect::assert_found(&got, &want);
    }

    #[test]
    fn values_of_a_record_pasted_into_a_prompt() {
        let text = r#"{"preferred_name": "Lily", "dob": "1931-01-17", "age": 93, "mrn": "SRH-20391174",
  "ssn_last4": "4471", "coverage": [{"payer": "Medicare", "member_id": "7QX4-HN2-KT81"}],
  "weight_kg": 61, "age_at_onset": 45, "pcp": "Dr. Elena Crohn", "zip": 95112}"#;
        let want = [
            ("Lily", Label::Name),
            ("1931-01-17", Label::Date),
            ("93", Label::Age),
            ("SRH-20391174", Label::Mrn),
            ("4471", Label::Ssn),
            ("Medicare", Label::Organization),
            ("7QX4-HN2-KT81", Label::HealthPlan),
            ("Dr. Elena Crohn", Label::Name),
            ("95112", Label::Zip),
        ];
        crate::detect::assert_found(&spans(text), &want);
        // An age under 90 is no identifier; a placeholder names no one.
        assert!(spans(r#"{"age": 62}"#).is_empty());
        assert!(
            spans(r#"{"employer": "Retired", "insurer": "None", "pcp": "Unknown", "guardian": "Self"}"#)
                .is_empty()
        );
    }

    #[test]
    fn resource_ids_and_references() {
        let text = r#"{"resourceType": "Patient", "id": "pt-3391827", "meta": {"versionId": "7"},
  "subject": {"reference": "Patient/pt-3391827"}, "code": {"id": "a1"}}"#;
        assert_eq!(
            spans(text),
            [
                ("pt-3391827".to_string(), Label::Id),
                ("pt-3391827".to_string(), Label::Id)
            ]
        );
    }

    #[test]
    fn xml_elements_and_cda_attributes() {
        let text = r#"<patientRole><id root="2.16.840.1.113883.19.5" extension="004417823"/>
  <addr use="HP"><streetAddressLine>44 Elm St</streetAddressLine><city>Framingham</city>
  <state>MA</state><postalCode>01702</postalCode></addr>
  <name><given>Dolores</given><given>M.</given><family>Kovalenko</family></name>
  <birthTime value="19380502"/><effectiveTime value="20240611143022-0500"/>
  <code code="34133-9" displayName="Summary"/><title>Continuity of Care</title>"#;
        let got = crate::detect::found_by(text, find_xml);
        let want = [
            ("004417823", Label::Id),
            ("44 Elm St", Label::Address),
            ("Framingham", Label::Location),
            ("MA", Label::Location),
            ("01702", Label::Zip),
            ("Dolores", Label::Name),
            ("M.", Label::Name),
            ("Kovalenko", Label::Name),
            ("19380502", Label::Date),
            ("20240611", Label::Date),
        ];
        crate::detect::assert_found(&got, &want);
        assert!(crate::detect::found_by("a < b and c </b> d", find_xml).is_empty());
    }

    #[test]
    fn vcard_names_and_addresses() {
        let text = "BEGIN:VCARD\r\nN:Tran;Minh;;Dr.;MD\r\nTITLE:Pediatrician\r\n\
                    ADR;TYPE=WORK:;;90 Harbor Rd Suite 4;Madison;WI;53703;USA\r\nEND:VCARD";
        let got = crate::detect::found_by(text, find_vcard);
        let want = [
            ("Tran", Label::Name),
            ("Minh", Label::Name),
            ("90 Harbor Rd Suite 4", Label::Address),
            ("Madison", Label::Location),
            ("WI", Label::Location),
            ("53703", Label::Zip),
            ("USA", Label::Location),
        ];
        crate::detect::assert_found(&got, &want);
        assert!(crate::detect::found_by("N:Tran;Minh", find_vcard).is_empty());
    }

    #[test]
    fn not_json() {
        assert!(spans("He said \"city\": no value here").is_empty());
        assert!(spans("\"given\": 5").is_empty());
        assert!(spans("no keys at all").is_empty());
    }
}
