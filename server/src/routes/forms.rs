//! Plain HTML form posts, so that every page works without JavaScript. Success redirects
//! (303) to the page that shows the result; a refusal renders the same page again with the
//! user's input and the reason inline, under the refusal's HTTP status.

use app::app::shell;
use app::model::adr_key;
use app::model::error::ApiError;
use app::model::form::AdrForm;
use app::model::matrix::MatrixUse;
use app::model::relation::RelationType;
use app::model::status::Status;
use app::ssr::actor;
use app::ssr::assessment_forms;
use app::ssr::assessments;
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::forms::{self, FormEcho, MatrixEcho, PageForm, RefusedAction};
use app::ssr::matrices;
use app::ssr::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

/// The largest form body accepted.
const FORM_LIMIT: usize = 1024 * 1024;

/// A posted form's name/value pairs, or why the body is refused.
async fn read_pairs(request: Request) -> Result<Vec<(String, String)>, AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(AppError::UnsupportedMediaType(
            "forms must be sent as application/x-www-form-urlencoded".into(),
        ));
    }
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), FORM_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge("the form is larger than 1 MiB".into()))?;
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

/// Renders the page at `path` with `context` provided, under `status` unless the page set
/// its own error status.
pub async fn render_page<C>(
    state: &AppState,
    path: String,
    context: C,
    status: StatusCode,
) -> Response
where
    C: Clone + Send + Sync + 'static,
{
    let options = state.leptos_options.clone();
    let provided = state.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(provided.clone());
            provide_context(context.clone());
        },
        move || shell(options.clone()),
    );
    let request = match Request::builder()
        .method(Method::GET)
        .uri(&path)
        .body(Body::empty())
    {
        Ok(request) => request,
        Err(e) => {
            return AppError::Internal(format!("page request for {path}: {e}")).into_response();
        }
    };
    let mut response = handler(request).await.into_response();
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}

async fn refused_editor(
    state: &AppState,
    path: String,
    echo: FormEcho,
    status: StatusCode,
) -> Response {
    render_page(state, path, echo, status).await
}

/// `POST /adr/new`: create an ADR from the plain form.
pub async fn create(State(state): State<AppState>, request: Request) -> Response {
    let pairs = match read_pairs(request).await {
        Ok(pairs) => pairs,
        Err(e) => return e.into_response(),
    };
    let form = AdrForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let path = "/adr/new".to_owned();
    if value(&pairs, "intent") == Some("preview") {
        let preview = Some(forms::preview(&form));
        let echo = FormEcho {
            form,
            base_version: None,
            error: None,
            conflict: None,
            preview,
        };
        return refused_editor(&state, path, echo, StatusCode::OK).await;
    }
    match forms::save(&state.pool, None, None, &form).await {
        Ok(saved) => Redirect::to(&adr_key::canonical_path(
            saved.adr.number,
            &saved.adr.document.title,
        ))
        .into_response(),
        Err(error) => {
            let status = error.status();
            let echo = FormEcho {
                form,
                base_version: None,
                error: Some(error.into()),
                conflict: None,
                preview: None,
            };
            refused_editor(&state, path, echo, status).await
        }
    }
}

/// `POST /adr/{key}/edit`: save a new revision from the plain form.
pub async fn update(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let pairs = match read_pairs(request).await {
        Ok(pairs) => pairs,
        Err(e) => return e.into_response(),
    };
    let form = AdrForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let version = |name| value(&pairs, name).and_then(|v| v.trim().parse::<i64>().ok());
    // "Save mine over version N" in the conflict view overrides the version the edit began from.
    let base_version = version("overwrite").or_else(|| version("version"));
    let path = format!("/adr/{number}/edit");
    if value(&pairs, "intent") == Some("preview") {
        let preview = Some(forms::preview(&form));
        let echo = FormEcho {
            form,
            base_version,
            error: None,
            conflict: None,
            preview,
        };
        return refused_editor(&state, path, echo, StatusCode::OK).await;
    }
    match forms::save(&state.pool, Some(number), base_version, &form).await {
        Ok(saved) => Redirect::to(&adr_key::canonical_path(number, &saved.adr.document.title))
            .into_response(),
        Err(error) => {
            let status = error.status();
            let conflict = match &error {
                AppError::StaleVersion { .. } => {
                    forms::conflict(&state.pool, number, &form).await.ok()
                }
                _ => None,
            };
            let echo = FormEcho {
                form,
                base_version,
                error: Some(error.into()),
                conflict,
                preview: None,
            };
            refused_editor(&state, path, echo, status).await
        }
    }
}

