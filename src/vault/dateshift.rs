//! Date shifting: parse a date as clinicians write it, move it by a number of days, and write it
//! back in the same format. STUB: filled in by the date-shift work.

/// `value` moved by `days`, in the format it was written in; `None` when `value` is not a date
/// this module can parse, or carries no day (a year alone is kept by the caller).
pub(crate) fn shift_date(value: &str, days: i32) -> Option<String> {
    let _ = (value, days);
    None
}
