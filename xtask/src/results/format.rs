//! How a referenced value is written in the prose.
//!
//! The words after the pointer (or after the second pointer of `over`,
//! `minus`, …) are, in order:
//!
//! * optionally a scale: `*100`, `/1e6` (multiply or divide first);
//! * then one style:
//!   * `.N`: fixed, N decimals (`.3` → `0.810`);
//!   * `%.N`: as a percentage, N decimals (`%.1` → `81.0%`);
//!   * `e.N`: scientific, N decimals (`e.1` → `5.4 × 10⁻⁴`);
//!   * `,`: rounded to an integer, thousands separated (`2,080,101`);
//!   * `int`: rounded to an integer.
//!
//! A string value is written as it is and takes no format; a number must
//! have a style, so that the page decides how many digits it claims.

use serde_json::Value;

/// `value` written as `spec` says.
pub fn apply(value: &Value, spec: &[&str]) -> Result<String, String> {
    if let Value::String(s) = value {
        return match spec {
            [] => Ok(s.clone()),
            _ => Err(format!(
                "the value is the text {s:?}; a text takes no format"
            )),
        };
    }
    let Some(mut x) = value.as_f64() else {
        return Err(format!("the value is {value}, not a number or a text"));
    };
    let mut words = spec.iter();
    let mut style = words.next();
    if let Some(scale) = style.filter(|w| w.starts_with('*') || w.starts_with('/')) {
        let by: f64 = scale[1..].parse().map_err(|_| {
            format!("`{scale}` is not a scale (write e.g. `*100` or `/1e6`)")
        })?;
        x = if scale.starts_with('*') {
            x * by
        } else {
            x / by
        };
        style = words.next();
    }
    if let Some(extra) = words.next() {
        return Err(format!(
            "`{extra}` after the style: give one scale and one style"
        ));
    }
    let Some(style) = style else {
        return Err(format!(
            "the number {value} needs a style (`.N`, `%.N`, `e.N`, `,` or `int`)"
        ));
    };
    styled(x, style)
}

fn styled(x: f64, style: &str) -> Result<String, String> {
    let decimals = |digits: &str| {
        digits
            .parse::<usize>()
            .ok()
            .filter(|&n| n <= 12)
            .ok_or_else(|| format!("`{style}`: the decimals must be a number from 0 to 12"))
    };
    if let Some(d) = style.strip_prefix("%.") {
        Ok(format!("{:.*}%", decimals(d)?, x * 100.0))
    } else if let Some(d) = style.strip_prefix("e.") {
        Ok(scientific(x, decimals(d)?))
    } else if let Some(d) = style.strip_prefix('.') {
        Ok(format!("{:.*}", decimals(d)?, x))
    } else if style == "," {
        Ok(thousands(x.round()))
    } else if style == "int" {
        Ok(format!("{:.0}", x.round()))
    } else {
        Err(format!(
            "`{style}` is not a style (`.N`, `%.N`, `e.N`, `,` or `int`)"
        ))
    }
}

/// `5.4 × 10⁻⁴`, with a Unicode minus and superscript exponent.
fn scientific(x: f64, decimals: usize) -> String {
    let text = format!("{x:.decimals$e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    if exponent == "0" {
        return mantissa.to_owned();
    }
    let sup: String = exponent
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => "⁰¹²³⁴⁵⁶⁷⁸⁹"
                .chars()
                .nth(d.to_digit(10).unwrap_or(0) as usize)
                .unwrap_or(d),
        })
        .collect();
    format!("{mantissa} × 10{sup}")
}

/// An integer with commas between groups of three digits.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn f(v: Value, spec: &str) -> Result<String, String> {
        apply(&v, &spec.split_whitespace().collect::<Vec<_>>())
    }

    #[test]
    fn every_style_writes_what_it_promises() {
        assert_eq!(f(json!(0.80991), ".3").unwrap(), "0.810");
        assert_eq!(f(json!(0.80991), "%.1").unwrap(), "81.0%");
        assert_eq!(f(json!(0.000543), "e.1").unwrap(), "5.4 × 10⁻⁴");
        assert_eq!(f(json!(7.2e6), "e.1").unwrap(), "7.2 × 10⁶");
        assert_eq!(f(json!(3.5), "e.1").unwrap(), "3.5");
        assert_eq!(f(json!(2080101), ",").unwrap(), "2,080,101");
        assert_eq!(f(json!(175.4), "int").unwrap(), "175");
        assert_eq!(f(json!(2080101), "/1e6 .2").unwrap(), "2.08");
        assert_eq!(f(json!(0.0189), "*100 .2").unwrap(), "1.89");
        assert_eq!(f(json!("AVX512"), "").unwrap(), "AVX512");
    }

    #[test]
    fn a_number_without_a_style_or_with_a_bad_one_is_refused() {
        assert!(f(json!(0.5), "").unwrap_err().contains("needs a style"));
        assert!(f(json!(0.5), ".x").is_err());
        assert!(f(json!(0.5), "%.1 .2").is_err());
        assert!(f(json!(0.5), "*a .2").is_err());
        assert!(f(json!("text"), ".2").is_err());
        assert!(f(json!(null), ".2").is_err());
    }
}