/// Reads ADR numbers from text such as `12, ADR-0015 adr-3`.
fn numbers(text: &str) -> Result<Vec<i64>, AppError> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|token| {
            adr_key::parse(token).ok_or_else(|| {
                AppError::invalid("superseded_by", format!("'{token}' is not an ADR number"))
            })
        })
        .collect()
}

async fn refused_on_page(
    state: &AppState,
    number: i64,
    form: PageForm,
    error: AppError,
    echo: String,
) -> Response {
    let status = error.status();
    let refused = RefusedAction {
        form,
        error: ApiError::from(error),
        echo,
    };
    let path = match decisions::get(&state.pool, number).await {
        Ok(stored) => adr_key::canonical_path(number, &stored.adr.document.title),
        Err(e) => return e.into_response(),
    };
    render_page(state, path, refused, status).await
}

/// The answer to a form on the ADR page: a redirect to `to` when the action worked; the
/// page again with the refusal beside `form` when it did not; a plain error when there is
/// no page to show it on (no such ADR, a body that is not a form or is too large).
async fn answer(
    state: &AppState,
    number: i64,
    form: PageForm,
    outcome: Result<String, AppError>,
) -> Response {
    match outcome {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(
            error @ (AppError::NotFound(_)
            | AppError::UnsupportedMediaType(_)
            | AppError::PayloadTooLarge(_)),
        ) => error.into_response(),
        Err(error) => refused_on_page(state, number, form, error, String::new()).await,
    }
}

/// `POST /adr/{key}/status`: move an ADR through its lifecycle.
pub async fn transition(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let outcome = async {
        let pairs = read_pairs(request).await?;
        let to: Status = value(&pairs, "status")
            .unwrap_or_default()
            .parse()
            .map_err(|e: app::model::status::UnknownStatus| {
                AppError::invalid("status", e.to_string())
            })?;
        let successors = numbers(value(&pairs, "superseded_by").unwrap_or_default())?;
        let stored =
            decisions::transition(&state.pool, &actor::current(), number, to, &successors).await?;
        Ok(adr_key::canonical_path(number, &stored.adr.document.title))
    }
    .await;
    answer(&state, number, PageForm::Status, outcome).await
}

/// `POST /adr/{key}/links`: relate an ADR to another.
pub async fn link(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let outcome = async {
        let pairs = read_pairs(request).await?;
        let relation: RelationType = value(&pairs, "type").unwrap_or_default().parse().map_err(
            |e: app::model::relation::UnknownRelationType| AppError::invalid("type", e.to_string()),
        )?;
        let target_text = value(&pairs, "target").unwrap_or_default();
        let target = adr_key::parse(target_text.trim()).ok_or_else(|| {
            AppError::invalid("target", format!("'{target_text}' is not an ADR number"))
        })?;
        let (stored, _) =
            decisions::link(&state.pool, &actor::current(), number, relation, target).await?;
        Ok(adr_key::canonical_path(number, &stored.adr.document.title))
    }
    .await;
    answer(&state, number, PageForm::Link, outcome).await
}

/// `POST /adr/{key}/assess`: change one part of the assessment.
pub async fn assess(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let path = format!("/adr/{number}/assess");
    let outcome = async {
        let pairs = read_pairs(request).await?;
        let change = assessment_forms::parse(&pairs)?;
        assessments::update(&state.pool, &actor::current(), number, |a| {
            assessment_forms::apply(&change, a)
        })
        .await?;
        Ok::<_, AppError>(assessment_forms::anchor(&change))
    }
    .await;
    match outcome {
        Ok(anchor) => Redirect::to(&format!("{path}#{anchor}")).into_response(),
        Err(
            error @ (AppError::UnsupportedMediaType(_)
            | AppError::PayloadTooLarge(_)
            | AppError::NotFound(_)),
        ) => error.into_response(),
        Err(error) => {
            let status = error.status();
            let refused = RefusedAction {
                form: PageForm::Assessment,
                error: ApiError::from(error),
                echo: String::new(),
            };
            render_page(&state, path, refused, status).await
        }
    }
}

fn usage_of(pairs: &[(String, String)]) -> Result<MatrixUse, AppError> {
    value(pairs, "use")
        .unwrap_or("reference")
        .parse()
        .map_err(|message: String| AppError::invalid("use", message))
}

