//! Where imported files come from: a zip (uploaded or posted), loose files from a form, or a
//! folder on disk (the CLI). Each gives paths and bytes; the ADR folder inside is found the
//! way the tools find it: `.adr-dir` (adr-tools), `.log4brains.yml`, then `docs/decisions`,
//! `docs/adr` and `doc/adr`, else the root itself. Zips are read within fixed limits, with
//! the expanded size counted as it is read, never taken from the headers.

use crate::ssr::error::AppError;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The largest zip accepted, in bytes.
pub const ZIP_LIMIT: usize = 50 * 1024 * 1024;
/// The most an upload may expand to, in bytes.
pub const EXPANDED_LIMIT: u64 = 200 * 1024 * 1024;
/// The most entries an upload may hold.
pub const ENTRY_LIMIT: usize = 10_000;

/// Files by their path below the root (`/`-separated, no `.` or `..`).
pub type Tree = BTreeMap<String, Vec<u8>>;

/// A path made safe, or the reason it is refused: absolute paths and `..` are.
pub fn clean_path(raw: &str) -> Result<String, String> {
    let unified = raw.replace('\\', "/");
    if unified.starts_with('/') || unified.chars().nth(1) == Some(':') || unified.contains('\0') {
        return Err(format!("'{raw}' is an absolute path"));
    }
    let mut parts = Vec::new();
    for part in unified.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(format!("'{raw}' leaves its folder with '..'")),
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// Counts what is added against the limits.
pub struct Budget {
    entries: usize,
    bytes: u64,
    limit: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            entries: 0,
            bytes: 0,
            limit: EXPANDED_LIMIT,
        }
    }
}

impl Budget {
    fn take(&mut self, bytes: u64) -> Result<(), AppError> {
        self.entries += 1;
        if self.entries > ENTRY_LIMIT {
            return Err(AppError::PayloadTooLarge(format!(
                "an import may hold at most {ENTRY_LIMIT} files"
            )));
        }
        self.bytes += bytes;
        if self.bytes > self.limit {
            return Err(AppError::PayloadTooLarge(format!(
                "an import may expand to at most {} bytes ({:.0} MiB)",
                self.limit,
                self.limit as f64 / (1024.0 * 1024.0)
            )));
        }
        Ok(())
    }

    fn left(&self) -> u64 {
        self.limit - self.bytes
    }
}

/// The files of a zip, added to `tree`.
pub fn add_zip(tree: &mut Tree, budget: &mut Budget, bytes: &[u8]) -> Result<(), AppError> {
    if bytes.len() > ZIP_LIMIT {
        return Err(AppError::PayloadTooLarge(format!(
            "a zip may be at most {ZIP_LIMIT} bytes (50 MiB)"
        )));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| AppError::invalid("file", format!("the zip cannot be read: {e}")))?;
    if archive.len() > ENTRY_LIMIT {
        return Err(AppError::PayloadTooLarge(format!(
            "an import may hold at most {ENTRY_LIMIT} files; the zip has {}",
            archive.len()
        )));
    }
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| AppError::invalid("file", format!("zip entry {i}: {e}")))?;
        let name = clean_path(entry.name()).map_err(|reason| AppError::invalid("file", reason))?;
        if entry.is_dir() || name.is_empty() {
            continue;
        }
        // Read at most one byte more than is left: the headers' sizes are not trusted.
        let mut content = Vec::new();
        (&mut entry)
            .take(budget.left() + 1)
            .read_to_end(&mut content)
            .map_err(|e| AppError::invalid("file", format!("zip entry '{name}': {e}")))?;
        budget.take(content.len() as u64)?;
        tree.insert(name, content);
    }
    Ok(())
}

/// A loose file (from a form), added to `tree`; a zip is opened.
pub fn add_file(
    tree: &mut Tree,
    budget: &mut Budget,
    name: &str,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    if name.to_ascii_lowercase().ends_with(".zip") {
        return add_zip(tree, budget, &bytes);
    }
    let name = clean_path(name).map_err(|reason| AppError::invalid("file", reason))?;
    let base = name.rsplit('/').next().unwrap_or(&name).to_owned();
    budget.take(bytes.len() as u64)?;
    // Browsers send a file's name without its folder.
    tree.insert(if base.is_empty() { name } else { base }, bytes);
    Ok(())
}

