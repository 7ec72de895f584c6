//! PNG charts for tools that do not show SVG: the same SVG, rasterised by resvg with only
//! the embedded font loaded, so the PNG shows what the SVG shows on any machine. (Plotters'
//! bitmap backend would draw a second, different picture and need a system font.)

use super::font;
use crate::ssr::error::AppError;
use resvg::tiny_skia;
use resvg::usvg;
use std::sync::{Arc, LazyLock};

static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(font::DATA.to_vec());
    db.set_sans_serif_family(font::FAMILY);
    db.set_serif_family(font::FAMILY);
    Arc::new(db)
});

/// The PNG of `svg`, at the SVG's own size.
pub fn png(svg: &str) -> Result<Vec<u8>, AppError> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_owned(),
        fontdb: FONTS.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| AppError::Internal(format!("the chart SVG does not parse: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| AppError::Internal("a chart of no size".into()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| AppError::Internal(format!("encoding the chart PNG: {e}")))
}
