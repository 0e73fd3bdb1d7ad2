//! Validators: checksums and plausibility checks that turn a pattern match into a detection
//! or reject it. Pure functions over the matched bytes; no context, no allocation.

/// Luhn checksum (NPI with the 80840 prefix, card-like numbers).
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    let mut double = false;
    let mut n = 0;
    for &b in digits.iter().rev() {
        if !b.is_ascii_digit() {
            continue;
        }
        n += 1;
        let mut d = (b - b'0') as u32;
        if double {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        double = !double;
    }
    n > 1 && sum.is_multiple_of(10)
}

/// NPI: 10 digits, Luhn over "80840" + the first 9 digits.
pub fn npi(s: &[u8]) -> bool {
    if s.len() != 10 || !s.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut v = b"80840".to_vec();
    v.extend_from_slice(s);
    luhn(&v)
}

/// DEA registration number: 2 letters + 7 digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7.
pub fn dea(s: &[u8]) -> bool {
    if s.len() != 9 || !s[0].is_ascii_alphabetic() || !(s[1].is_ascii_alphabetic() || s[1] == b'9')
    {
        return false;
    }
    let d: Vec<u32> = s[2..].iter().map(|b| b.wrapping_sub(b'0') as u32).collect();
    if d.iter().any(|&x| x > 9) {
        return false;
    }
    let sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
    sum % 10 == d[6]
}

/// Position weights of the VIN check digit (position 9 weighs 0).
pub(crate) const VIN_WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The VIN transliteration value of a character (`None` for I, O, Q and non-alphanumerics).
pub(crate) fn vin_value(c: u8) -> Option<u32> {
    Some(match c.to_ascii_uppercase() {
        d @ b'0'..=b'9' => u32::from(d - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    })
}

/// Vehicle identification number (ISO 3779 / North American check digit in position 9).
pub fn vin(s: &[u8]) -> bool {
    if s.len() != 17 {
        return false;
    }
    let mut sum = 0;
    let (mut letters, mut digits) = (0, 0);
    for (i, &c) in s.iter().enumerate() {
        let Some(v) = vin_value(c) else { return false };
        if c.is_ascii_digit() {
            digits += 1
        } else {
            letters += 1
        }
        sum += v * VIN_WEIGHTS[i];
    }
    if letters == 0 || digits < 4 {
        return false;
    }
    let check = sum % 11;
    let c9 = s[8].to_ascii_uppercase();
    (check == 10 && c9 == b'X') || (check < 10 && c9 == b'0' + check as u8)
}

/// SSN area/group/serial rules: area not 000, 666 or 9xx; group not 00; serial not 0000.
pub fn ssn(s: &[u8]) -> bool {
    let d: Vec<u8> = s.iter().copied().filter(u8::is_ascii_digit).collect();
    if d.len() != 9 {
        return false;
    }
    let area = &d[0..3];
    if area == b"000" || area == b"666" || area[0] == b'9' {
        return false;
    }
    if &d[3..5] == b"00" || &d[5..9] == b"0000" {
        return false;
    }
    // Famous invalid/advertising numbers.
    d != b"078051120" && d != b"123456789"
}

pub fn ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return false;
    }
    for p in &parts {
        if p.is_empty() || p.len() > 3 || (p.len() > 1 && p.starts_with('0')) {
            return false;
        }
        match p.parse::<u16>() {
            Ok(v) if v <= 255 => {}
            _ => return false,
        }
    }
    // Version-like strings (1.2.3.4) are far more common in notes than such addresses.
    !parts.iter().all(|p| p.len() == 1)
}

pub fn ipv6(s: &str) -> bool {
    s.contains(':') && s.matches(':').count() >= 2 && s.parse::<std::net::Ipv6Addr>().is_ok()
}

/// Month 1..12 and day 1..31 with the days of the month (Feb 29 allowed).
pub fn month_day(m: u32, d: u32) -> bool {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&m) && d >= 1 && d <= DAYS[(m - 1) as usize]
}

