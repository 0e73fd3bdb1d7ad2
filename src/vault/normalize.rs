//! Normalisation of values before lookup: what makes `617-555-0134` and `(617) 555 0134`, or
//! `Dr. John Smith`, `John Smith` and `SMITH, JOHN`, the same value within a session.

use crate::span::Label;

const TITLES: &[&str] = &[
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "doctor",
    "sir",
    "madam",
    "rev",
    "fr",
    "sr",
    "nurse",
    "pt",
    "patient",
];
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "md", "do", "phd", "rn", "np", "pa", "pac", "dds", "dmd", "mph",
    "facp", "facs", "esq", "lpn", "crna", "pharmd",
];

/// The normalised form of a value of `label`: two values with the same form are one value to a
/// session and get one replacement (`SMITH, JOHN` and `Dr. John Smith` -> `john smith`;
/// `(617) 555 0134` and `617-555-0134` -> `6175550134`). It is the input of the lookup hash.
pub fn normalise(label: Label, value: &str) -> String {
    match label {
        Label::Name => name_parts(value).join(" "),
        Label::Phone | Label::Fax => {
            let mut d: String = value.chars().filter(|c| c.is_ascii_digit()).collect();
            if d.len() == 11 && d.starts_with('1') {
                d.remove(0);
            }
            d
        }
        Label::Ssn
        | Label::Mrn
        | Label::Account
        | Label::HealthPlan
        | Label::License
        | Label::Vehicle
        | Label::Device
        | Label::Id
        | Label::Zip
        | Label::Biometric
        | Label::Photo => value
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect(),
        _ => words(value).join(" "),
    }
}

/// Lower-case alphanumeric words of `value`.
fn words(value: &str) -> Vec<String> {
    value
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The parts of a person's name in `given ... surname` order, lower case, without titles or
/// suffixes: `SMITH, JOHN A.` → `["john", "a", "smith"]`.
pub(crate) fn name_parts(value: &str) -> Vec<String> {
    // `Last, First Middle`: a single comma with words on both sides.
    let reordered;
    let v = match value.split_once(',') {
        Some((last, first))
            if !first.contains(',')
                && !words(last).is_empty()
                && !words(first).iter().all(|w| SUFFIXES.contains(&w.as_str())) =>
        {
            reordered = format!("{first} {last}");
            reordered.as_str()
        }
        _ => value,
    };
    let mut parts = words(v);
    while parts.first().is_some_and(|w| TITLES.contains(&w.as_str())) && parts.len() > 1 {
        parts.remove(0);
    }
    while parts.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) && parts.len() > 1 {
        parts.pop();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_person_same_key() {
        let forms = [
            "John Smith",
            "Dr. John Smith",
            "SMITH, JOHN",
            "Smith, John",
            "john  smith",
            "John Smith, MD",
        ];
        for f in forms {
            assert_eq!(normalise(Label::Name, f), "john smith", "{f}");
        }
        assert_eq!(
            name_parts("O'Brien, Mary-Kate"),
            ["mary", "kate", "o'brien"]
        );
    }

    #[test]
    fn numbers_ignore_punctuation() {
        assert_eq!(
            normalise(Label::Phone, "(617) 555-0134"),
            normalise(Label::Phone, "+1 617.555.0134")
        );
        assert_eq!(normalise(Label::Ssn, "123-45-6789"), "123456789");
        assert_eq!(normalise(Label::Mrn, "AB-1234"), "ab1234");
        assert_eq!(normalise(Label::Location, "Boston,  MA"), "boston ma");
    }
}
