//! Chinese numerals as the booklets number parts, sections and 类 (一 … 九十九).

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六 (as 公开01 numbers its classes).
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = if n.is_multiple_of(10) {
        ""
    } else {
        DIGITS[n % 10]
    };
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{ones}"),
        20..=99 => format!("{}十{ones}", DIGITS[n / 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_as_the_tables_print_them() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 26]
            .iter()
            .map(|n| chinese_numeral(*n))
            .collect();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "十九", "二十", "二十一", "二十六"]
        );
    }
}
