//! Plain-text templates: the sentences of 第三部分, worded by the edition's template set
//! (`templates/narrative/<set>/*.txt`, or templates written in the edition) from the
//! facts gongkai computed.
//!
//! A template's output is read as a stream of blocks. Line breaks and the spaces around
//! them are dropped (lines are joined, as Chinese text has no spaces between words), so a
//! template may be laid out freely; `¶` ends a paragraph and `§` starts a sub-heading,
//! which runs to the next `¶` or `§`. Values never carry these marks: every string of
//! the facts (the user's reasons and uses, names, the edition's words) has its line
//! breaks turned into spaces and its `¶`/`§` kept apart before the template sees it, so
//! user text cannot start a block. The paragraphs are plain text; `parts/part3.typ`
//! escapes them for Typst like every other value.
//!
//! A template states a change the user has not explained by calling
//! `unexplained(key=…, statement=…)` (rule W501 reads the list).

use crate::base::diag::Diagnostic;
use crate::base::numeral::chinese_numeral;
use crate::declare::edition::NumberFormat;
use crate::declare::template_sets;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tera::{Context, Filter, Function, Tera, Value};

/// Ends a paragraph.
const PARAGRAPH: char = '¶';
/// Starts a sub-heading.
const SUBHEADING: char = '§';
/// What `¶` and `§` in a value stand for until the blocks are cut (private use).
const KEPT: [(char, char); 2] = [(PARAGRAPH, '\u{E000}'), (SUBHEADING, '\u{E001}')];

/// One block of a rendered template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextBlock {
    Paragraph(String),
    Subheading(String),
}

/// A change or deviation a template states without the reason it would print: which
/// reason is missing (`total`, `budget`, …, or a 项 code for its budget deviation) and
/// the statement as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Unexplained {
    pub reason: String,
    pub statement: String,
}

/// An edition's template set, parsed, with gongkai's filters and the W501 recorder.
pub struct TextTemplates {
    tera: Tera,
    unexplained: Arc<Mutex<Vec<Unexplained>>>,
    /// Whether the edition wrote templates of its own (then a failure is likely theirs).
    inline: bool,
}

impl TextTemplates {
    /// The set `set` with the edition's `inline` templates (name, source) replacing or
    /// adding to it.
    pub fn new<'a>(
        set: &str,
        inline: impl IntoIterator<Item = (&'a str, &'a str)>,
        format: NumberFormat,
        thousands_separator: bool,
    ) -> Result<TextTemplates, Box<Diagnostic>> {
        let mut tera = template_sets::parsed(set)?;
        tera.register_filter(
            "wan",
            crate::wording::filters::Wan {
                format,
                thousands_separator,
                zero: crate::wording::filters::Zero::Text,
            },
        );
        tera.register_filter("join_and", JoinAnd);
        tera.register_filter("chinese", Chinese);
        let unexplained = Arc::new(Mutex::new(Vec::new()));
        tera.register_function("unexplained", Record(unexplained.clone()));
        let inline: Vec<(&str, &str)> = inline.into_iter().collect();
        let mut templates = TextTemplates {
            tera,
            unexplained,
            inline: !inline.is_empty(),
        };
        if templates.inline {
            if let Err(e) = templates.tera.add_raw_templates(inline) {
                return Err(Box::new(template_sets::edition_failure(&e)));
            }
        }
        Ok(templates)
    }

    /// The names of its templates (the set's and the edition's).
    pub fn names(&self) -> Vec<String> {
        self.tera.get_template_names().map(str::to_string).collect()
    }

    /// Whether the set has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// The blocks of template `name` rendered with `facts` (a struct or map).
    pub fn render(
        &self,
        name: &str,
        facts: &impl Serialize,
    ) -> Result<Vec<TextBlock>, Box<Diagnostic>> {
        let context = context(facts).map_err(|e| self.failure(e))?;
        let out = self
            .tera
            .render(name, &context)
            .map_err(|e| self.failure(e))?;
        Ok(blocks(&out))
    }

    /// A short template written in the edition (a heading, a caption), rendered to one
    /// line of text.
    pub fn render_line(
        &mut self,
        source: &str,
        facts: &impl Serialize,
    ) -> Result<String, Box<Diagnostic>> {
        let context = context(facts).map_err(|e| self.edition_failure(e))?;
        let out = self
            .tera
            .render_str(source, &context)
            .map_err(|e| self.edition_failure(e))?;
        Ok(restore(&joined(&out)))
    }

    /// The changes stated without their reason, in the order the templates stated them.
    pub fn take_unexplained(&self) -> Vec<Unexplained> {
        self.unexplained
            .lock()
            .map(|mut list| std::mem::take(&mut *list))
            .unwrap_or_default()
    }

    fn failure(&self, err: tera::Error) -> Box<Diagnostic> {
        if self.inline {
            self.edition_failure(err)
        } else {
            Box::new(template_sets::bug(&template_sets::chain(&err)))
        }
    }

    fn edition_failure(&self, err: tera::Error) -> Box<Diagnostic> {
        Box::new(template_sets::edition_failure(&err))
    }
}

