//! HL7 version 2 messages pasted into text: the identifiers of a segment by field position.
//!
//! Interface dumps, error queues and analysts' tickets carry HL7 v2 segments (`PID|1||E4429018^^^MRN^MR||DUBOIS^ANTOINE^R||19640312|M|...`).
//! Their fields are separated by `|`, components by `^`, repetitions by `~`; the standard
//! says what each field holds, so the position of a value is better evidence than its shape:
//! `DUBOIS^ANTOINE^R` is a patient's name because it is PID-5, `987-65-4321` an SSN in PID-19
//! or under the identifier type `SS` whatever its area number, and `20240305142200-0500` a
//! date and time whose first eight digits are the date. This module owns that table: a line
//! that starts with a segment name and `|` is read field by field; other lines are not
//! touched. The encoding characters are taken as the defaults (`^~\&`).

use crate::span::{Label, Source, Span};

/// What a field of a segment holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A timestamp (`DTM`): the date part is a DATE.
    Time,
    /// An extended person name (`XPN`): family, given and middle name.
    Person,
    /// An extended composite id with a name (`XCN`): an id, then family, given, middle.
    Staff,
    /// An extended composite id (`CX`): the id, its type in the fifth component.
    Id(Label),
    /// An extended address (`XAD`): street, other designation, city, state, ZIP, country,
    /// type, other geographic designation, county.
    Address,
    /// An extended telecommunication number (`XTN`).
    Phone,
    /// A place: a facility or a birthplace.
    Place,
    /// A point of care (`PL`): point of care, room, bed, then the facility.
    PointOfCare,
    /// An organisation's name.
    Org,
}

/// The fields of the segments that hold identifiers, as 1-based field numbers (`PID-5`).
/// For `MSH` the field separator itself is MSH-1.
fn fields(segment: &[u8]) -> &'static [(usize, Kind)] {
    use Kind::*;
    match segment {
        b"MSH" => &[(4, Place), (6, Place), (7, Time)],
        b"EVN" => &[(2, Time), (5, Staff), (6, Time)],
        b"PID" => &[
            (2, Id(Label::Mrn)),
            (3, Id(Label::Mrn)),
            (4, Id(Label::Mrn)),
            (5, Person),
            (6, Person),
            (7, Time),
            (9, Person),
            (11, Address),
            (13, Phone),
            (14, Phone),
            (18, Id(Label::Account)),
            (19, Id(Label::Ssn)),
            (20, Id(Label::License)),
            (21, Id(Label::Mrn)),
            (23, Place),
            (29, Time),
        ],
        b"PD1" => &[(3, Org), (4, Staff)],
        b"NK1" => &[
            (2, Person),
            (4, Address),
            (5, Phone),
            (6, Phone),
            (31, Phone),
        ],
        b"PV1" => &[
            (3, PointOfCare),
            (6, PointOfCare),
            (7, Staff),
            (8, Staff),
            (9, Staff),
            (17, Staff),
            (19, Id(Label::Account)),
            (39, Place),
            (44, Time),
            (45, Time),
        ],
        b"PV2" => &[(8, Time), (9, Time)],
        b"MRG" => &[(1, Id(Label::Mrn)), (3, Id(Label::Account)), (7, Person)],
        b"ORC" => &[
            (2, Id(Label::Id)),
            (3, Id(Label::Id)),
            (9, Time),
            (10, Staff),
            (11, Staff),
            (12, Staff),
            (15, Time),
        ],
        b"OBR" => &[
            (2, Id(Label::Id)),
            (3, Id(Label::Id)),
            (6, Time),
            (7, Time),
            (8, Time),
            (10, Staff),
            (14, Time),
            (16, Staff),
            (22, Time),
            (28, Staff),
        ],
        b"OBX" => &[(14, Time), (16, Staff), (19, Time)],
        b"SPM" => &[(2, Id(Label::Id)), (17, Time), (18, Time)],
        b"DG1" => &[(5, Time), (16, Staff)],
        b"PR1" => &[(5, Time), (11, Staff), (12, Staff)],
        b"AL1" => &[(6, Time)],
        b"TXA" => &[
            (4, Time),
            (5, Staff),
            (6, Time),
            (7, Time),
            (9, Staff),
            (10, Staff),
        ],
        b"GT1" => &[
            (2, Id(Label::Account)),
            (3, Person),
            (5, Address),
            (6, Phone),
            (7, Phone),
            (8, Time),
            (12, Id(Label::Ssn)),
            (16, Org),
            (17, Address),
            (18, Phone),
        ],
        b"IN1" => &[
            (4, Org),
            (5, Address),
            (16, Person),
            (18, Time),
            (19, Address),
            (36, Id(Label::HealthPlan)),
            (49, Id(Label::HealthPlan)),
        ],
        b"IN2" => &[(2, Id(Label::Ssn)), (8, Id(Label::HealthPlan))],
        _ => &[],
    }
}

