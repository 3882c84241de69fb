//! Printing diagnostics for people (rustc style, see `diag.rs`) and for machines (JSON).

use crate::diag::{Diagnostic, Severity};
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
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": d.message,
                "field": d.field,
                "location": location,
                "help": d.help,
            })
        })
        .collect();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    json!({
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "diagnostics": items,
    })
}

/// `共 2 个错误，1 个警告`
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match (errors, warnings) {
        (0, 0) => "没有发现问题".to_string(),
        (e, 0) => format!("共 {e} 个错误"),
        (0, w) => format!("共 {w} 个警告"),
        (e, w) => format!("共 {e} 个错误，{w} 个警告"),
    }
}