/// The facts as a tera context, every string made safe for the block marks.
fn context(facts: &impl Serialize) -> tera::Result<Context> {
    let mut value = serde_json::to_value(facts).map_err(tera::Error::json)?;
    keep_marks_apart(&mut value);
    Context::from_value(value)
}

fn keep_marks_apart(value: &mut Value) {
    match value {
        Value::String(s) if s.contains(['\n', '\r', PARAGRAPH, SUBHEADING]) => {
            *s = s
                .chars()
                .map(|c| match c {
                    '\n' | '\r' => ' ',
                    c => KEPT.iter().find(|(m, _)| *m == c).map_or(c, |(_, k)| *k),
                })
                .collect();
        }
        Value::Array(items) => items.iter_mut().for_each(keep_marks_apart),
        Value::Object(map) => map.values_mut().for_each(keep_marks_apart),
        _ => {}
    }
}

/// The marks a value carried, back as they were written.
fn restore(text: &str) -> String {
    text.chars()
        .map(|c| KEPT.iter().find(|(_, k)| *k == c).map_or(c, |(m, _)| *m))
        .collect()
}

/// The lines of a template's output, trimmed and joined.
fn joined(out: &str) -> String {
    out.lines().map(str::trim).collect()
}

/// Cuts the joined output at the block marks.
fn blocks(out: &str) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut heading = false;
    let mut flush = |current: &mut String, heading: bool| {
        if !current.is_empty() {
            let text = restore(&std::mem::take(current));
            blocks.push(if heading {
                TextBlock::Subheading(text)
            } else {
                TextBlock::Paragraph(text)
            });
        }
    };
    for c in joined(out).chars() {
        match c {
            PARAGRAPH | SUBHEADING => {
                flush(&mut current, heading);
                heading = c == SUBHEADING;
            }
            c => current.push(c),
        }
    }
    flush(&mut current, heading);
    blocks
}

/// `unexplained(key="total", statement=…)`: records a change stated without its reason
/// and prints nothing. `statement` is a text or a list of texts to join.
struct Record(Arc<Mutex<Vec<Unexplained>>>);