fn matrix_echo(pairs: &[(String, String)], error: AppError) -> (StatusCode, MatrixEcho) {
    let raw = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let status = error.status();
    let echo = MatrixEcho {
        name: raw("name"),
        markdown: raw("markdown"),
        usage: raw("use"),
        error: ApiError::from(error),
    };
    (status, echo)
}

/// `POST /matrices`: add a team matrix from a markdown table.
pub async fn create_matrix(State(state): State<AppState>, request: Request) -> Response {
    let pairs = match read_pairs(request).await {
        Ok(pairs) => pairs,
        Err(e) => return e.into_response(),
    };
    let created = match usage_of(&pairs) {
        Ok(usage) => {
            let name = value(&pairs, "name").unwrap_or_default();
            let markdown = value(&pairs, "markdown").unwrap_or_default();
            matrices::create(&state.pool, &actor::current(), name, usage, markdown).await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(matrix) => Redirect::to(&format!("/matrices/{}", matrix.id)).into_response(),
        Err(error) => {
            let (status, echo) = matrix_echo(&pairs, error);
            render_page(&state, "/matrices".to_owned(), echo, status).await
        }
    }
}

/// `POST /matrices/{id}`: save a new revision of a team matrix.
pub async fn revise_matrix(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let pairs = match read_pairs(request).await {
        Ok(pairs) => pairs,
        Err(e) => return e.into_response(),
    };
    let base = value(&pairs, "revision").and_then(|v| v.trim().parse::<i64>().ok());
    let revised = match base {
        Some(base) => {
            let name = value(&pairs, "name").unwrap_or_default();
            let markdown = value(&pairs, "markdown").unwrap_or_default();
            matrices::revise(&state.pool, &actor::current(), &id, base, name, markdown).await
        }
        None => Err(AppError::invalid(
            "revision",
            "the revision the edit started from is missing",
        )),
    };
    match revised {
        Ok(matrix) => Redirect::to(&format!("/matrices/{}", matrix.id)).into_response(),
        Err(error @ AppError::NotFound(_)) => error.into_response(),
        Err(error) => {
            let (status, echo) = matrix_echo(&pairs, error);
            render_page(&state, format!("/matrices/{id}"), echo, status).await
        }
    }
}

/// `POST /adr/{key}/evidence`: attach evidence from the page's multipart form.
pub async fn attach_evidence(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let read = crate::routes::api::evidence::read_attach(request, &state, Default::default()).await;
    let (raw, fields) = match read {
        Ok(read) => read,
        Err(error) => {
            return refused_on_page(&state, number, PageForm::Evidence, error, String::new()).await;
        }
    };
    let attached = app::ssr::attachments::attach(
        &state.pool,
        &actor::current(),
        number,
        fields.option.as_deref().unwrap_or_default(),
        fields.label.as_deref().unwrap_or_default(),
        fields.format.as_deref().unwrap_or("auto"),
        &raw,
    )
    .await;
    match attached {
        Ok(attached) => {
            let page = decisions::get(&state.pool, number)
                .await
                .map(|s| adr_key::canonical_path(number, &s.adr.document.title))
                .unwrap_or_else(|_| format!("/adr/{number}"));
            Redirect::to(&format!("{page}#evidence-{}", attached.id)).into_response()
        }
        Err(error) => {
            let echo = String::from_utf8(raw).unwrap_or_default();
            refused_on_page(&state, number, PageForm::Evidence, error, echo).await
        }
    }
}

/// `POST /adr/{key}/evidence/{id}/delete`: remove a piece of evidence (kept in history).
pub async fn remove_evidence(
    State(state): State<AppState>,
    Path((key, id)): Path<(String, String)>,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let Ok(id) = id.parse::<i64>() else {
        return AppError::NotFound(format!("'{id}' names no evidence")).into_response();
    };
    match app::ssr::evidence_repo::info(&state.pool, id).await {
        Ok(Some(info)) if info.adr_number == number => {}
        Ok(_) => {
            return AppError::NotFound(format!("ADR {number} has no evidence {id}"))
                .into_response();
        }
        Err(e) => return e.into_response(),
    }
    if let Err(e) =
        app::ssr::evidence_repo::remove(&state.pool, &actor::current(), id, &app::ssr::clock::now())
            .await
    {
        return e.into_response();
    }
    Redirect::to(&format!("/adr/{number}#evidence")).into_response()
}

/// `POST /adr/{key}/benchmark-names`: `name = same as`, one per line.
pub async fn benchmark_names(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let outcome = async {
        let pairs = read_pairs(request).await?;
        let text = value(&pairs, "mappings").unwrap_or_default();
        let mut map = Vec::new();
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let (name, same) = mapping_line(line).ok_or_else(|| {
                AppError::invalid(
                    "mappings",
                    format!(
                        "line {}: write it as name = same as (with spaces around the = \
                         when a name holds one, as in Go's /key=value parts)",
                        i + 1
                    ),
                )
            })?;
            map.push((name.to_owned(), same.to_owned()));
        }
        decisions::get(&state.pool, number).await?;
        update_settings(&state, number, |settings| {
            settings.name_map = map;
            Ok(())
        })
        .await?;
        Ok(format!("/adr/{number}#comparison"))
    }
    .await;
    answer(&state, number, PageForm::Evidence, outcome).await
}