/// Parses up to the first `n` digits groups of a numeric date string such as `3/14/2023`.
pub fn numbers(s: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut cur: Option<u32> = None;
    for &b in s {
        if b.is_ascii_digit() {
            let v = cur
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add((b - b'0') as u32);
            cur = Some(v);
        } else if let Some(v) = cur.take() {
            out.push(v);
        }
    }
    if let Some(v) = cur {
        out.push(v);
    }
    out
}

/// Medicare Beneficiary Identifier: 11 characters in the CMS pattern, dashes optional.
pub fn mbi(s: &[u8]) -> bool {
    let c: Vec<u8> = s
        .iter()
        .copied()
        .filter(|&b| b != b'-')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if c.len() != 11 {
        return false;
    }
    let alpha = |b: u8| b.is_ascii_uppercase() && !b"SLOIBZ".contains(&b);
    let num = |b: u8| b.is_ascii_digit();
    let an = |b: u8| alpha(b) || num(b);
    (b'1'..=b'9').contains(&c[0])
        && alpha(c[1])
        && an(c[2])
        && num(c[3])
        && alpha(c[4])
        && an(c[5])
        && num(c[6])
        && alpha(c[7])
        && alpha(c[8])
        && num(c[9])
        && num(c[10])
}

/// A British postcode as written: the outward code (one or two letters, a digit, maybe a
/// letter or digit), one space, the inward code (a digit, two letters that are not C, I, K,
/// M, O or V): `TQ9 5RP`, `SE11 4JQ`, `M1 1AE`.
pub fn uk_postcode(s: &str) -> bool {
    let Some((out, inw)) = s.split_once(' ') else {
        return false;
    };
    let o = out.as_bytes();
    let letters = o.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let rest = &o[letters..];
    let outward = (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest[0].is_ascii_digit()
        && rest.len() <= 2
        && rest[1..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    let i = inw.as_bytes();
    let inward = i.len() == 3
        && i[0].is_ascii_digit()
        && i[1..]
            .iter()
            .all(|c| c.is_ascii_uppercase() && !b"CIKMOV".contains(c));
    outward && inward
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_postcodes() {
        for ok in ["TQ9 5RP", "SE11 4JQ", "M1 1AE", "EC1A 1BB"] {
            assert!(uk_postcode(ok), "{ok}");
        }
        for no in ["TQ9 5RC", "9TQ 5RP", "TQ9  5RP", "K1V 8R4", "TQ95RP"] {
            assert!(!uk_postcode(no), "{no}");
        }
    }

    #[test]
    fn table() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert!(npi(b"1234567893"));
        assert!(!npi(b"1234567890"));
        assert!(dea(b"AB1234563"));
        assert!(!dea(b"AB1234564"));
        assert!(vin(b"1HGCM82633A004352"));
        assert!(!vin(b"11111111111111111"));
        assert!(!vin(b"1HGCM82633A004353"));
        assert!(ssn(b"219-09-9999"));
        assert!(!ssn(b"000-12-3456"));
        assert!(!ssn(b"666-12-3456"));
        assert!(!ssn(b"912-12-3456"));
        assert!(!ssn(b"219-00-9999"));
        assert!(!ssn(b"219-09-0000"));
        assert!(ipv4("192.168.10.5"));
        assert!(!ipv4("256.1.1.1"));
        assert!(!ipv4("1.2.3.4"));
        assert!(ipv6("2001:db8::8a2e:370:7334"));
        assert!(!ipv6("14:30:00"));
        assert!(month_day(2, 29) && !month_day(2, 30) && !month_day(13, 1));
        assert_eq!(numbers(b"3/14/2023"), vec![3, 14, 2023]);
        assert!(mbi(b"1EG4-TE5-MK73"));
        assert!(mbi(b"1EG4TE5MK73"));
        assert!(!mbi(b"1SG4-TE5-MK73"));
    }
}