/// Folders that a walk of a repository never enters.
const NOT_ENTERED: [&str; 5] = [".git", "node_modules", "target", ".venv", "vendor"];

/// The files below `dir` on disk, within the limits.
pub fn read_dir(dir: &Path) -> Result<Tree, AppError> {
    let folder = find_folder_on_disk(dir);
    let mut tree = Tree::new();
    let mut budget = Budget::default();
    walk(&dir.join(&folder), &folder, &mut tree, &mut budget)?;
    // Keep the markers that told where the folder is.
    for marker in [".adr-dir", ".log4brains.yml"] {
        if let Ok(bytes) = std::fs::read(dir.join(marker)) {
            tree.insert(marker.to_owned(), bytes);
        }
    }
    Ok(tree)
}

fn walk(dir: &Path, prefix: &str, tree: &mut Tree, budget: &mut Budget) -> Result<(), AppError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| AppError::invalid("dir", format!("{}: {e}", dir.display())))?;
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        let kind = entry
            .file_type()
            .map_err(|e| AppError::invalid("dir", format!("{path}: {e}")))?;
        if kind.is_dir() {
            if !NOT_ENTERED.contains(&name.as_str()) {
                walk(&entry.path(), &path, tree, budget)?;
            }
        } else if kind.is_file() {
            let bytes = std::fs::read(entry.path())
                .map_err(|e| AppError::invalid("dir", format!("{path}: {e}")))?;
            budget.take(bytes.len() as u64)?;
            tree.insert(path, bytes);
        }
    }
    Ok(())
}

/// `adrFolder: ./docs/adr` from `.log4brains.yml`.
fn log4brains_folder(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let value = line.trim().strip_prefix("adrFolder:")?;
        clean_path(value.trim().trim_matches(['"', '\''])).ok()
    })
}

const KNOWN_FOLDERS: [&str; 3] = ["docs/decisions", "docs/adr", "doc/adr"];

/// The ADR folder below `dir` on disk, relative to it.
fn find_folder_on_disk(dir: &Path) -> String {
    if let Some(folder) = std::fs::read_to_string(dir.join(".adr-dir"))
        .ok()
        .and_then(|t| clean_path(t.trim()).ok())
        .filter(|f| dir.join(f).is_dir())
    {
        return folder;
    }
    if let Some(folder) = std::fs::read_to_string(dir.join(".log4brains.yml"))
        .ok()
        .and_then(|t| log4brains_folder(&t))
        .filter(|f| dir.join(f).is_dir())
    {
        return folder;
    }
    KNOWN_FOLDERS
        .into_iter()
        .find(|f| dir.join(f).is_dir())
        .map(str::to_owned)
        .unwrap_or_default()
}

fn has_folder(tree: &Tree, folder: &str) -> bool {
    let prefix = format!("{folder}/");
    tree.keys().any(|path| path.starts_with(&prefix))
}

