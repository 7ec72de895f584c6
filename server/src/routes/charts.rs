//! Chart images at stable URLs: `/adr/{n}/charts/{name}.svg|png` and
//! `/guide/charts/languages.svg|png`. Each answer carries an ETag built from what the chart
//! is drawn from, so an unchanged chart costs a few small queries: `If-None-Match` gets 304,
//! and a chart drawn before comes from the cache.

use app::model::adr_key;
use app::ssr::charts::{self, Format, params::Params};
use app::ssr::error::AppError;
use app::ssr::guide;
use app::ssr::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Charts change whenever their evidence does, at the same URL: a cache may keep one but
/// must ask again each time (cheaply, with the ETag).
const CACHE_CONTROL: &str = "no-cache";

fn not_modified(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().trim_start_matches("W/"))
        .any(|v| v == tag || v == "*")
}

fn answer(status: StatusCode, tag: &str, format: Format, file: &str, body: Body) -> Response {
    let mut response = (status, body).into_response();
    let h = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, tag);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    if status == StatusCode::OK {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        );
        if let Ok(disposition) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
            h.insert(header::CONTENT_DISPOSITION, disposition);
        }
    }
    response
}

/// Serves a chart by its tag: 304 when the client has it, the cached bytes when the server
/// does, else `draw` renders the SVG (rasterised for PNG) and the cache keeps it.
pub async fn serve(
    state: &AppState,
    headers: &HeaderMap,
    tag: String,
    format: Format,
    file: String,
    draw: impl AsyncFnOnce() -> Result<charts::Chart, AppError>,
) -> Result<Response, AppError> {
    if not_modified(headers, &tag) {
        return Ok(answer(
            StatusCode::NOT_MODIFIED,
            &tag,
            format,
            &file,
            Body::empty(),
        ));
    }
    if let Some(body) = state.charts.get(&tag) {
        return Ok(answer(
            StatusCode::OK,
            &tag,
            format,
            &file,
            Body::from((*body).clone()),
        ));
    }
    let chart = draw().await?;
    // A chart's markdown is answered before `serve`: what is drawn is an SVG or its PNG.
    let bytes = if format == Format::Png {
        tokio::task::spawn_blocking(move || charts::raster::png(&chart.svg))
            .await
            .map_err(|e| AppError::Internal(format!("the PNG task failed: {e}")))??
    } else {
        chart.svg.into_bytes()
    };
    let body = Arc::new(bytes);
    state.charts.put(tag.clone(), body.clone(), body.len());
    Ok(answer(
        StatusCode::OK,
        &tag,
        format,
        &file,
        Body::from((*body).clone()),
    ))
}

/// `GET /adr/{key}/charts/{file}`.
pub async fn adr_chart(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
    Query(pairs): Query<Vec<(String, String)>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let (kind, format) = charts::parse_file(&file).ok_or_else(|| {
        AppError::NotFound(format!(
            "no chart '{file}': the charts are benchmarks, relative, history, metrics and scores, as .svg, .png or .md"
        ))
    })?;
    let mut params = Params::from_pairs(&pairs)?;
    params.outline_text = format == Format::Png;
    let fingerprint = charts::fingerprint(&state.pool, number).await?;
    if format == Format::Markdown {
        let query = raw.map(|q| format!("?{q}")).unwrap_or_default();
        let png = state.url(&format!(
            "/adr/{number}/charts/{}.png{query}",
            kind.as_str()
        ));
        let alt = format!("{} {}", adr_key::display(number), kind.as_str());
        return Ok((
            [(header::CONTENT_TYPE, format.content_type())],
            charts::markdown(&alt, &png) + "\n",
        )
            .into_response());
    }
    let tag = charts::etag(&[
        &number.to_string(),
        &file,
        &params.canonical(),
        &fingerprint,
    ]);
    let download = format!("{}-{file}", adr_key::display(number).to_lowercase());
    serve(&state, &headers, tag, format, download, async || {
        charts::adr_chart(&state, number, kind, &params, &fingerprint).await
    })
    .await
}

/// `GET /guide/charts/{file}`: the guide's language performance chart.
pub async fn guide_chart(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let format = match file.as_str() {
        "languages.svg" => Format::Svg,
        "languages.png" => Format::Png,
        "languages.md" => {
            let png = state.url("/guide/charts/languages.png");
            return Ok((
                [(header::CONTENT_TYPE, Format::Markdown.content_type())],
                charts::markdown("Language performance relative to C", &png) + "\n",
            )
                .into_response());
        }
        _ => {
            return Err(AppError::NotFound(format!(
                "no chart '{file}': the guide's chart is languages.svg or languages.png"
            )));
        }
    };
    let mut params = Params::from_pairs(&pairs)?;
    params.outline_text = format == Format::Png;
    let tag = charts::etag(&[
        "guide",
        &file,
        &params.canonical(),
        &guide::guide().version.to_string(),
    ]);
    serve(
        &state,
        &headers,
        tag,
        format,
        format!("guide-{file}"),
        async || charts::guide_languages(&params),
    )
    .await
}
