//! What a batch built, kept beside the PDFs (`out/gongkai-manifest.json`), so a re-run
//! skips every booklet whose inputs and program are unchanged: a district re-run after
//! fixing one unit typesets that unit only.
//!
//! A booklet's key is a content hash (SipHash-1-3, 128 bits, fixed keys: stable between
//! runs and machines) of everything its PDF depends on: the program (its version and
//! the bytes of its executable), the options, the override templates, the output path
//! and the text of every file the load stage read for it (the input, the edition files,
//! the catalog overlay, last year's file and what that names). The PDF's own hash is
//! kept too, so a PDF deleted or changed by hand is built again. A manifest that cannot
//! be read is ignored (everything is built), never an error: it only saves time.

use crate::app::output::write_atomically;
use crate::base::diag::Failure;
use crate::load::Bundle;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file name of the manifest, in the directory the PDFs are written to.
pub const FILE_NAME: &str = "gongkai-manifest.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    /// Output path → what it was built from.
    booklets: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    /// The hash of everything the PDF depends on.
    key: String,
    /// The hash of the PDF written.
    pdf: String,
}

/// The manifest of one output directory, shared by the builds of a batch.
pub struct Manifest {
    path: PathBuf,
    /// What every key starts from: the program, the options and the templates.
    base: String,
    stored: Mutex<Stored>,
}

impl Manifest {
    /// The manifest in `dir`, for builds with `context` (the options and templates, as
    /// text): the entries written by an earlier run, if it can be read.
    pub fn open(dir: &Path, context: &str) -> Manifest {
        let path = dir.join(FILE_NAME);
        let stored = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Manifest {
            path,
            base: format!("{}\n{context}", program()),
            stored: Mutex::new(stored),
        }
    }

    /// The key of a booklet built from `bundle` to `output`.
    pub fn key(&self, bundle: &Bundle, output: &Path) -> String {
        let mut h = SipHasher13::new();
        feed(&mut h, self.base.as_bytes());
        feed(&mut h, output.to_string_lossy().as_bytes());
        for (path, text) in bundle.contents() {
            feed(&mut h, path.to_string_lossy().as_bytes());
            match text {
                Some(text) => feed(&mut h, text.as_bytes()),
                // A file named but not readable: its appearing is a change.
                None => feed(&mut h, b"\0unreadable"),
            }
        }
        hex(h.finish128().as_u128())
    }

    /// Whether `output` was built with this key and is still the PDF written then.
    pub fn unchanged(&self, output: &Path, key: &str) -> bool {
        let stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        let Some(entry) = stored.booklets.get(&name(output)) else {
            return false;
        };
        entry.key == key && std::fs::read(output).is_ok_and(|pdf| entry.pdf == digest(&pdf))
    }

    /// Records that `output` was written as `pdf` from inputs with this key.
    pub fn record(&self, output: &Path, key: String, pdf: &[u8]) {
        let mut stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        stored.booklets.insert(
            name(output),
            Entry {
                key,
                pdf: digest(pdf),
            },
        );
    }

    /// Forgets `output` (its build failed: the next run tries again).
    pub fn forget(&self, output: &Path) {
        let mut stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        stored.booklets.remove(&name(output));
    }

    /// Writes the manifest (atomically), when the directory exists.
    pub fn save(&self) -> Result<(), Failure> {
        if !self.path.parent().is_some_and(Path::is_dir) {
            return Ok(());
        }
        let stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        let text = serde_json::to_string_pretty(&*stored).unwrap_or_default();
        write_atomically(&self.path, text.as_bytes())
    }
}

fn name(output: &Path) -> String {
    output.to_string_lossy().into_owned()
}

/// Length-prefixed, so that two fields cannot run into each other.
fn feed(h: &mut SipHasher13, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

fn digest(bytes: &[u8]) -> String {
    let mut h = SipHasher13::new();
    feed(&mut h, bytes);
    hex(h.finish128().as_u128())
}

fn hex(n: u128) -> String {
    format!("{n:032x}")
}

/// The program: its version and a hash of its executable, read once per process, so a
/// rebuilt gongkai (even of the same version) builds everything again.
fn program() -> &'static str {
    static PROGRAM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::read)
            .map(|bytes| digest(&bytes))
            .unwrap_or_else(|_| "unknown".into());
        format!("gongkai {} {exe}", env!("CARGO_PKG_VERSION"))
    })
}

/// The files of an override template directory as text, for the manifest's context.
pub fn templates_digest(dir: Option<&Path>) -> String {
    let Some(dir) = dir else {
        return String::new();
    };
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let mut h = SipHasher13::new();
    for file in &files {
        feed(&mut h, file.to_string_lossy().as_bytes());
        feed(&mut h, &std::fs::read(file).unwrap_or_default());
    }
    format!(
        "templates {} {}",
        dir.display(),
        hex(h.finish128().as_u128())
    )
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::load_str;

    fn bundle(text: &str) -> Bundle {
        crate::load::around(load_str(Path::new("x/2024.toml"), text).unwrap())
    }

    const UNIT: &str = "[unit]\nname = \"甲\"\nyear = 2024\npublished = 2025-09-26\n";

    #[test]
    fn a_key_changes_with_any_input_and_the_options() {
        let dir = std::env::temp_dir().join(format!("gongkai-manifest-{}", std::process::id()));
        let m = Manifest::open(&dir, "draft=false");
        let out = Path::new("out/x-2024.pdf");
        let a = m.key(&bundle(UNIT), out);
        assert_eq!(
            a,
            m.key(&bundle(UNIT), out),
            "the same inputs, the same key"
        );
        assert_ne!(a, m.key(&bundle(&UNIT.replace('甲', "乙")), out));
        assert_ne!(a, m.key(&bundle(UNIT), Path::new("out/y-2024.pdf")));
        let draft = Manifest::open(&dir, "draft=true");
        assert_ne!(a, draft.key(&bundle(UNIT), out));
    }

    #[test]
    fn an_entry_holds_while_the_pdf_is_the_one_written() {
        let dir = std::env::temp_dir().join(format!("gongkai-manifest-e-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pdf = dir.join("x-2024.pdf");
        std::fs::write(&pdf, b"%PDF one").unwrap();
        let m = Manifest::open(&dir, "");
        assert!(!m.unchanged(&pdf, "k"), "nothing recorded yet");
        m.record(&pdf, "k".into(), b"%PDF one");
        assert!(m.unchanged(&pdf, "k"));
        assert!(!m.unchanged(&pdf, "other"), "another key");
        m.save().unwrap();
        let again = Manifest::open(&dir, "");
        assert!(again.unchanged(&pdf, "k"), "kept across runs");
        std::fs::write(&pdf, b"%PDF edited").unwrap();
        assert!(
            !again.unchanged(&pdf, "k"),
            "a PDF changed by hand is rebuilt"
        );
        std::fs::remove_file(&pdf).unwrap();
        assert!(!again.unchanged(&pdf, "k"), "a deleted PDF is rebuilt");
        std::fs::write(dir.join(FILE_NAME), "not json").unwrap();
        assert!(
            !Manifest::open(&dir, "").unchanged(&pdf, "k"),
            "unreadable: ignored"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
