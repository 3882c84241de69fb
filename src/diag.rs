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
        let text = self.line_text(line).to_string();
        let width = self.text[floor_char_boundary(&self.text, span.start)
            ..floor_char_boundary(&self.text, span.end.min(self.text.len()))]
            .lines()
            .next()
            .map_or(1, |s| s.chars().count().max(1));
        Location {
            path: self.path.clone(),
            line,
            column,
            line_text: text,
            width,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    width: usize,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Path of the field in the input, e.g. `items[2].general_basic`.
    pub field: Option<String>,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of a registered code, with the code's severity.
    pub fn new(code: &crate::codes::Code, message: impl Into<String>) -> Self {
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

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_span(self, source: &SourceFile, span: Range<usize>) -> Self {
        self.at(source.locate(span))
    }

    /// Points at the file as a whole (no line known).
    pub fn in_file(mut self, path: &Path) -> Self {
        self.location = Some(Location {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            line_text: String::new(),
            width: 0,
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        writeln!(f, "{kind}[{}]: {}", self.code, self.message)?;
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
                    .take(loc.column.saturating_sub(1))
                    .map(|c| match c {
                        '\t' => "\t".to_string(),
                        c => " ".repeat(display_width(c)),
                    })
                    .collect();
                let marks: usize = loc
                    .line_text
                    .chars()
                    .skip(loc.column.saturating_sub(1))
                    .take(loc.width)
                    .map(display_width)
                    .sum();
                writeln!(f, "{pad} | {lead}{}", "^".repeat(marks.max(1)))?;
            }
        }
        if let Some(field) = &self.field {
            writeln!(f, "   = 字段：{field}")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "   = 提示：{help}")?;
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
