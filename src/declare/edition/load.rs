//! Reading an edition file: TOML with an optional `extends` (a built-in edition or
//! another file) whose tables it amends. Errors point into the file that holds the
//! offending text, even when it comes from the edition extended.
//!
//! The files of an `extends` chain are parsed into spanned trees and merged. To keep
//! every span meaningful, each file's spans are shifted by its offset in a virtual
//! concatenation of all the files ([`Sources`]), which maps a span back to its file.

use crate::base::diag::{Diagnostic, Location, SourceFile};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The files an edition was read from, laid end to end.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<(usize, SourceFile)>,
    len: usize,
}

impl Sources {
    fn push(&mut self, file: SourceFile) -> usize {
        let offset = self.len;
        self.len += file.text.len() + 1;
        self.files.push((offset, file));
        offset
    }

    /// The file holding a span of the concatenation, and the span within that file.
    pub fn file_of(&self, span: Range<usize>) -> (&SourceFile, Range<usize>) {
        let (offset, file) = self
            .files
            .iter()
            .rev()
            .find(|(offset, _)| *offset <= span.start)
            .unwrap_or(&self.files[0]);
        (file, span.start - offset..span.end.saturating_sub(*offset))
    }

    /// The file and the place in it of a span of the concatenation.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let (file, span) = self.file_of(span);
        file.locate(span)
    }

    /// A span at the start of the file the edition was named by: where a defect that
    /// belongs to no one line is reported.
    pub fn main_span(&self) -> Range<usize> {
        let offset = self.files.last().map_or(0, |(o, _)| *o);
        offset..offset
    }

    /// The file the edition was named by (the last of the chain).
    pub fn main_path(&self) -> &Path {
        self.files.last().map_or(Path::new(""), |(_, f)| &f.path)
    }
}

/// Where an edition's text comes from: built in, or a file.
#[derive(Debug, Clone)]
pub enum Origin {
    Builtin(String),
    File(PathBuf),
}

/// A parsed and merged edition tree, ready to deserialize.
pub struct Tree {
    pub table: Spanned<DeTable<'static>>,
    pub sources: Sources,
}

/// The text of `origin` and of every edition it extends, the named one first. Files are
/// read by `read` (the load stage passes the file system; built-in editions need none).
pub fn chain(
    origin: &Origin,
    read: &mut dyn FnMut(&Path) -> Result<SourceFile, Diagnostic>,
) -> Result<Vec<SourceFile>, Diagnostic> {
    let mut chain: Vec<SourceFile> = Vec::new();
    let mut next = Some(origin.clone());
    while let Some(origin) = next.take() {
        let file = match &origin {
            Origin::Builtin(id) => builtin_source(id)?,
            Origin::File(path) => read(path)?,
        };
        if chain.iter().any(|f| f.path == file.path) {
            return Err(Diagnostic::error(
                "E0242",
                format!("版式 extends 循环引用：{}", file.path.display()),
            )
            .in_file(&file.path));
        }
        next = extends_of(&file, &origin)?;
        chain.push(file);
    }
    Ok(chain)
}

/// A chain of edition texts (the named one first) merged into one tree.
pub fn merge(mut chain: Vec<SourceFile>) -> Result<Tree, Diagnostic> {
    // Base first, so the files extending it amend it.
    chain.reverse();
    let mut sources = Sources::default();
    let mut merged: Option<Spanned<DeTable<'static>>> = None;
    for file in chain {
        let offset = sources.push(file.clone());
        let table = parse(&file)?;
        let table = shift_table(table, offset);
        merged = Some(match merged {
            None => table,
            Some(mut base) => {
                merge_tables(base.get_mut(), table.into_inner());
                base
            }
        });
    }
    let Some(mut table) = merged else {
        return Err(Diagnostic::error("E0240", "没有版式文件".to_string()));
    };
    table.get_mut().remove("extends");
    Ok(Tree { table, sources })
}

fn builtin_source(id: &str) -> Result<SourceFile, Diagnostic> {
    super::builtin_text(id)
        .map(|text| SourceFile::new(format!("<内置版式 {id}>"), text))
        .ok_or_else(|| {
            Diagnostic::error("E0204", format!("没有名为“{id}”的内置版式"))
                .help(format!("可用：{}", super::builtin_ids_joined()))
        })
}

/// A built-in edition extends only built-in ones: reading a file from one is refused.
pub fn no_files(path: &Path) -> Result<SourceFile, Diagnostic> {
    Err(Diagnostic::error(
        "E0240",
        format!("内置版式不能引用版式文件 {}", path.display()),
    ))
}

