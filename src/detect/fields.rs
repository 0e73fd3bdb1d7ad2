//! Key-value records pasted into text: the identifiers of a JSON object by key name.
//!
//! Clinicians paste FHIR resources and export rows into prompts (`Summarise this: {"name":
//! [{"family": "Okafor", "given": ["Chidi"]}], "address": [{"line": ["310 Harbor View Ter"],
//! "city": "Gloucester", "postalCode": "01930"}], "age": "94"}`). The key says what the value
//! is, where the value alone (a surname that is also a word, a bare ZIP) says little. This
//! module owns the table of keys: a quoted key, a colon, then a quoted string or an array of
//! them; nothing else is read.

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
        | b"addressline1" | b"addressline2" => Label::Address,
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
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (v, l) in want {
            assert!(got.contains(&(v.to_string(), l)), "{v}: {got:?}");
        }
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
    fn not_json() {
        assert!(spans("He said \"city\": no value here").is_empty());
        assert!(spans("\"given\": 5").is_empty());
        assert!(spans("no keys at all").is_empty());
    }
}