/// Changes the ADR's name mapping or rules as the signed-in person.
async fn update_settings(
    state: &AppState,
    number: i64,
    change: impl FnOnce(&mut app::ssr::evidence_repo::EvidenceSettings) -> Result<(), AppError>,
) -> Result<(), AppError> {
    app::ssr::evidence_repo::update_settings(
        &state.pool,
        &actor::current(),
        number,
        &app::ssr::clock::now(),
        change,
    )
    .await
}

/// Reads `name = same as`. Go names hold `=` in their `/key=value` parts, so a spaced
/// ` = ` separates first; a bare `=` only when it is the line's only one.
fn mapping_line(line: &str) -> Option<(&str, &str)> {
    let (a, b) = match line.split_once(" = ") {
        Some(pair) => pair,
        None if line.matches('=').count() == 1 => line.split_once('=')?,
        None => return None,
    };
    let (a, b) = (a.trim(), b.trim());
    (!a.is_empty() && !b.is_empty()).then_some((a, b))
}

/// Splits `text` at commas outside double quotes.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// Reads `label=value, label!="a, b"` into matchers.
fn matchers_from_text(text: &str) -> Result<Vec<app::ssr::metrics::Matcher>, AppError> {
    split_outside_quotes(text)
        .into_iter()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| {
            let (label, negate, wanted) = if let Some((l, v)) = m.split_once("!=") {
                (l, true, v)
            } else if let Some((l, v)) = m.split_once('=') {
                (l, false, v)
            } else {
                return Err(AppError::invalid(
                    "matcher",
                    format!("'{m}': write a matcher as label=value or label!=value"),
                ));
            };
            let label = label.trim();
            if label.is_empty() {
                return Err(AppError::invalid(
                    "matcher",
                    format!("'{m}' names no label"),
                ));
            }
            Ok(app::ssr::metrics::Matcher {
                label: label.to_owned(),
                negate,
                value: wanted.trim().trim_matches('"').to_owned(),
            })
        })
        .collect()
}

/// Reads the page's rule form into a rule with id `id`; the rule's own checks decide what
/// is usable, as they do for the API.
fn rule_from_form(
    pairs: &[(String, String)],
    id: String,
) -> Result<app::ssr::metrics::Rule, AppError> {
    use app::ssr::metrics::{Aggregation, Comparison, Measure, Rule};
    let metric = value(pairs, "metric").map(str::trim).unwrap_or_default();
    let matchers = matchers_from_text(value(pairs, "matcher").unwrap_or_default())?;
    let number = |name: &str| -> Result<Option<f64>, AppError> {
        match value(pairs, name).map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => v
                .parse::<f64>()
                .map(Some)
                .map_err(|_| AppError::invalid(name, format!("'{v}' is not a number"))),
        }
    };
    let measure = match value(pairs, "measure").unwrap_or("value") {
        // A missing quantile is NaN, which the rule's check refuses.
        "quantile" => Measure::Quantile {
            quantile: number("quantile")?.unwrap_or(f64::NAN),
        },
        _ => Measure::Value,
    };
    let aggregation = match value(pairs, "aggregation").unwrap_or("max") {
        "sum" => Aggregation::Sum,
        "min" => Aggregation::Min,
        "avg" => Aggregation::Avg,
        "per_series" => Aggregation::PerSeries,
        _ => Aggregation::Max,
    };
    let comparison = match value(pairs, "comparison").unwrap_or(">") {
        ">=" => Comparison::AtLeast,
        "<" => Comparison::Below,
        "<=" => Comparison::AtMost,
        _ => Comparison::Above,
    };
    let threshold = number("threshold")?
        .ok_or_else(|| AppError::invalid("threshold", "a threshold is needed"))?;
    let description = value(pairs, "description")
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map_or_else(
            || format!("{metric} {} {threshold}", comparison.symbol()),
            str::to_owned,
        );
    let rule = Rule {
        id,
        metric: metric.to_owned(),
        matchers,
        measure,
        aggregation,
        comparison,
        threshold,
        description,
    };
    match rule.problem() {
        // The form's fields are named without the API's `measure.` prefix.
        Some((field, message)) => Err(AppError::invalid(
            field.rsplit('.').next().unwrap_or(field),
            message,
        )),
        None => Ok(rule),
    }
}

