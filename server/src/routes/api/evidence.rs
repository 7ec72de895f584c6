//! Evidence through the API: attach raw benchmark or metrics output (the body, or a
//! multipart file), list it, read its parsed form and its original bytes, remove it,
//! compare two options' benchmarks, and judge metrics by the rules.

use super::json::ApiJson;
use app::ssr::actor;
use app::ssr::attachments::{self, Attached, too_large};
use app::ssr::compare::{Report, to_csv};
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::evidence::{Parsed, Results};
use app::ssr::evidence_repo::{self, EvidenceInfo};
use app::ssr::evidence_settings;
use app::ssr::metrics::{self, QuantileValue, Rule};
use app::ssr::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Query, RawQuery, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

fn id_of(text: &str) -> Result<i64, AppError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::NotFound(format!("'{text}' names no evidence")))
}

/// What an attach request carries besides the bytes.
#[derive(Default, Deserialize)]
pub struct AttachQuery {
    #[serde(default)]
    pub option: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
}

/// The text of a pasted (textarea) part as the user pasted it: browsers send every line
/// break of a textarea as CRLF, so CRLF becomes LF again. Files keep their bytes.
fn pasted(bytes: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.windows(2).position(|w| w == b"\r\n") {
        text.extend_from_slice(&rest[..at]);
        text.push(b'\n');
        rest = &rest[at + 2..];
    }
    text.extend_from_slice(rest);
    text
}

/// The bytes and fields of a multipart attach: a `file` (or any part with a file name) or
/// a `text` part, and optional `option`, `label` and `format` parts.
async fn read_multipart(
    mut multipart: Multipart,
    query: &mut AttachQuery,
    limit: usize,
) -> Result<Vec<u8>, AppError> {
    let mut content: Option<Vec<u8>> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(limit)
        } else {
            AppError::invalid("body", format!("the multipart body is malformed: {e}"))
        }
    })? {
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = field.file_name().is_some_and(|f| !f.is_empty());
        // Chunk by chunk into one buffer, stopping at the limit.
        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large(limit)
            } else {
                AppError::invalid(name.clone(), format!("the part could not be read: {e}"))
            }
        })? {
            append_within(&mut bytes, &chunk, limit)?;
        }
        let text = || String::from_utf8_lossy(&bytes).trim().to_owned();
        match name.as_str() {
            "option" if !bytes.is_empty() => query.option = Some(text()),
            "label" if !bytes.is_empty() => query.label = Some(text()),
            "format" if !bytes.is_empty() => query.format = Some(text()),
            "text" if !bytes.is_empty() && content.is_none() => content = Some(pasted(&bytes)),
            _ if is_file && !bytes.is_empty() => content = Some(bytes),
            _ => {}
        }
    }
    let content =
        content.ok_or_else(|| AppError::invalid("file", "attach a file or paste the text"))?;
    if content.len() > limit {
        return Err(too_large(limit));
    }
    Ok(content)
}

/// Reads an attach request: the body as the evidence, or a multipart form.
pub async fn read_attach(
    request: Request,
    state: &AppState,
    mut query: AttachQuery,
) -> Result<(Vec<u8>, AttachQuery), AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let raw = if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, state).await.map_err(|e| {
            AppError::invalid("body", format!("the multipart body is malformed: {e}"))
        })?;
        read_multipart(multipart, &mut query, state.evidence_limit).await?
    } else {
        let expected = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        read_body(request.into_body(), expected, state.evidence_limit).await?
    };
    Ok((raw, query))
}

/// Reads `body` frame by frame into one buffer, sized from `Content-Length` when the client
/// gave it, and stops as soon as it passes `limit`: a 15 MB upload is held once, not once per
/// growth of a collecting buffer and again as a copy.
async fn read_body(
    mut body: axum::body::Body,
    expected: Option<usize>,
    limit: usize,
) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::with_capacity(expected.unwrap_or(0).min(limit));
    while let Some(frame) = body.frame().await {
        let frame = frame
            .map_err(|e| AppError::invalid("body", format!("the body could not be read: {e}")))?;
        if let Ok(data) = frame.into_data() {
            append_within(&mut out, &data, limit)?;
        }
    }
    Ok(out)
}