/// Appends the identifiers of the HL7 v2 segments among the lines of `seg` to `out`.
pub(crate) fn find(seg: &str, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    caret_addresses(seg, out);
    // Most text holds no `|`: one vectorised scan answers it.
    if memchr::memchr(b'|', b).is_none() {
        return;
    }
    let mut line_start = 0;
    while line_start < b.len() {
        let line_end =
            memchr::memchr2(b'\n', b'\r', &b[line_start..]).map_or(b.len(), |p| line_start + p);
        segment(seg, line_start, line_end, out);
        line_start = line_end + 1;
    }
}

/// Addresses written as HL7 writes them (`XAD`: street, other designation, city, state, ZIP)
/// outside a segment: DICOM's PatientAddress (`[1718 W 3RD ST^^DULUTH^MN^55806]`), exports
/// and logs. `street^^city^ST^ZIP` is read when the city has letters only, the state is two
/// capitals and the ZIP five digits (or ZIP+4); then each part is appended with its label.
fn caret_addresses(seg: &str, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let stop = |c: u8| {
        matches!(
            c,
            b'|' | b'[' | b']' | b'"' | b'\n' | b'\r' | b'\t' | b',' | b'~'
        )
    };
    for at in memchr::memmem::find_iter(b, b"^^") {
        // Three components after the empty one: city, state, ZIP.
        let mut parts = [(0usize, 0usize); 3];
        let mut s = at + 2;
        let mut ok = true;
        for (k, part) in parts.iter_mut().enumerate() {
            let e = (s..b.len())
                .find(|&i| b[i] == b'^' || stop(b[i]) || k == 2 && b[i] == b' ')
                .unwrap_or(b.len());
            *part = (s, e);
            if k < 2 && b.get(e) != Some(&b'^') {
                ok = false;
                break;
            }
            s = e + 1;
        }
        if !ok {
            continue;
        }
        let [city, state, zip] = parts.map(|(s, e)| &b[s..e]);
        let zip_ok = zip.len() == 5 && zip.iter().all(u8::is_ascii_digit)
            || zip.len() == 10
                && zip[5] == b'-'
                && zip
                    .iter()
                    .enumerate()
                    .all(|(i, c)| i == 5 || c.is_ascii_digit());
        if city.len() < 2
            || !city[0].is_ascii_alphabetic()
            || !city
                .iter()
                .all(|&c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'.' | b'\'' | b'-'))
            || state.len() != 2
            || !state.iter().all(u8::is_ascii_uppercase)
            || !zip_ok
        {
            continue;
        }
        // The street before the empty component, back to the field's start.
        let street_start = (0..at)
            .rev()
            .find(|&i| stop(b[i]) || b[i] == b'^')
            .map_or(0, |i| i + 1);
        let street = &b[street_start..at];
        if street.iter().any(u8::is_ascii_digit) && street.iter().any(u8::is_ascii_alphabetic) {
            push(seg, out, (street_start, at), Label::Address);
        }
        push(seg, out, parts[0], Label::Location);
        push(seg, out, parts[1], Label::Location);
        push(seg, out, parts[2], Label::Zip);
    }
}

/// One line: `XXX|field|field...` with a known segment name `XXX`.
fn segment(seg: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let line = &b[start..end];
    if line.len() < 5 || line[3] != b'|' {
        return;
    }
    let table = fields(&line[..3]);
    if table.is_empty() {
        return;
    }
    // Field number of the value after the n-th `|`: MSH counts its separator as MSH-1.
    let offset = usize::from(&line[..3] == b"MSH");
    let mut field_start = start + 4;
    let mut number = 1 + offset;
    loop {
        let field_end = memchr::memchr(b'|', &b[field_start..end]).map_or(end, |p| field_start + p);
        if let Some(&(_, kind)) = table.iter().find(|(n, _)| *n == number) {
            // Repetitions, each read on its own.
            let mut r = field_start;
            while r <= field_end {
                let rep_end = memchr::memchr(b'~', &b[r..field_end]).map_or(field_end, |p| r + p);
                value(seg, r, rep_end, kind, out);
                r = rep_end + 1;
            }
        }
        if field_end >= end {
            break;
        }
        field_start = field_end + 1;
        number += 1;
    }
}

