//! ASC X12 transactions pasted into text: the identifiers of a claim (837), a remittance (835)
//! or an eligibility exchange (270/271) by segment and element position.
//!
//! Billing work queues and clearinghouse tickets carry raw X12 (`NM1*IL*1*LAFRENIERE*PAUL****MI*
//! XGH512004376~`). Elements are separated by `*`, components by `:`, segments end with `~`;
//! the implementation guides say what each element holds, so `LAFRENIERE` is a surname because
//! it is NM1-03 of a person (NM1-02 `1`), and `XGH512004376` a member id because NM1-08 says
//! `MI`. This module owns that table. A segment is read only where it starts a line or follows
//! a `~`, names itself with two or three capitals and digits, and the text holds a `~`: prose
//! with stars is not touched.

use crate::span::{Label, Source, Span};

/// Appends the identifiers of the X12 segments in `seg` to `out`: segments that end with `~`.
pub(crate) fn find(seg: &str, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    if memchr::memchr(b'~', b).is_none() {
        return;
    }
    let mut start = 0;
    while start < b.len() {
        let end = memchr::memchr2(b'~', b'\n', &b[start..]).map_or(b.len(), |k| start + k);
        let s = start
            + b[start..end]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
        if b.get(end) == Some(&b'~') {
            segment(seg, s, end, out);
        }
        start = end + 1;
    }
}

/// The identifiers of one segment `seg[s..e]` (without its terminator).
fn segment(seg: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let b = &seg.as_bytes()[s..e];
    let name_len = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if !(2..=3).contains(&name_len)
        || b.get(name_len) != Some(&b'*')
        || !b[0].is_ascii_uppercase()
        || !b[..name_len]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return;
    }
    // Elements as (start, end) offsets into `seg`, element 1 first.
    let mut el: Vec<(usize, usize)> = Vec::new();
    let mut at = s + name_len + 1;
    for part in b[name_len + 1..].split(|&c| c == b'*') {
        el.push((at, at + part.len()));
        at += part.len() + 1;
    }
    let text = |k: usize| {
        el.get(k - 1)
            .map_or(&b""[..], |&(x, y)| &seg.as_bytes()[x..y])
    };
    let mut put = |k: usize, label: Label| {
        if let Some(&(x, y)) = el.get(k - 1) {
            // A composite keeps its first component (`11:B:7`); dates and ids have none.
            let y = memchr::memchr(b':', &seg.as_bytes()[x..y]).map_or(y, |c| x + c);
            if y > x {
                out.extend(Span::checked(seg, x, y, label, 0.9, Source::Pattern));
            }
        }
    };
    let name = &b[..name_len];
    for &(k, label) in positions(name) {
        put(k, label);
    }
    // The elements whose content a qualifier in another element says.
    match name {
        // Entity name: a person's last, first and middle name (NM1-02 `1`) or an
        // organisation's; the id by its qualifier.
        b"NM1" => {
            if text(2) == b"1" {
                put(3, Label::Name);
                put(4, Label::Name);
                put(5, Label::Name);
            } else {
                put(3, Label::Organization);
            }
            put(9, id_label(text(8)));
        }
        b"N1" => {
            put(2, Label::Organization);
            put(4, id_label(text(3)));
        }
        b"REF" => put(2, ref_label(text(1))),
        // Contact: up to three numbers by qualifier after the name.
        b"PER" => {
            for k in [3, 5, 7] {
                let label = match text(k) {
                    b"TE" | b"EX" | b"CP" | b"HP" | b"WP" => Label::Phone,
                    b"FX" => Label::Fax,
                    b"EM" => Label::Email,
                    b"UR" => Label::Url,
                    _ => continue,
                };
                put(k + 1, label);
            }
        }
        _ => {}
    }
}