/// Appends `chunk` to `out`, or refuses with 413 when that would pass `limit`.
fn append_within(out: &mut Vec<u8>, chunk: &[u8], limit: usize) -> Result<(), AppError> {
    if out.len() + chunk.len() > limit {
        return Err(too_large(limit));
    }
    out.extend_from_slice(chunk);
    Ok(())
}

/// `POST /adrs/{number}/evidence?option=&label=&format=`: answers 201 with the parse report.
pub async fn attach(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(query): Query<AttachQuery>,
    request: Request,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let (raw, query) = read_attach(request, &state, query).await?;
    let attached: Attached = attachments::attach(
        &state.pool,
        &actor::current(),
        number,
        query.option.as_deref().unwrap_or_default(),
        query.label.as_deref().unwrap_or_default(),
        query.format.as_deref().unwrap_or("auto"),
        &raw,
    )
    .await?;
    let location = format!("/api/v1/evidence/{}", attached.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(attached),
    )
        .into_response())
}

/// A listed piece of evidence.
#[derive(Serialize)]
struct ListedEvidence {
    #[serde(flatten)]
    info: EvidenceInfo,
    option: String,
    url: String,
    raw_url: String,
}

/// `GET /adrs/{number}/evidence`
pub async fn list(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<Value>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let doc = decisions::get(&state.pool, number).await?.adr.document;
    let items: Vec<ListedEvidence> = evidence_repo::list(&state.pool, number)
        .await?
        .into_iter()
        .map(|info| ListedEvidence {
            option: attachments::side_name(&doc, info.option_id.as_deref()),
            url: state.url(&format!("/api/v1/evidence/{}", info.id)),
            raw_url: state.url(&format!("/api/v1/evidence/{}/raw", info.id)),
            info,
        })
        .collect();
    let total = items.len();
    Ok(Json(json!({ "items": items, "total": total })))
}

async fn found(state: &AppState, id: &str) -> Result<(EvidenceInfo, Parsed), AppError> {
    let id = id_of(id)?;
    evidence_repo::get(&state.pool, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("evidence {id} does not exist")))
}

/// `GET /evidence/{id}`: the parsed form (removed evidence too, with `deleted_at`).
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let (info, parsed) = found(&state, &id).await?;
    let doc = decisions::get(&state.pool, info.adr_number)
        .await?
        .adr
        .document;
    let mut body = serde_json::to_value(&info).map_err(|e| AppError::Internal(e.to_string()))?;
    let parsed = serde_json::to_value(&parsed).map_err(|e| AppError::Internal(e.to_string()))?;
    if let (Some(body), Some(parsed)) = (body.as_object_mut(), parsed.as_object()) {
        body.extend(parsed.clone());
        body.insert(
            "option".into(),
            json!(attachments::side_name(&doc, info.option_id.as_deref())),
        );
        body.insert(
            "raw_url".into(),
            json!(state.url(&format!("/api/v1/evidence/{}/raw", info.id))),
        );
    }
    Ok(Json(body))
}

/// `GET /evidence/{id}/raw`: the bytes as attached.
pub async fn raw(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = id_of(&id)?;
    let bytes = evidence_repo::raw(&state.pool, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("evidence {id} does not exist")))?;
    // Plain text, never sniffed (the security middleware adds nosniff) and downloaded rather
    // than shown, so uploaded bytes can never render as a page of this site. The file name
    // holds only the id.
    let disposition = format!("attachment; filename=\"evidence-{id}.txt\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from(bytes),
    )
        .into_response())
}

