//! Surrogates: realistic, consistent fakes of the same shape as a PHI value (owned by the
//! `surrogate` operator of the policy layer). STUB: filled in by the surrogate work.

use rand::RngCore;

use crate::span::Label;

/// A fake for `value` (a detected span of `label`), drawn from `rng`. `attempt` counts retries
/// after a collision (the vault asks again when the fake is already in use or equals a real
/// value); generators should widen their choice as `attempt` grows.
pub(crate) fn surrogate(label: Label, value: &str, rng: &mut dyn RngCore, attempt: u32) -> String {
    let _ = (label, rng, attempt);
    value
        .chars()
        .map(|c| if c.is_alphanumeric() { 'X' } else { c })
        .collect()
}
