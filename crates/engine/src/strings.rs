//! Short strings built without the formatting machinery: the words of explanations, messages
//! and model features that every analysis writes by the thousand, where `format!` (a call
//! through `fmt::Write` and `Formatter::pad` per argument) cost more than the reading behind
//! them.
//!
//! It knows nothing of what the strings say.

/// The parts, one after another.
pub fn joined(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|part| part.len()).sum::<usize>() + 4);
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Appends `number` in decimal digits.
pub fn push_number(out: &mut String, number: i64) {
    if number < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut remaining = number.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (remaining % 10) as u8;
        remaining /= 10;
        if remaining == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for number in [0, 7, 10, 2021, -44, i64::MAX, i64::MIN] {
            let mut out = String::from("x");
            push_number(&mut out, number);
            assert_eq!(out, format!("x{number}"));
        }
    }

    #[test]
    fn parts_are_joined_in_order() {
        assert_eq!(joined(&["Monday", ", ", "13"]), "Monday, 13");
        assert_eq!(joined(&[]), "");
    }
}
