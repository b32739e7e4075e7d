//! Decimal formatting of milliseconds without `format!`, whose machinery would otherwise be
//! pulled into the drop-in wasm only to print a timeout in an error message.

use alloc::string::String;

/// Appends `value` (rounded down to a whole number, clamped at 0) in decimal to `out`.
pub fn push_millis(out: &mut String, value: f64) {
    let mut n = if value.is_finite() && value > 0.0 {
        value as u64
    } else {
        0
    };
    let mut buf = [b'0'; 20];
    let mut start = buf.len();
    loop {
        start -= 1;
        if let Some(slot) = buf.get_mut(start) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    for &b in buf.iter().skip(start) {
        out.push(char::from(b));
    }
}

#[cfg(test)]
mod tests {
    use super::push_millis;

    fn show(v: f64) -> String {
        let mut s = String::new();
        push_millis(&mut s, v);
        s
    }

    #[test]
    fn formats_whole_numbers() {
        assert_eq!(show(0.0), "0");
        assert_eq!(show(30000.0), "30000");
        assert_eq!(show(9.99), "9");
        assert_eq!(show(-5.0), "0");
        assert_eq!(show(f64::NAN), "0");
        assert_eq!(show(1e300), u64::MAX.to_string());
    }
}