/// `DELETE /evidence/{id}`: removed from the ADR, kept in history.
pub async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let id = id_of(&id)?;
    evidence_settings::remove_evidence(&state.pool, &actor::current(), None, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /evidence/{id}/quantiles?q=0.5,0.9,0.99`
pub async fn quantiles(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<QuantileValue>>, AppError> {
    let (_, parsed) = found(&state, &id).await?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let list = pairs
        .iter()
        .find(|(k, _)| k == "q")
        .map_or("0.5,0.9,0.99", |(_, v)| v.as_str());
    let qs = list
        .split(',')
        .map(|q| {
            q.trim()
                .parse::<f64>()
                .ok()
                .filter(|q| q.is_finite())
                .ok_or_else(|| {
                    AppError::invalid(
                        "q",
                        format!("'{q}' is not a quantile; give numbers such as q=0.5,0.99"),
                    )
                })
        })
        .collect::<Result<Vec<f64>, _>>()?;
    match &parsed.results {
        Results::Metrics(families) => Ok(Json(metrics::quantiles(families, &qs))),
        Results::Benchmarks(_) => Err(AppError::invalid(
            "id",
            "this evidence holds benchmarks, not metrics",
        )),
    }
}

#[derive(Deserialize)]
pub struct ComparisonQuery {
    base: Option<String>,
    new: Option<String>,
    alpha: Option<String>,
    format: Option<String>,
}

/// `GET /adrs/{number}/comparison?base=A&new=B[&alpha=0.05][&format=json|text|csv]`
pub async fn comparison(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let alpha = match query
        .alpha
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        None => None,
        Some(a) => Some(
            a.parse::<f64>()
                .map_err(|_| AppError::invalid("alpha", format!("alpha '{a}' is not a number")))?,
        ),
    };
    let report: Report =
        attachments::compare(&state.pool, number, query.base, query.new, alpha).await?;
    Ok(match query.format.as_deref().unwrap_or("json") {
        "json" => Json(report).into_response(),
        "text" => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            report.text,
        )
            .into_response(),
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"adr-{number:04}-comparison.csv\""),
                ),
            ],
            to_csv(&report),
        )
            .into_response(),
        other => {
            return Err(AppError::invalid(
                "format",
                format!("unknown format '{other}'; expected json, text or csv"),
            ));
        }
    })
}

/// `GET /adrs/{number}/metrics`: every rule's verdict for each option with metrics.
pub async fn metrics_report(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<attachments::MetricsReport>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    Ok(Json(
        attachments::metrics_report(&state.pool, number).await?,
    ))
}

/// A name mapping entry: benchmarks called `name` pair with those called `same_as`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameMapping {
    name: String,
    same_as: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameMappings {
    mappings: Vec<NameMapping>,
}

/// `GET /adrs/{number}/benchmark-names`
pub async fn names(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<NameMappings>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    decisions::get(&state.pool, number).await?;
    let settings = evidence_repo::settings(&state.pool, number).await?;
    Ok(Json(NameMappings {
        mappings: settings
            .name_map
            .into_iter()
            .map(|(name, same_as)| NameMapping { name, same_as })
            .collect(),
    }))
}

/// `PUT /adrs/{number}/benchmark-names`: `{"mappings": [{"name", "same_as"}]}`.
pub async fn put_names(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiJson(input): ApiJson<NameMappings>,
) -> Result<Json<NameMappings>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let map = input
        .mappings
        .into_iter()
        .map(|m| (m.name, m.same_as))
        .collect();
    let map = evidence_settings::set_name_map(&state.pool, &actor::current(), number, map).await?;
    Ok(Json(NameMappings {
        mappings: map
            .into_iter()
            .map(|(name, same_as)| NameMapping { name, same_as })
            .collect(),
    }))
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleList {
    rules: Vec<Rule>,
}

/// `GET /adrs/{number}/metric-rules`: the ADR's own rules (the guide's always apply too).
pub async fn rules(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<RuleList>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    decisions::get(&state.pool, number).await?;
    Ok(Json(RuleList {
        rules: evidence_repo::settings(&state.pool, number).await?.rules,
    }))
}

/// `PUT /adrs/{number}/metric-rules`: replaces the ADR's own rules.
pub async fn put_rules(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiJson(input): ApiJson<RuleList>,
) -> Result<Json<RuleList>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let rules =
        evidence_settings::set_rules(&state.pool, &actor::current(), number, input.rules).await?;
    Ok(Json(RuleList { rules }))
}

#[cfg(test)]
mod tests {
    use super::pasted;

    #[test]
    fn pasted_text_gets_its_line_feeds_back() {
        assert_eq!(pasted(b"a\r\nb\r\n\r\nc"), b"a\nb\n\nc");
        assert_eq!(pasted(b"lone\rcarriage\n"), b"lone\rcarriage\n");
        assert_eq!(pasted(b""), b"");
    }
}