/// `POST /adr/{key}/metric-rules`: add a metric rule to the ADR.
pub async fn add_rule(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let outcome = async {
        let pairs = read_pairs(request).await?;
        decisions::get(&state.pool, number).await?;
        update_settings(&state, number, |settings| {
            let next = (1..)
                .map(|i| format!("rule-{i}"))
                .find(|id| !settings.rules.iter().any(|r| &r.id == id))
                .unwrap_or_default();
            settings.rules.push(rule_from_form(&pairs, next)?);
            Ok(())
        })
        .await?;
        Ok(format!("/adr/{number}#metrics"))
    }
    .await;
    answer(&state, number, PageForm::Evidence, outcome).await
}

/// `POST /adr/{key}/metric-rules/{id}/delete`: remove one of the ADR's rules.
pub async fn remove_rule(
    State(state): State<AppState>,
    Path((key, id)): Path<(String, String)>,
) -> Response {
    let number = match crate::routes::adr_number(&key) {
        Ok(number) => number,
        Err(e) => return e.into_response(),
    };
    let outcome = async {
        decisions::get(&state.pool, number).await?;
        update_settings(&state, number, |settings| {
            settings.rules.retain(|r| r.id != id);
            Ok(())
        })
        .await
    }
    .await;
    match outcome {
        Ok(()) => Redirect::to(&format!("/adr/{number}#metrics")).into_response(),
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::{mapping_line, matchers_from_text, numbers, rule_from_form};

    #[test]
    fn mappings_keep_go_s_key_value_parts() {
        assert_eq!(
            mapping_line("BenchmarkParse/size=1KB-8 = parse/1KB"),
            Some(("BenchmarkParse/size=1KB-8", "parse/1KB"))
        );
        assert_eq!(mapping_line("a=b"), Some(("a", "b")));
        assert_eq!(mapping_line("a/k=v=b"), None, "ambiguous without spaces");
        assert_eq!(mapping_line(" = b"), None);
    }

    #[test]
    fn successor_lists_accept_any_spelling() {
        assert_eq!(numbers("12, ADR-0015 adr-3").unwrap(), [12, 15, 3]);
        assert!(numbers("12, twelve").is_err());
        assert!(numbers("").unwrap().is_empty());
    }

    #[test]
    fn several_matchers_split_at_commas_outside_quotes() {
        let m = matchers_from_text(r#"handler=/api, code!="500, 503""#).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].label.as_str(), m[0].negate, m[0].value.as_str()),
            ("handler", false, "/api")
        );
        assert_eq!(
            (m[1].label.as_str(), m[1].negate, m[1].value.as_str()),
            ("code", true, "500, 503")
        );
        assert!(matchers_from_text("").unwrap().is_empty());
        assert!(matchers_from_text("a=1, nonsense").is_err());
        assert!(matchers_from_text("=1").is_err());
    }

    #[test]
    fn the_rule_form_uses_the_rule_s_own_checks() {
        let form = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            rule_from_form(&pairs, "r1".into())
        };
        let err = |r: Result<_, app::ssr::error::AppError>| format!("{:?}", r.err().unwrap());
        assert!(err(form(&[("metric", " "), ("threshold", "1")])).contains("metric"));
        let quantile = form(&[
            ("metric", "m"),
            ("measure", "quantile"),
            ("quantile", "99"),
            ("threshold", "1"),
        ]);
        assert!(err(quantile).contains("quantile"));
        assert!(err(form(&[("metric", "m"), ("threshold", "inf")])).contains("threshold"));
        let rule = form(&[("metric", "m"), ("matcher", "a=b"), ("threshold", "5")]).unwrap();
        assert_eq!(rule.matchers.len(), 1);
        assert_eq!(rule.description, "m > 5");
    }
}
