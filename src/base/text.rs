//! Text as the input writes it, into the paragraphs and lines the booklet prints.

/// Paragraphs are separated by blank lines; line breaks inside a paragraph (from
/// copying out of a PDF) are joined, without a space between CJK characters.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let needs_space = current
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if needs_space {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Paragraphs as in Part 1 (blank lines separate them, wrapped lines are joined), except
/// that a line opening a numbered point (`一是`, `1.`, `2、`, `（三）`, `④`) always starts a
/// new paragraph, so points typed on consecutive lines stay apart as written.
pub fn paragraphs_with_points(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        if opens_point(line.trim_start()) {
            spaced.push('\n');
        }
        spaced.push_str(line);
        spaced.push('\n');
    }
    paragraphs(&spaced)
}

/// The lines of a table cell: each input line stays a line, blank lines are dropped.
pub fn cell_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

const CHINESE_DIGITS: &str = "一二三四五六七八九十";

fn opens_point(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    if first == '（' || first == '(' {
        let inner: String = chars
            .by_ref()
            .take_while(|c| *c != '）' && *c != ')')
            .collect();
        return !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || CHINESE_DIGITS.contains(c));
    }
    if CHINESE_DIGITS.contains(first) {
        let rest: String = line
            .chars()
            .skip_while(|c| CHINESE_DIGITS.contains(*c))
            .collect();
        return rest.starts_with('是') || rest.starts_with('、');
    }
    if first.is_ascii_digit() {
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        // `1.` and `1、` open a point; `1.5万元` does not.
        let mut after = rest.chars();
        return match after.next() {
            Some('、') | Some('．') => true,
            Some('.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_wrapped_lines() {
        let text = "\n第一段第一行\n第一段续行。\n\n  第二段 with ASCII\nwords\n\n\n";
        assert_eq!(
            paragraphs(text),
            vec!["第一段第一行第一段续行。", "第二段 with ASCII words"]
        );
    }

    #[test]
    fn numbered_points_start_paragraphs_even_without_blank_lines() {
        let text = "总述第一行\n续行。\n一是聚焦优化。\n二是聚焦安全，\n续写。\n1.第一点\n2、第二点\n（三）第三点\n④第四点\n2024年完成。";
        assert_eq!(
            paragraphs_with_points(text),
            vec![
                "总述第一行续行。",
                "一是聚焦优化。",
                "二是聚焦安全，续写。",
                "1.第一点",
                "2、第二点",
                "（三）第三点",
                "④第四点2024年完成。",
            ]
        );
    }

    #[test]
    fn decimals_and_years_do_not_open_points() {
        assert!(!opens_point("1.5万元"));
        assert!(!opens_point("2024年"));
        assert!(!opens_point("十分重要"));
        assert!(opens_point("十二是"));
        assert!(opens_point("(2)第二"));
    }

    #[test]
    fn cells_keep_their_lines() {
        assert_eq!(
            cell_lines("1.聚焦优化。\n\n 2.聚焦安全。 \n"),
            vec!["1.聚焦优化。", "2.聚焦安全。"]
        );
    }
}
