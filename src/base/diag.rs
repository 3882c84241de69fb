//! User-facing diagnostics: a Chinese message, the field it concerns and where it is in
//! the input file, printed the way rustc prints its errors.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A text file the user wrote, kept for pointing into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    pub fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("")
    }

    pub fn locate(&self, span: Range<usize>) -> Location {
        let (line, column) = self.line_col(span.start);
        let width = self.text[floor_char_boundary(&self.text, span.start)
            ..floor_char_boundary(&self.text, span.end.min(self.text.len()))]
            .lines()
            .next()
            .map_or(1, |s| s.chars().count().max(1));
        let (line_text, excerpt_column) = excerpt(self.line_text(line), column);
        Location {
            path: self.path.clone(),
            line,
            column,
            line_text,
            excerpt_column: excerpt_column as u32,
            width: width.min(EXCERPT_CHARS) as u32,
        }
    }
}

/// At most this many characters of a source line are echoed, and of a message, field
/// or hint printed: a 20 MB line must not become 20 MB of diagnostics.
const EXCERPT_CHARS: usize = 120;
const CONTEXT_BEFORE: usize = 40;

/// The part of `line` around 1-based `column`, with `…` where it was cut, and the
/// column within that part.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= EXCERPT_CHARS {
        return (line.to_string(), column);
    }
    let start = column
        .saturating_sub(1 + CONTEXT_BEFORE)
        .min(count - EXCERPT_CHARS);
    let mut shown = String::new();
    let mut column_in = column - start;
    if start > 0 {
        shown.push('…');
        column_in += 1;
    }
    shown.extend(line.chars().skip(start).take(EXCERPT_CHARS));
    if start + EXCERPT_CHARS < count {
        shown.push('…');
    }
    (shown, column_in)
}

/// `text` cut to [`EXCERPT_CHARS`] characters (times `lines`), with `…` where cut, and
/// control characters shown as escapes (`\u{b}`) rather than sent to the terminal.
pub fn clip(text: &str, lines: usize) -> String {
    let max = EXCERPT_CHARS * lines;
    let mut out = visible(text.chars().take(max));
    if text.chars().nth(max).is_some() {
        out.push_str("…（以下略）");
    }
    out
}

fn visible(chars: impl Iterator<Item = char>) -> String {
    chars
        .map(|c| match c {
            '\t' => " ".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How much a finding asks of the user. An error stops the build; a warning is what a
/// person must look at (`--deny-warnings` makes it stop a publication run); a note is
/// information, such as a rounding tail the tables' note already discloses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    /// The word a diagnostic starts with.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "说明",
        }
    }

    /// The name in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The source line, or the part of a long line around the column.
    pub line_text: String,
    /// The column within `line_text` (u32 keeps a diagnostic as small as before).
    excerpt_column: u32,
    width: u32,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Path of the field in the input, e.g. `items[2].general_basic`.
    pub field: Option<String>,
    /// Boxed: a diagnostic travels in every `Result` of the loaders and stays small.
    pub location: Option<Box<Location>>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of a registered code, with the code's severity.
    pub fn new(code: &crate::base::codes::Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity,
            ..Diagnostic::error(code.code, message)
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            field: None,
            location: None,
            help: None,
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn at_span(self, source: &SourceFile, span: Range<usize>) -> Self {
        self.at(source.locate(span))
    }

    /// Points at the file as a whole (no line known).
    pub fn in_file(mut self, path: &Path) -> Self {
        self.location = Some(Box::new(Location {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            line_text: String::new(),
            excerpt_column: 0,
            width: 0,
        }));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}[{}]: {}",
            self.severity.label(),
            self.code,
            clip(&self.message, 8)
        )?;
        if let Some(loc) = &self.location {
            if loc.line == 0 {
                writeln!(f, "  --> {}", loc.path.display())?;
            } else {
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                writeln!(
                    f,
                    "{pad}--> {}:{}:{}",
                    loc.path.display(),
                    loc.line,
                    loc.column
                )?;
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", loc.line, loc.line_text)?;
                let lead: String = loc
                    .line_text
                    .chars()
                    .take((loc.excerpt_column as usize).saturating_sub(1))
                    .map(|c| match c {
                        '\t' => "\t".to_string(),
                        c => " ".repeat(display_width(c)),
                    })
                    .collect();
                let marks: usize = loc
                    .line_text
                    .chars()
                    .skip((loc.excerpt_column as usize).saturating_sub(1))
                    .take(loc.width as usize)
                    .map(display_width)
                    .sum();
                writeln!(f, "{pad} | {lead}{}", "^".repeat(marks.max(1)))?;
            }
        }
        if let Some(field) = &self.field {
            writeln!(f, "   = 字段：{}", clip(field, 1))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "   = 提示：{}", clip(help, 8))?;
        }
        Ok(())
    }
}

/// Columns a character takes in a terminal: CJK characters take two.
pub fn display_width(c: char) -> usize {
    if ('\u{1100}'..='\u{115F}').contains(&c)
        || ('\u{2E80}'..='\u{A4CF}').contains(&c)
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{FE30}'..='\u{FE4F}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
        || ('\u{FFE0}'..='\u{FFE6}').contains(&c)
        || ('\u{20000}'..='\u{3FFFD}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// What stopped a run: one or more diagnostics.
#[derive(Debug, Clone)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn new(diagnostic: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![diagnostic],
        }
    }

    pub fn many(diagnostics: Vec<Diagnostic>) -> Self {
        Failure { diagnostics }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::new(d)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = SourceFile::new("a.toml", "[unit]\nname = \"黄陂\"\nyear = x\n");
        let offset = src.text.find('x').unwrap();
        assert_eq!(src.line_col(offset), (3, 8));
        let offset = src.text.find('陂').unwrap();
        assert_eq!(src.line_col(offset), (2, 10));
    }

    #[test]
    fn long_lines_are_echoed_in_part() {
        let long = format!("text = \"{}Z{}\"\n", "a".repeat(5000), "b".repeat(5000));
        let src = SourceFile::new("a.toml", long.clone());
        let at = long.find('Z').unwrap();
        let text = Diagnostic::error("E0100", "m".repeat(10_000))
            .field("f".repeat(10_000))
            .at_span(&src, at..at + 1)
            .to_string();
        assert!(text.len() < 2000, "{} bytes", text.len());
        assert!(text.contains(" --> a.toml:1:5009\n"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let echoed = lines.iter().find(|l| l.starts_with("1 | ")).unwrap();
        assert!(echoed.starts_with("1 | …aaa") && echoed.ends_with("bbb…"));
        // The caret stands under the `x`.
        let caret = lines.iter().find(|l| l.trim_end().ends_with('^')).unwrap();
        let x_at = echoed.chars().position(|c| c == 'Z').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^').unwrap(), x_at);
    }

    #[test]
    fn renders_like_rustc() {
        let src = SourceFile::new("data/x/2024.toml", "[unit]\nyear = \"二〇二四\"\n");
        let start = src.text.find('"').unwrap();
        let d = Diagnostic::error("E0103", "字段类型错误：应为整数")
            .field("unit.year")
            .at_span(&src, start..src.text.len() - 1);
        let text = d.to_string();
        assert!(text.starts_with("错误[E0103]: 字段类型错误：应为整数\n"));
        assert!(text.contains(" --> data/x/2024.toml:2:8\n"));
        assert!(text.contains("2 | year = \"二〇二四\"\n"));
        assert!(text.contains("   = 字段：unit.year\n"));
    }
}
