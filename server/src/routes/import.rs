//! ADR files into the log through the browser: `GET /import` is the page (Leptos), and
//! `POST /import` takes its plain multipart form and answers with the page showing the
//! report. The request readers here serve the JSON API's `POST /api/v1/import` too.
//! Attachments that imported ADRs reference are served at `/adr/{key}/files/{name}`.

use super::forms::render_page;
use app::model::adr_key;
use app::model::import::ImportReport;
use app::pages::import::ImportOutcome;
use app::ssr::actor;
use app::ssr::clock;
use app::ssr::error::AppError;
use app::ssr::import::{self, sources};
use app::ssr::import_repo;
use app::ssr::state::AppState;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The largest request an import takes: a zip at its limit, with room for the form.
pub const BODY_LIMIT: usize = sources::ZIP_LIMIT + 1024 * 1024;

fn too_large() -> AppError {
    AppError::PayloadTooLarge(format!(
        "an import upload may be at most {} bytes (50 MiB)",
        sources::ZIP_LIMIT
    ))
}

/// The files of an import request: a multipart form of files (markdown, images, or zips),
/// or a zip as the body.
pub async fn read_upload(request: Request, state: &AppState) -> Result<sources::Tree, AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut tree = sources::Tree::new();
    let mut budget = sources::Budget::default();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, state).await.map_err(|e| {
            AppError::invalid("body", format!("the multipart body is malformed: {e}"))
        })?;
        let read_error = |e: axum::extract::multipart::MultipartError| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                AppError::invalid("files", format!("the upload could not be read: {e}"))
            }
        };
        while let Some(field) = multipart.next_field().await.map_err(read_error)? {
            let Some(name) = field
                .file_name()
                .map(str::to_owned)
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            let bytes = field.bytes().await.map_err(read_error)?;
            sources::add_file(&mut tree, &mut budget, &name, bytes.to_vec())?;
        }
    } else if content_type.starts_with("application/zip")
        || content_type.starts_with("application/x-zip")
        || content_type.starts_with("application/octet-stream")
    {
        let bytes = axum::body::to_bytes(request.into_body(), sources::ZIP_LIMIT)
            .await
            .map_err(|_| too_large())?;
        sources::add_zip(&mut tree, &mut budget, &bytes)?;
    } else {
        return Err(AppError::UnsupportedMediaType(format!(
            "an import is a zip (Content-Type: application/zip) or a multipart form of files, not '{content_type}'"
        )));
    }
    if tree.is_empty() {
        return Err(AppError::invalid(
            "files",
            "choose a zip or markdown files to import",
        ));
    }
    Ok(tree)
}

/// Imports what `request` carries.
pub async fn run(request: Request, state: &AppState) -> Result<ImportReport, AppError> {
    let tree = read_upload(request, state).await?;
    import::import(
        &state.pool,
        &actor::current(),
        &tree,
        &clock::today(),
        &clock::now(),
    )
    .await
}

/// `POST /import`: the form's files, answered with the page and its report.
pub async fn form(State(state): State<AppState>, request: Request) -> Response {
    let (outcome, status) = match run(request, &state).await {
        Ok(report) => (ImportOutcome(Ok(report)), StatusCode::OK),
        Err(error) => {
            let status = error.status();
            (ImportOutcome(Err(error.to_api_error().message)), status)
        }
    };
    render_page(&state, "/import".to_owned(), outcome, status).await
}

/// `GET /adr/{key}/files/{name}`: a file an imported ADR references.
pub async fn attachment(
    State(state): State<AppState>,
    Path((key, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let (content_type, bytes) = import_repo::file(&state.pool, number, &name)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "{} has no attached file '{name}'",
                adr_key::display(number)
            ))
        })?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // An attached SVG or HTML runs nothing: the file is a sandboxed document of its own.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
        ),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if !content_type.starts_with("image/") {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    Ok(response)
}