impl Function for Record {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = match args.get("key") {
            Some(Value::String(k)) => k.clone(),
            other => return Err(format!("unexplained: key 应为文字，得到 {other:?}").into()),
        };
        let statement = match args.get("statement") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(parts)) => parts
                .iter()
                .map(|p| {
                    p.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| p.to_string())
                })
                .collect(),
            other => return Err(format!("unexplained: statement 应为文字，得到 {other:?}").into()),
        };
        let found = Unexplained {
            reason: key,
            statement: restore(&joined(&statement)),
        };
        let mut list = self
            .0
            .lock()
            .map_err(|_| tera::Error::msg("unexplained: list poisoned"))?;
        if !list.contains(&found) {
            list.push(found);
        }
        Ok(Value::String(String::new()))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ names | join_and }}`: `甲`, `甲和乙`, `甲、乙和丙`; `sep` and `last` change the
/// marks (`、`, `和`).
struct JoinAnd;

impl Filter for JoinAnd {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Value::Array(items) = value else {
            return Err(format!("join_and: 应为列表，得到 {value}").into());
        };
        let word = |name: &str, default: &str| {
            args.get(name)
                .and_then(Value::as_str)
                .unwrap_or(default)
                .to_string()
        };
        let (sep, last) = (word("sep", "、"), word("last", "和"));
        let names: Vec<String> = items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        Ok(Value::String(match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., end] => format!("{}{last}{end}", rest.join(&sep)),
        }))
    }
}

/// `{{ 3 | chinese }}` → `三`.
struct Chinese;

impl Filter for Chinese {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let n = value
            .as_u64()
            .ok_or_else(|| tera::Error::msg(format!("chinese: 应为正整数，得到 {value}")))?;
        Ok(Value::String(chinese_numeral(n as usize)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(inline: &[(&str, &str)]) -> TextTemplates {
        TextTemplates::new(
            "wuhan-final",
            inline.iter().copied(),
            NumberFormat::default(),
            true,
        )
        .unwrap()
    }

    #[test]
    fn lines_join_and_marks_cut_blocks() {
        let t = templates(&[(
            "t",
            "§标题一¶\n  第一段，\n  接着写。¶第二段{{ x }}。\n§标题二\n第三段",
        )]);
        let blocks = t.render("t", &serde_json::json!({ "x": "甲" })).unwrap();
        assert_eq!(
            blocks,
            [
                TextBlock::Subheading("标题一".into()),
                TextBlock::Paragraph("第一段，接着写。".into()),
                TextBlock::Paragraph("第二段甲。".into()),
                TextBlock::Subheading("标题二第三段".into()),
            ]
        );
    }

    #[test]
    fn values_cannot_cut_blocks() {
        let t = templates(&[("t", "{{ x }}¶{{ y }}")]);
        let facts = serde_json::json!({ "x": "甲¶§乙", "y": "第一行\n第二行" });
        assert_eq!(
            t.render("t", &facts).unwrap(),
            [
                TextBlock::Paragraph("甲¶§乙".into()),
                TextBlock::Paragraph("第一行 第二行".into()),
            ]
        );
    }

    #[test]
    fn filters_print_amounts_lists_and_numerals() {
        let t = templates(&[(
            "t",
            "{{ a | wan }}/{{ z | wan }}/{{ tiny | wan }}/{{ l | join_and }}/{{ two | join_and }}/{{ 11 | chinese }}",
        )]);
        let facts = serde_json::json!({
            "a": {"yuan": "14630560"}, "z": {"yuan": "0"}, "tiny": {"yuan": "40"},
            "l": ["信息安全事务", "事业运行", "其他网信事务支出"], "two": ["住房公积金", "提租补贴"],
        });
        assert_eq!(
            t.render("t", &facts).unwrap(),
            [TextBlock::Paragraph(
                "1,463.06/0/0/信息安全事务、事业运行和其他网信事务支出/住房公积金和提租补贴/十一"
                    .into()
            )]
        );
    }

    #[test]
    fn unexplained_records_once_and_prints_nothing() {
        let t = templates(&[(
            "t",
            "甲{{ unexplained(key=\"total\", statement=[\"收、支\n 总计\", \"增加\"]) }}乙\
             {{ unexplained(key=\"total\", statement=\"收、支总计增加\") }}",
        )]);
        let blocks = t.render("t", &serde_json::json!({})).unwrap();
        assert_eq!(blocks, [TextBlock::Paragraph("甲乙".into())]);
        assert_eq!(
            t.take_unexplained(),
            [Unexplained {
                reason: "total".into(),
                statement: "收、支总计增加".into()
            }]
        );
    }

    #[test]
    fn failures_name_their_source() {
        let builtin = templates(&[]);
        let err = builtin
            .render("overall", &serde_json::json!({}))
            .unwrap_err();
        assert_eq!(err.code, "B0001");
        let inline = templates(&[("t", "{{ missing }}")]);
        assert_eq!(
            inline.render("t", &serde_json::json!({})).unwrap_err().code,
            "E0504"
        );
        let unknown = TextTemplates::new("nowhere", [], NumberFormat::default(), false);
        assert_eq!(unknown.err().unwrap().code, "E0504");
    }
}
