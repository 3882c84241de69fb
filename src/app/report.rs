//! Printing diagnostics for people (rustc style, see `diag.rs`) and for machines (JSON).

use crate::base::diag::{clip, Diagnostic, Severity};

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}
use serde_json::{json, Value};

pub fn to_json(diagnostics: &[Diagnostic]) -> Value {
    let items: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let location = d.location.as_ref().map(|l| {
                json!({
                    "file": l.path.display().to_string(),
                    "line": (l.line > 0).then_some(l.line),
                    "column": (l.column > 0).then_some(l.column),
                })
            });
            json!({
                "code": d.code,
                "severity": d.severity.name(),
                "message": clip(&d.message, 8),
                "field": d.field.as_deref().map(|f| clip(f, 1)),
                "location": location,
                "help": d.help.as_deref().map(|h| clip(h, 8)),
            })
        })
        .collect();
    json!({
        "errors": count(diagnostics, Severity::Error),
        "warnings": count(diagnostics, Severity::Warning),
        "notes": count(diagnostics, Severity::Note),
        "diagnostics": items,
    })
}

/// `共 2 个错误，1 个警告`; notes are counted after them (`没有发现问题，2 个说明`).
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let counted: Vec<String> = [(Severity::Error, "错误"), (Severity::Warning, "警告")]
        .into_iter()
        .map(|(s, word)| (count(diagnostics, s), word))
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} 个{word}"))
        .collect();
    let notes = count(diagnostics, Severity::Note);
    let head = if counted.is_empty() {
        "没有发现问题".to_string()
    } else {
        format!("共 {}", counted.join("，"))
    };
    if notes > 0 {
        format!("{head}，{notes} 个说明")
    } else {
        head
    }
}
