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
//! Nothing else is read.

use crate::span::{Label, Source, Span};

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
        | b"mothersmaidenname" => Label::Name,
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
        b"ssn" | b"socialsecuritynumber" => Label::Ssn,
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