/// The ADR folder inside `tree` (a repository root, the folder itself, or either wrapped in
/// one top folder as GitHub's archives are), and its files relative to it.
pub fn adr_folder(tree: &Tree) -> (String, Vec<(String, &[u8])>) {
    let text = |path: &str| tree.get(path).and_then(|b| std::str::from_utf8(b).ok());
    let found = |root: &str| -> Option<String> {
        let at = |p: &str| {
            if root.is_empty() {
                p.to_owned()
            } else {
                format!("{root}/{p}")
            }
        };
        if let Some(folder) = text(&at(".adr-dir"))
            .and_then(|t| clean_path(t.trim()).ok())
            .map(|f| at(&f))
            .filter(|f| has_folder(tree, f))
        {
            return Some(folder);
        }
        if let Some(folder) = text(&at(".log4brains.yml"))
            .and_then(log4brains_folder)
            .map(|f| at(&f))
            .filter(|f| has_folder(tree, f))
        {
            return Some(folder);
        }
        KNOWN_FOLDERS
            .into_iter()
            .map(at)
            .find(|f| has_folder(tree, f))
    };
    let mut folder = found("");
    if folder.is_none() {
        // One top folder holding everything: look inside it.
        let tops: std::collections::BTreeSet<&str> = tree
            .keys()
            .map(|p| p.split('/').next().unwrap_or(""))
            .collect();
        if let [top] = tops.into_iter().collect::<Vec<_>>()[..]
            && tree.keys().all(|p| p.contains('/'))
        {
            folder = Some(found(top).unwrap_or_else(|| top.to_owned()));
        }
    }
    let folder = folder.unwrap_or_default();
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let files = tree
        .iter()
        .filter_map(|(path, bytes)| {
            let rest = path.strip_prefix(&prefix)?;
            let hidden = rest.split('/').any(|part| part.starts_with('.'));
            (!hidden).then(|| (rest.to_owned(), bytes.as_slice()))
        })
        .collect();
    (folder, files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::DEFAULT
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        assert_eq!(
            clean_path("docs/./adr/0001-a.md").unwrap(),
            "docs/adr/0001-a.md"
        );
        assert!(clean_path("../etc/passwd").is_err());
        assert!(clean_path("docs/../../x").is_err());
        assert!(clean_path("/etc/passwd").is_err());
        assert!(clean_path("C:\\windows\\x").is_err());
        let bytes = zip_of(&[("docs/../../evil.md", b"# x")]);
        let error = add_zip(&mut Tree::new(), &mut Budget::default(), &bytes).unwrap_err();
        assert!(error.to_string().contains("leaves its folder"), "{error}");
    }

    #[test]
    fn a_zip_bomb_is_stopped_while_it_expands() {
        // 4 MiB of zeros compress to a few KiB; the budget here is 1 MiB. (The HTTP tests
        // send one past the real 200 MiB.)
        let big = vec![0u8; 4 * 1024 * 1024];
        let bytes = zip_of(&[("bomb.md", &big)]);
        assert!(bytes.len() < 64 * 1024);
        let mut budget = Budget {
            limit: 1024 * 1024,
            ..Budget::default()
        };
        let error = add_zip(&mut Tree::new(), &mut budget, &bytes).unwrap_err();
        assert!(matches!(error, AppError::PayloadTooLarge(_)), "{error}");
        let many: Vec<(String, Vec<u8>)> = (0..=ENTRY_LIMIT)
            .map(|i| (format!("{i}.md"), Vec::new()))
            .collect();
        let refs: Vec<(&str, &[u8])> = many
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let error = add_zip(&mut Tree::new(), &mut Budget::default(), &zip_of(&refs)).unwrap_err();
        assert!(error.to_string().contains("at most 10000 files"), "{error}");
    }

    #[test]
    fn the_adr_folder_is_found_as_the_tools_find_it() {
        let tree = |paths: &[(&str, &str)]| -> Tree {
            paths
                .iter()
                .map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec()))
                .collect()
        };
        let adr_dir = tree(&[
            (".adr-dir", "architecture/decisions\n"),
            ("architecture/decisions/0001-a.md", "# 1. A"),
            ("docs/adr/0001-b.md", "# B"),
        ]);
        assert_eq!(adr_folder(&adr_dir).0, "architecture/decisions");
        let log4brains = tree(&[
            (".log4brains.yml", "project:\n  adrFolder: ./adr\n"),
            ("adr/20200101-a.md", "# A"),
        ]);
        assert_eq!(adr_folder(&log4brains).0, "adr");
        let madr = tree(&[("README.md", "# R"), ("docs/decisions/0001-a.md", "# A")]);
        let (folder, files) = adr_folder(&madr);
        assert_eq!(folder, "docs/decisions");
        assert_eq!(files.len(), 1);
        let wrapped = tree(&[
            ("repo-main/doc/adr/0001-a.md", "# A"),
            ("repo-main/README.md", "# R"),
        ]);
        assert_eq!(adr_folder(&wrapped).0, "repo-main/doc/adr");
        let bare = tree(&[("0001-a.md", "# A"), (".markdownlint.yml", "")]);
        let (folder, files) = adr_folder(&bare);
        assert_eq!((folder.as_str(), files.len()), ("", 1));
    }
}
