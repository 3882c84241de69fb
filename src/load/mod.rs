//! Load: every file a build reads — the input, the edition file it names (with the
//! files that one extends), the catalog overlay, and last year's file with its own — and
//! nothing after this stage reads a file. What was read is listed ([`Bundle::files`]), so
//! `watch` and an incremental batch know exactly what a booklet depends on.
//!
//! A file named by the input that cannot be read is not a failure here: the error goes
//! with the bundle, and resolve reports it with every other problem of the input, at
//! the line that names the file.

mod catalog;
mod input;

pub use input::load_file;

use crate::base::diag::{Diagnostic, Failure, SourceFile};
use crate::declare::edition::load::{chain, Origin};
use crate::declare::edition::origin_of;
use crate::input::Loaded;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// An input with every file it names, read.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub input: Loaded,
    /// `settings.edition`: the texts of the edition it names and of those that one
    /// extends (the named one first), or why they cannot be read. `None`: the input names
    /// none, and the built-in edition of its year is used.
    pub edition: Option<Result<Vec<SourceFile>, Diagnostic>>,
    /// `settings.catalog`: the catalog files laid over the built-in catalog, or why they
    /// cannot be read.
    pub catalog: Option<Result<Vec<SourceFile>, Failure>>,
    /// `previous = "…"`: last year's file with the files it names (not its own
    /// `previous`), or why it cannot be read.
    pub previous: Option<Result<Box<Bundle>, Failure>>,
}

/// What the pipeline starts from: a bundle, or an input already read whose named files
/// the load stage reads first.
pub trait Loads {
    fn bundle(&self) -> Cow<'_, Bundle>;
}

impl Loads for Bundle {
    fn bundle(&self) -> Cow<'_, Bundle> {
        Cow::Borrowed(self)
    }
}

impl Loads for Loaded {
    fn bundle(&self) -> Cow<'_, Bundle> {
        Cow::Owned(around(self.clone()))
    }
}

/// Reads the input file at `path` and every file it names.
pub fn load(path: &Path) -> Result<Bundle, Failure> {
    Ok(around(load_file(path)?))
}

/// Reads every file an input already read (or given as text) names.
pub fn around(input: Loaded) -> Bundle {
    let previous = input.previous_path().map(|path| {
        load_file(&path).map(|mut previous| {
            // Last year's own `previous` is not followed.
            previous.input.previous = None;
            Box::new(around(previous))
        })
    });
    Bundle {
        edition: edition_of(&input),
        catalog: catalog_of(&input),
        previous,
        input,
    }
}

/// The texts of the edition an input names, if it names one.
fn edition_of(input: &Loaded) -> Option<Result<Vec<SourceFile>, Diagnostic>> {
    let name = input.input.settings.edition.as_ref()?;
    let origin = origin_of(name.get_ref().trim(), input.source.path.parent());
    Some(edition_chain(&origin))
}

/// The texts of the edition at `origin` and of those it extends, read from disk.
pub fn edition_chain(origin: &Origin) -> Result<Vec<SourceFile>, Diagnostic> {
    chain(origin, &mut read_edition_file)
}

/// An edition from disk or built in, parsed and checked (for the commands that take an
/// edition by itself).
pub fn edition(origin: &Origin) -> Result<crate::declare::edition::Edition, Failure> {
    let texts = edition_chain(origin).map_err(Failure::new)?;
    crate::declare::edition::Edition::from_chain(texts)
}

fn read_edition_file(path: &Path) -> Result<SourceFile, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Diagnostic::error(
            "E0240",
            format!("无法读取版式文件 {}（{err}）", path.display()),
        )
        .in_file(path)
    })?;
    Ok(SourceFile::new(
        path.to_path_buf(),
        text.strip_prefix('\u{feff}').unwrap_or(&text),
    ))
}

/// The catalog files an input lays over the built-in catalog, if it names any.
fn catalog_of(input: &Loaded) -> Option<Result<Vec<SourceFile>, Failure>> {
    let setting = input.input.settings.catalog.as_ref()?;
    let base = input.source.path.parent().unwrap_or(Path::new(""));
    let path = base.join(setting.get_ref().trim());
    Some(catalog::read(&path).map_err(|message| catalog::unreadable(input, setting, message)))
}

impl Bundle {
    /// Every file this bundle was read from: the input, the edition files, the catalog
    /// files, last year's and what it names. A file that could not be read is listed
    /// too (its appearing is a change).
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.input.source.path.clone()];
        if let Some(Ok(texts)) = &self.edition {
            files.extend(texts.iter().map(|f| f.path.clone()));
        } else if let Some(name) = &self.input.input.settings.edition {
            if let Origin::File(path) = origin_of(name.get_ref().trim(), self.dir()) {
                files.push(path);
            }
        }
        match &self.catalog {
            Some(Ok(texts)) => files.extend(texts.iter().map(|f| f.path.clone())),
            Some(Err(_)) => {
                if let Some(setting) = &self.input.input.settings.catalog {
                    let base = self.dir().unwrap_or(Path::new(""));
                    files.push(base.join(setting.get_ref().trim()));
                }
            }
            None => {}
        }
        match &self.previous {
            Some(Ok(previous)) => files.extend(previous.files()),
            Some(Err(_)) => files.extend(self.input.previous_path()),
            None => {}
        }
        // Built-in editions are part of the program, not files.
        files.retain(|p| !p.to_string_lossy().starts_with("<内置"));
        files.dedup();
        files
    }

    /// Every file of [`Bundle::files`] with its text as read (`None`: named but not
    /// readable): what an incremental batch hashes.
    pub fn contents(&self) -> Vec<(PathBuf, Option<&str>)> {
        let mut out = vec![(
            self.input.source.path.clone(),
            Some(self.input.source.text.as_str()),
        )];
        fn texts(files: &[SourceFile]) -> Vec<(PathBuf, Option<&str>)> {
            files
                .iter()
                .map(|f| (f.path.clone(), Some(f.text.as_str())))
                .collect()
        }
        match &self.edition {
            Some(Ok(files)) => out.extend(texts(files)),
            Some(Err(_)) => out.push((PathBuf::from("settings.edition"), None)),
            None => {}
        }
        match &self.catalog {
            Some(Ok(files)) => out.extend(texts(files)),
            Some(Err(_)) => out.push((PathBuf::from("settings.catalog"), None)),
            None => {}
        }
        match &self.previous {
            Some(Ok(previous)) => out.extend(previous.contents()),
            Some(Err(_)) => out.push((PathBuf::from("previous"), None)),
            None => {}
        }
        out
    }

    fn dir(&self) -> Option<&Path> {
        self.input.source.path.parent()
    }
}