/// The edition `file` extends, if any: a built-in id, or a path relative to `file`.
fn extends_of(file: &SourceFile, origin: &Origin) -> Result<Option<Origin>, Diagnostic> {
    let table = parse(file)?;
    let Some(value) = table.get_ref().get("extends") else {
        return Ok(None);
    };
    let span = value.span();
    let Some(name) = value.get_ref().as_str() else {
        return Err(
            Diagnostic::error("E0241", "extends 应为内置版式名或版式文件路径（文本）")
                .at_span(file, span),
        );
    };
    let dir = match origin {
        Origin::File(path) => path.parent().map(Path::to_path_buf),
        Origin::Builtin(_) => None,
    };
    Ok(Some(super::origin_of(name, dir.as_deref())))
}

fn parse(file: &SourceFile) -> Result<Spanned<DeTable<'static>>, Diagnostic> {
    // Edition texts are small and read a few times per process: leaking them gives the
    // parsed tree a `'static` lifetime, so trees of several files can be merged.
    let text: &'static str = Box::leak(file.text.clone().into_boxed_str());
    DeTable::parse(text).map_err(|err| crate::base::toml_error::toml_error(file, &err))
}

fn shift_table(table: Spanned<DeTable<'static>>, offset: usize) -> Spanned<DeTable<'static>> {
    let span = shift(table.span(), offset);
    let mut out = DeTable::new();
    for (key, value) in table.into_inner() {
        let key = Spanned::new(shift(key.span(), offset), key.into_inner());
        out.insert(key, shift_value(value, offset));
    }
    Spanned::new(span, out)
}

fn shift_value(value: Spanned<DeValue<'static>>, offset: usize) -> Spanned<DeValue<'static>> {
    let span = shift(value.span(), offset);
    let value = match value.into_inner() {
        DeValue::Table(t) => {
            DeValue::Table(shift_table(Spanned::new(0..0, t), offset).into_inner())
        }
        DeValue::Array(mut a) => {
            // In place, so the array keeps its array-of-tables flag.
            for v in a.iter_mut() {
                let old = std::mem::replace(v, Spanned::new(0..0, DeValue::Boolean(false)));
                *v = shift_value(old, offset);
            }
            DeValue::Array(a)
        }
        other => other,
    };
    Spanned::new(span, value)
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

/// Amends `base` with `patch`: tables merge key by key; an array of tables whose
/// entries carry `id` (or `key`) merges entry by entry, new entries appended; any other
/// value replaces the base's.
fn merge_tables(base: &mut DeTable<'static>, patch: DeTable<'static>) {
    for (key, value) in patch {
        let existing = base.get_mut(key.get_ref().as_ref());
        match (existing, value.into_inner()) {
            (Some(old), DeValue::Table(new)) if old.get_ref().is_table() => {
                if let DeValue::Table(old) = old.get_mut() {
                    merge_tables(old, new);
                }
            }
            (Some(old), DeValue::Array(new)) if keyed_array(old.get_ref()).is_some() => {
                let field = keyed_array(old.get_ref()).expect("checked");
                if let DeValue::Array(old) = old.get_mut() {
                    merge_keyed(old, new, field);
                }
            }
            (_, value) => {
                let span = key.span();
                base.insert(key, Spanned::new(span, value));
            }
        }
    }
}

/// `id` or `key` when every entry of the array is a table carrying it.
fn keyed_array(value: &DeValue) -> Option<&'static str> {
    let DeValue::Array(a) = value else {
        return None;
    };
    ["id", "key"].into_iter().find(|field| {
        !a.is_empty()
            && a.iter().all(|v| {
                v.get_ref()
                    .as_table()
                    .is_some_and(|t| t.get(*field).is_some())
            })
    })
}

fn merge_keyed(
    base: &mut toml::de::DeArray<'static>,
    patch: toml::de::DeArray<'static>,
    field: &str,
) {
    for entry in patch.into_iter() {
        let key = entry
            .get_ref()
            .as_table()
            .and_then(|t| t.get(field))
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string);
        let target = key.as_ref().and_then(|k| {
            base.iter_mut().find(|b| {
                b.get_ref()
                    .as_table()
                    .and_then(|t| t.get(field))
                    .and_then(|v| v.get_ref().as_str())
                    == Some(k.as_str())
            })
        });
        match (target, entry.into_inner()) {
            (Some(old), DeValue::Table(new)) => {
                if let DeValue::Table(old) = old.get_mut() {
                    merge_tables(old, new);
                }
            }
            (_, value) => base.push(Spanned::new(0..0, value)),
        }
    }
}