/// The byte ranges of the components of `seg[start..end]` (split at `^`).
fn components(seg: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut s = start;
    for i in memchr::memchr_iter(b'^', &seg.as_bytes()[start..end]) {
        parts.push((s, start + i));
        s = start + i + 1;
    }
    parts.push((s, end));
    parts
}

fn push(seg: &str, out: &mut Vec<Span>, (s, e): (usize, usize), label: Label) {
    let v = &seg.as_bytes()[s..e];
    // An empty component, or one of HL7's null (`""`), holds nothing.
    if v.is_empty() || v == b"\"\"" {
        return;
    }
    out.extend(Span::checked(seg, s, e, label, 0.9, Source::Pattern));
}

/// The span from the first to the last non-empty one of `parts` (a name written across its
/// components, `DUBOIS^ANTOINE^R`), if any has a letter.
fn name_span(seg: &str, parts: &[(usize, usize)], out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let filled = |(s, e): &&(usize, usize)| b[*s..*e].iter().any(u8::is_ascii_alphabetic);
    if let (Some(first), Some(last)) = (parts.iter().find(filled), parts.iter().rfind(filled)) {
        push(seg, out, (first.0, last.1), Label::Name);
    }
}

fn value(seg: &str, start: usize, end: usize, kind: Kind, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let b = seg.as_bytes();
    let parts = components(seg, start, end);
    let part = |k: usize| parts.get(k).copied();
    match kind {
        Kind::Time => {
            if let Some(d) = part(0).and_then(|p| date_part(b, p)) {
                push(seg, out, d, Label::Date);
            }
        }
        Kind::Person => name_span(seg, &parts[..parts.len().min(3)], out),
        Kind::Staff => {
            // The id: a number or a user's log-in (`JHOLLIS^HOLLIS^JANET`).
            if let Some(id) = part(0) {
                push(seg, out, id, Label::Id);
            }
            if parts.len() > 1 {
                name_span(seg, &parts[1..parts.len().min(4)], out);
            }
        }
        Kind::Id(label) => {
            let label = match part(4).map(|(s, e)| &b[s..e]) {
                Some(b"SS") => Label::Ssn,
                Some(b"MR" | b"MRN" | b"PI" | b"PT") => Label::Mrn,
                Some(b"AN" | b"VN") => Label::Account,
                Some(b"DL") => Label::License,
                Some(b"MA" | b"MC" | b"MB" | b"SN") => Label::HealthPlan,
                _ => label,
            };
            if let Some(id) = part(0) {
                push(seg, out, id, label);
            }
        }
        Kind::Address => {
            for (k, label) in [
                (0, Label::Address),
                (1, Label::Address),
                (2, Label::Location),
                // The state and the country: detected like every place, kept by the Safe
                // Harbor policy.
                (3, Label::Location),
                (4, Label::Zip),
                (5, Label::Location),
                (8, Label::Location),
            ] {
                if let Some(p) = part(k) {
                    push(seg, out, p, label);
                }
            }
        }
        Kind::Phone => {
            // The number as text, then the e-mail address, then area code and local number.
            if let Some(p) = part(0)
                && b[p.0..p.1].iter().any(u8::is_ascii_digit)
            {
                push(seg, out, p, Label::Phone);
            }
            if let Some(p) = part(3) {
                push(seg, out, p, Label::Email);
            }
            for k in [5, 6] {
                if let Some(p) = part(k) {
                    push(seg, out, p, Label::Phone);
                }
            }
        }
        Kind::Place => {
            // A facility (`HD`: its namespace id first) or a birthplace.
            if let Some(p) = part(0) {
                push(seg, out, p, Label::Location);
            }
        }
        Kind::PointOfCare => {
            if let Some(p) = part(3) {
                push(seg, out, p, Label::Location);
            }
        }
        Kind::Org => {
            if let Some(p) = part(0) {
                push(seg, out, p, Label::Organization);
            }
        }
    }
}