/// The elements of a segment whose content their position says, 1-based (`N4-02` is the
/// state): names, addresses, dates (DMG-02 the birth date, DTP-03, DTM-02), claim numbers,
/// the subscriber's group number and name (SBR-03, -04), a contact's name (PER-02), the
/// reference ids and dates of the transaction, interchange and group headers.
fn positions(segment: &[u8]) -> &'static [(usize, Label)] {
    use Label::*;
    match segment {
        b"N2" => &[(1, Name), (2, Name)],
        b"N3" => &[(1, Address), (2, Address)],
        b"N4" => &[(1, Location), (2, Location), (3, Zip), (4, Location)],
        b"DMG" => &[(2, Date)],
        b"DTP" => &[(3, Date)],
        b"DTM" => &[(2, Date)],
        b"CLM" => &[(1, Account)],
        b"CLP" => &[(1, Account), (7, Account)],
        b"SBR" => &[(3, HealthPlan), (4, Organization)],
        b"PER" => &[(2, Name)],
        b"BHT" => &[(3, Id), (4, Date)],
        b"TRN" => &[(2, Id), (4, Id)],
        b"ISA" => &[(6, Id), (8, Id), (9, Date)],
        b"GS" => &[(2, Id), (3, Id), (4, Date)],
        _ => &[],
    }
}

/// The label of an NM1-09 / N1-04 identifier by its qualifier: a member id, an NPI, an SSN;
/// the rest (tax ids, payer ids, Medicaid provider numbers) are ids.
fn id_label(qualifier: &[u8]) -> Label {
    match qualifier {
        b"MI" | b"II" | b"C" | b"UC" => Label::HealthPlan,
        b"XX" | b"SV" => Label::License,
        b"34" => Label::Ssn,
        _ => Label::Id,
    }
}

/// The label of a REF-02 by its qualifier (REF-01).
fn ref_label(qualifier: &[u8]) -> Label {
    match qualifier {
        b"F8" | b"EA" | b"D9" | b"9F" | b"G1" | b"6R" | b"1K" => Label::Account,
        b"SY" => Label::Ssn,
        b"1L" | b"IG" | b"6P" | b"1W" | b"23" | b"SU" => Label::HealthPlan,
        b"0B" | b"1G" | b"LU" | b"G2" => Label::License,
        _ => Label::Id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, Label)> {
        crate::detect::found_by(text, find)
    }

    #[test]
    fn claim_segments_by_position() {
        let text = "ST*837*0412*005010X222A1~\n\
                    BHT*0019*00*RB240318A*20240318*1022*CH~\n\
                    NM1*IL*1*LAFRENIERE*PAUL****MI*XGH512004376~\n\
                    N3*17 OLD TURNPIKE RD~N4*BOSCAWEN*NH*03303~\n\
                    DMG*D8*19580704*M~\n\
                    NM1*PR*2*GRANITE STATE HEALTH PLAN*****PI*GSHP01~\n\
                    CLM*RB24031207*285***11:B:7*Y*A*Y*Y~\n\
                    REF*F8*2024071884412~\n\
                    PER*IC*DANA WHITCOMB*TE*6035550187*FX*6035550188~\n\
                    HI*ABK:M5416*ABF:M545~SV1*HC:99214*185*UN*1***1~";
        let want = [
            ("RB240318A", Label::Id),
            ("20240318", Label::Date),
            ("LAFRENIERE", Label::Name),
            ("PAUL", Label::Name),
            ("XGH512004376", Label::HealthPlan),
            ("17 OLD TURNPIKE RD", Label::Address),
            ("BOSCAWEN", Label::Location),
            ("NH", Label::Location),
            ("03303", Label::Zip),
            ("19580704", Label::Date),
            ("GRANITE STATE HEALTH PLAN", Label::Organization),
            ("GSHP01", Label::Id),
            ("RB24031207", Label::Account),
            ("2024071884412", Label::Account),
            ("DANA WHITCOMB", Label::Name),
            ("6035550187", Label::Phone),
            ("6035550188", Label::Fax),
        ];
        let got = spans(text);
        crate::detect::assert_found(&got, &want);
    }

    #[test]
    fn prose_with_stars_is_not_x12() {
        assert!(spans("NM1*IL*1*SMITH*JOHN without a terminator").is_empty());
        assert!(spans("Note: *N3* see below ~ approx\nDMG*D8*19580704 no terminator").is_empty());
        assert!(spans("approx ~5 kg; Pain*3 at rest").is_empty());
    }
}
