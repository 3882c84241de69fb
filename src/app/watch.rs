//! `gongkai watch`: rebuild on every save, in one process, with Typst's cache kept warm
//! so an edited paragraph costs a fraction of a cold build. The operating system tells
//! us of a save (notify); every file the booklet is built from is watched: what the load
//! stage read (the input, the edition file it names and those that one extends, the
//! catalog overlay, last year's file and what that names), and the `--templates`
//! directory.

use crate::app::batch::default_output_for;
use crate::app::output::{check_output, write_atomically};
use crate::app::report::summary;
use crate::base::diag::Failure;
use crate::input::Loaded;
use crate::pipeline::{BuildOptions, Toolkit};
use crate::render::Renderer;
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait after a change for the write to finish, when the system does not
/// say so (a close after writing, or a rename into place, settle it at once).
const QUIET: Duration = Duration::from_millis(40);

/// What a successful rebuild wrote.
#[derive(Debug)]
pub struct Rebuilt {
    pub output: PathBuf,
    /// Warnings, then `已更新 …`: what to print.
    pub report: String,
}

/// What a watch session builds from and writes to.
pub struct Session {
    pub toolkit: Toolkit,
    pub input: PathBuf,
    /// `-o`; without it the output is named after the unit and the year the input
    /// gives, once it gives one.
    pub output: Option<PathBuf>,
    pub draft: bool,
    /// `--templates`: watched too, and read again for every rebuild.
    pub templates: Option<PathBuf>,
}

impl Session {
    /// One rebuild: load, build with a warm cache, write.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Failure> {
        let started = Instant::now();
        if let Some(dir) = &self.templates {
            self.toolkit.renderer = Renderer::with_overrides(Some(dir))?;
        }
        let bundle = crate::load::load(&self.input)?;
        let output = self.output_for(&bundle.input);
        check_output(&output, Some(&self.input))?;
        let options = BuildOptions {
            draft: self.draft,
            keep_cache: true,
        };
        let built = self.toolkit.build(&bundle, options)?;
        write_atomically(&output, &built.pdf)?;
        let mut report = String::new();
        for d in &built.diagnostics {
            report.push_str(&d.to_string());
            report.push('\n');
        }
        report.push_str(&format!(
            "已更新 {}（{}，{} ms，{}）",
            output.display(),
            built.conformance.label(),
            started.elapsed().as_millis(),
            summary(&built.diagnostics)
        ));
        Ok(Rebuilt { output, report })
    }

    fn output_for(&self, loaded: &Loaded) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| default_output_for(loaded))
    }

    /// The files the booklet is built from, as far as the input can be read: every
    /// file the load stage reads for it.
    pub fn sources(&self) -> Vec<PathBuf> {
        match crate::load::load(&self.input) {
            Ok(bundle) => bundle.files(),
            Err(_) => vec![self.input.clone()],
        }
    }

    /// Builds now and after every change until `after_each` returns false. Returns
    /// early only if the operating system refuses to watch.
    pub fn run(
        &mut self,
        mut after_each: impl FnMut(&Result<Rebuilt, Failure>) -> bool,
    ) -> Result<(), notify::Error> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        let mut watched = Watched::default();
        if let Some(dir) = &self.templates {
            watcher.watch(dir, RecursiveMode::Recursive)?;
            watched.trees.insert(canonical(dir));
        }
        loop {
            // Watch the directories of the sources (an editor may save by writing a new
            // file and renaming it over the old one), before building, so a save during
            // the build is not missed.
            for file in self.sources() {
                let dir = canonical(
                    file.parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(Path::new(".")),
                );
                if watched.dirs.insert(dir.clone()) {
                    watcher.watch(&dir, RecursiveMode::NonRecursive)?;
                }
                watched
                    .files
                    .insert(dir.join(file.file_name().unwrap_or_default()));
            }
            if !after_each(&self.rebuild()) || !wait_for_change(&rx, &watched) {
                return Ok(());
            }
        }
    }
}

/// Directories watched and the files in them that matter.
#[derive(Default)]
struct Watched {
    dirs: BTreeSet<PathBuf>,
    files: BTreeSet<PathBuf>,
    /// Directory trees of which every file matters (`--templates`).
    trees: BTreeSet<PathBuf>,
}

impl Watched {
    fn concerns(&self, event: &notify::Event) -> bool {
        let changed = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) | EventKind::Other | EventKind::Any => false,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        };
        changed
            && event
                .paths
                .iter()
                .any(|p| self.files.contains(p) || self.trees.iter().any(|t| p.starts_with(t)))
    }
}

/// A write is complete when the file is closed after writing or renamed into place.
fn settles(event: &notify::Event) -> bool {
    matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// Blocks until a source has changed and the change has settled; false if the
/// watcher has stopped.
fn wait_for_change(rx: &mpsc::Receiver<notify::Result<notify::Event>>, watched: &Watched) -> bool {
    let relevant = |e: notify::Result<notify::Event>| e.ok().filter(|e| watched.concerns(e));
    let first = loop {
        match rx.recv() {
            Ok(e) => {
                if let Some(e) = relevant(e) {
                    break e;
                }
            }
            Err(_) => return false,
        }
    };
    let mut settled = settles(&first);
    let deadline = Instant::now() + QUIET;
    while !settled {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(e) => settled = relevant(e).is_some_and(|e| settles(&e)),
            Err(_) => break,
        }
    }
    // Events already queued (the rest of this save) are part of this change.
    while rx.try_recv().is_ok() {}
    true
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Prints each rebuild; a failure's diagnostics only when they differ from the last
/// ones, not on every save.
#[derive(Default)]
pub struct Printer {
    last_problems: String,
}

impl Printer {
    pub fn print(&mut self, result: &Result<Rebuilt, Failure>) {
        match result {
            Ok(rebuilt) => {
                eprintln!("{}", rebuilt.report);
                self.last_problems.clear();
            }
            Err(failure) => {
                let text = failure.to_string();
                if text != self.last_problems {
                    eprint!("{text}");
                    self.last_problems = text;
                }
                eprintln!(
                    "未更新 PDF：{}；保存修改后自动重试。",
                    summary(&failure.diagnostics)
                );
            }
        }
    }
}