/// The date of an HL7 timestamp `YYYY[MM[DD[HHMM[SS]]]][+-ZZZZ]`: its first eight digits (or
/// six, or four), when they make a date.
fn date_part(b: &[u8], (s, e): (usize, usize)) -> Option<(usize, usize)> {
    let digits = b[s..e].iter().take_while(|c| c.is_ascii_digit()).count();
    let len = match digits {
        4 | 6 => digits,
        8.. => 8,
        _ => return None,
    };
    let num = |a: usize, n: usize| -> u32 {
        b[s + a..s + a + n]
            .iter()
            .fold(0, |v, c| v * 10 + u32::from(c - b'0'))
    };
    let year = num(0, 4);
    let ok = (1850..=2100).contains(&year)
        && (len < 6 || (1..=12).contains(&num(4, 2)))
        && (len < 8 || (1..=31).contains(&num(6, 2)));
    ok.then_some((s, s + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, Label)> {
        crate::detect::found_by(text, find)
    }

    #[test]
    fn pid_fields_by_position() {
        let text = "MSH|^~\\&|EPICADT|MERCYHLTH|CLOVERLEAF|MERCY_SPRINGFIELD|20240305142200-0500||ADT^A01^ADT_A01|MSG1|P|2.5.1\r\
PID|1||E4429018^^^MRN^MR~987-65-4321^^^SSA^SS||DUBOIS^ANTOINE^R^^^^||19640312|M||2106-3^White^HL70005|88 CHESTNUT HILL RD^APT 2B^SPRINGFIELD^MA^01108^USA^H||(413)555-0173^PRN^PH~^NET^Internet^adubois@example.net\n\
PV1|1|I|4WEST^412^B^MERCY_SPRINGFIELD|E|||1366820957^NAKAMURA^KENJI^H^^^^^MD";
        let got = spans(text);
        let has = |v: &str, l: Label| got.iter().any(|(t, g)| t == v && *g == l);
        assert!(has("MERCYHLTH", Label::Location), "{got:?}");
        assert!(has("MERCY_SPRINGFIELD", Label::Location));
        assert!(has("20240305", Label::Date));
        assert!(has("E4429018", Label::Mrn));
        assert!(has("987-65-4321", Label::Ssn));
        assert!(has("DUBOIS^ANTOINE^R", Label::Name));
        assert!(has("19640312", Label::Date));
        assert!(has("88 CHESTNUT HILL RD", Label::Address));
        assert!(has("APT 2B", Label::Address));
        assert!(has("SPRINGFIELD", Label::Location));
        assert!(has("01108", Label::Zip));
        assert!(has("MA", Label::Location));
        assert!(has("USA", Label::Location));
        assert!(has("(413)555-0173", Label::Phone));
        assert!(has("adubois@example.net", Label::Email));
        assert!(has("NAKAMURA^KENJI^H", Label::Name));
        assert!(has("1366820957", Label::Id));
        // Codes, types and counters are no identifiers.
        for kept in [
            "ADT", "A01", "2106-3", "White", "MRN", "SSA", "PRN", "4WEST", "M", "1",
        ] {
            assert!(!got.iter().any(|(t, _)| t == kept), "{kept}: {got:?}");
        }
    }

    #[test]
    fn staff_log_ins_primary_care_and_caret_addresses() {
        let text = "EVN|A01|20231102143000|||JHOLLIS^HOLLIS^JANET^^^^RN\n\
PD1|||CENTRAL MAINE FAMILY PRACTICE|1336289047^LABBE^NICOLE^R^^^^^MD\n\
(0010,1040) LO [1718 W 3RD ST^^DULUTH^MN^55806]  # PatientAddress";
        let got = spans(text);
        let has = |v: &str, l: Label| got.iter().any(|(t, g)| t == v && *g == l);
        assert!(has("JHOLLIS", Label::Id), "{got:?}");
        assert!(has("HOLLIS^JANET", Label::Name));
        assert!(has("CENTRAL MAINE FAMILY PRACTICE", Label::Organization));
        assert!(has("LABBE^NICOLE^R", Label::Name));
        assert!(has("1718 W 3RD ST", Label::Address));
        assert!(has("DULUTH", Label::Location));
        assert!(has("MN", Label::Location));
        assert!(has("55806", Label::Zip));
        // Empty components of ids and names are no address.
        assert!(spans("E1448203^^^EPI^MR  NAKAMURA^KENJI^^^^MD").is_empty());
        // A specimen's collector (OBR-10).
        let got = spans("OBR|1|ORD4417|W24-0417|80048^BMP^C4|||20240311|||LCOLLIER^COLLIER^LUZ");
        let has = |v: &str, l: Label| got.iter().any(|(t, g)| t == v && *g == l);
        assert!(has("LCOLLIER", Label::Id), "{got:?}");
        assert!(has("COLLIER^LUZ", Label::Name), "{got:?}");
    }

    #[test]
    fn only_segment_lines() {
        assert!(spans("Pain | 4/10 | DUBOIS^ANTOINE").is_empty());
        assert!(spans("XYZ|1||DUBOIS^ANTOINE").is_empty());
        assert!(spans("no pipes here").is_empty());
        // A timestamp that is no date is left alone.
        assert!(spans("OBX|1|NM|2345-7^Glucose^LN||107|mg/dL|||||F|||99999999").is_empty());
    }
}
