//! An export as one zip: the same files in the same order, with fixed timestamps and
//! permissions, so that the same database gives a byte-identical archive.

use super::files::File;
use crate::ssr::error::AppError;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The zip of `files`, in their order.
pub fn zip(files: &[File]) -> Result<Vec<u8>, AppError> {
    let failed = |e: &dyn std::fmt::Display| AppError::Internal(format!("writing the zip: {e}"));
    // `DEFAULT` (not `default()`) dates every entry 1980-01-01 rather than now.
    let options = SimpleFileOptions::DEFAULT
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for file in files {
        writer
            .start_file(file.path.as_str(), options)
            .map_err(|e| failed(&e))?;
        writer
            .write_all(file.text.as_bytes())
            .map_err(|e| failed(&e))?;
    }
    Ok(writer.finish().map_err(|e| failed(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_files_give_the_same_bytes() {
        let files = vec![
            File {
                path: "docs/decisions/0001-a.md".into(),
                text: "# ADR-0001: A\n".repeat(50),
            },
            File {
                path: "docs/decisions/README.md".into(),
                text: "index\n".into(),
            },
        ];
        let first = zip(&files).unwrap();
        assert_eq!(first, zip(&files).unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(first)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(0).unwrap(), &mut text).unwrap();
        assert_eq!(text, files[0].text);
        let index = archive.by_index(1).unwrap();
        assert_eq!(index.name(), "docs/decisions/README.md");
        // Not the time of the export: a fixed date.
        assert_eq!(index.last_modified().map(|t| t.year()), Some(1980));
    }
}
