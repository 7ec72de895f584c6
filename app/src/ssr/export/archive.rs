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
        writer.write_all(&file.bytes).map_err(|e| failed(&e))?;
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
                bytes: "# ADR-0001: A\n".repeat(50).into_bytes(),
            },
            File {
                path: "docs/decisions/README.md".into(),
                bytes: b"index\n".to_vec(),
            },
        ];
        let first = zip(&files).unwrap();
        assert_eq!(first, zip(&files).unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(first)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut bytes).unwrap();
        assert_eq!(bytes, files[0].bytes);
        let index = archive.by_index(1).unwrap();
        assert_eq!(index.name(), "docs/decisions/README.md");
        // Not the time of the export: a fixed date.
        assert_eq!(index.last_modified().map(|t| t.year()), Some(1980));
    }
}
