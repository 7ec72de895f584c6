//! `/api/v1/adrs`: list, create, read, patch, move through the lifecycle, link, and read
//! the revisions of decisions. Field names follow MADR in snake_case.

use super::json::ApiJson;
use crate::routes::AdrNumber;
use app::model::adr::{Adr, AdrDocument, AdrOption, AdrSummary, Relation, RevisionInfo};
use app::model::adr_key;
use app::model::assessment::Assessment;
use app::model::query::ListQuery;
use app::model::relation::RelationType;
use app::model::status::{Status, UnknownStatus};
use app::ssr::actor;
use app::ssr::adr_repo::{self, StoredAdr};
use app::ssr::assessments::{self, AssessmentReport};
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};

/// An ADR as the API shows it.
#[derive(Serialize)]
pub struct AdrResource {
    pub number: i64,
    pub url: String,
    pub version: i64,
    pub status: Status,
    #[serde(flatten)]
    pub document: AdrDocument,
    pub relations: Vec<Relation>,
    pub accepted_version: Option<i64>,
    pub amended_after_acceptance: bool,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// The assessment against the guide's matrices, with what follows from it.
    pub assessment: AssessmentReport,
}

impl AdrResource {
    fn new(state: &AppState, adr: Adr, assessment: AssessmentReport) -> Self {
        AdrResource {
            number: adr.number,
            url: state.url(&adr_key::canonical_path(adr.number, &adr.document.title)),
            version: adr.version,
            status: adr.status,
            amended_after_acceptance: adr.amended_since_acceptance().is_some(),
            accepted_version: adr.accepted_version,
            document: adr.document,
            relations: adr.relations,
            created_at: adr.created_at,
            created_by: adr.created_by,
            updated_at: adr.updated_at,
            updated_by: adr.updated_by,
            assessment,
        }
    }
}

/// A row of `GET /adrs`.
#[derive(Serialize)]
pub struct AdrListItem {
    #[serde(flatten)]
    summary: AdrSummary,
    url: String,
}

impl AdrListItem {
    /// The row of `summary`, with its absolute page URL.
    pub fn new(state: &AppState, summary: AdrSummary) -> Self {
        AdrListItem {
            url: state.url(&adr_key::canonical_path(summary.number, &summary.title)),
            summary,
        }
    }
}

async fn resource(state: &AppState, stored: StoredAdr) -> Result<Json<AdrResource>, AppError> {
    let (assessment, version) = assessments::load(&state.pool, stored.adr.number).await?;
    let report = assessments::report(&state.pool, &stored.adr, &assessment, version).await?;
    Ok(Json(AdrResource::new(state, stored.adr, report)))
}

/// An option as sent by a client: only the name is required; the id keeps an existing one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    #[serde(default)]
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    good: Vec<String>,
    #[serde(default)]
    neutral: Vec<String>,
    #[serde(default)]
    bad: Vec<String>,
}

impl From<OptionInput> for AdrOption {
    fn from(o: OptionInput) -> Self {
        AdrOption {
            id: o.id,
            name: o.name,
            description: o.description,
            good: o.good,
            neutral: o.neutral,
            bad: o.bad,
        }
    }
}

/// `POST /adrs`: only the title is required.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAdr {
    title: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    date: String,
    #[serde(default)]
    decision_makers: Vec<String>,
    #[serde(default)]
    consulted: Vec<String>,
    #[serde(default)]
    informed: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    tickets: Vec<String>,
    #[serde(default)]
    context: String,
    #[serde(default)]
    decision_drivers: Vec<String>,
    #[serde(default)]
    options: Vec<OptionInput>,
    #[serde(default)]
    chosen_option: Option<String>,
    #[serde(default)]
    justification: String,
    #[serde(default)]
    consequences_good: Vec<String>,
    #[serde(default)]
    consequences_bad: Vec<String>,
    #[serde(default)]
    confirmation: String,
    #[serde(default)]
    more_information: String,
}

/// `PATCH /adrs/{number}`: every field optional except the version the change builds on.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdrPatch {
    version: i64,
    title: Option<String>,
    date: Option<String>,
    decision_makers: Option<Vec<String>>,
    consulted: Option<Vec<String>>,
    informed: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    tickets: Option<Vec<String>>,
    context: Option<String>,
    decision_drivers: Option<Vec<String>>,
    options: Option<Vec<OptionInput>>,
    /// `null` clears the choice.
    #[serde(default, deserialize_with = "present")]
    chosen_option: Option<Option<String>>,
    justification: Option<String>,
    consequences_good: Option<Vec<String>>,
    consequences_bad: Option<Vec<String>>,
    confirmation: Option<String>,
    more_information: Option<String>,
}

/// Tells a field that is present as `null` from one that is absent.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

impl AdrPatch {
    fn apply(self, doc: &mut AdrDocument) {
        fn set<T>(target: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *target = value;
            }
        }
        set(&mut doc.title, self.title);
        set(&mut doc.date, self.date);
        set(&mut doc.decision_makers, self.decision_makers);
        set(&mut doc.consulted, self.consulted);
        set(&mut doc.informed, self.informed);
        set(&mut doc.tags, self.tags);
        set(&mut doc.tickets, self.tickets);
        set(&mut doc.context, self.context);
        set(&mut doc.decision_drivers, self.decision_drivers);
        set(
            &mut doc.options,
            self.options
                .map(|o| o.into_iter().map(Into::into).collect()),
        );
        set(&mut doc.chosen_option, self.chosen_option);
        set(&mut doc.justification, self.justification);
        set(&mut doc.consequences_good, self.consequences_good);
        set(&mut doc.consequences_bad, self.consequences_bad);
        set(&mut doc.confirmation, self.confirmation);
        set(&mut doc.more_information, self.more_information);
    }
}

/// `GET /adrs?q=&status=&tag=&decision_maker=&ticket=&date_from=&date_to=&sort=&limit=&offset=`
pub async fn list(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AppError> {
    let query = query.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let query = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| AppError::Validation(vec![e]))?;
    let (items, total) = adr_repo::list(&state.pool, &query).await?;
    let items: Vec<AdrListItem> = items
        .into_iter()
        .map(|summary| AdrListItem::new(&state, summary))
        .collect();
    Ok(Json(json!({
        "items": items,
        "total": total,
        "limit": query.limit,
        "offset": query.offset,
    })))
}

/// `POST /adrs`: a new draft; answers 201 with the ADR and its `Location`.
pub async fn create(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<NewAdr>,
) -> Result<Response, AppError> {
    if let Some(status) = &input.status {
        let status: Status = status
            .parse()
            .map_err(|e: UnknownStatus| AppError::invalid("status", e.to_string()))?;
        if status != Status::Draft {
            return Err(AppError::invalid(
                "status",
                "a new ADR starts as a draft; move it with POST /api/v1/adrs/{number}/status",
            ));
        }
    }
    let doc = AdrDocument {
        title: input.title,
        date: input.date,
        decision_makers: input.decision_makers,
        consulted: input.consulted,
        informed: input.informed,
        tags: input.tags,
        tickets: input.tickets,
        context: input.context,
        decision_drivers: input.decision_drivers,
        options: input.options.into_iter().map(Into::into).collect(),
        chosen_option: input.chosen_option,
        justification: input.justification,
        consequences_good: input.consequences_good,
        consequences_bad: input.consequences_bad,
        confirmation: input.confirmation,
        more_information: input.more_information,
    };
    let stored = decisions::create(&state.pool, &actor::current(), doc).await?;
    let location = format!("/api/v1/adrs/{}", stored.adr.number);
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::LOCATION, location)],
        resource(&state, stored).await?,
    )
        .into_response())
}

/// `GET /adrs/{number}`
pub async fn get(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<AdrResource>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    resource(&state, decisions::get(&state.pool, number).await?).await
}

/// `PATCH /adrs/{number}`: changes only the fields it carries; `version` is required.
pub async fn patch(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<AdrResource>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    for (field, why) in [
        (
            "status",
            "status changes through POST /api/v1/adrs/{number}/status",
        ),
        (
            "relations",
            "relations change through POST /api/v1/adrs/{number}/links",
        ),
        ("number", "the number of an ADR never changes"),
    ] {
        if body.get(field).is_some() {
            return Err(AppError::invalid(
                field,
                format!("{field} cannot be patched: {why}"),
            ));
        }
    }
    let patch: AdrPatch = super::json::from_value(body)?;
    let current = decisions::get(&state.pool, number).await?;
    let base = patch.version;
    let mut doc = current.adr.document;
    patch.apply(&mut doc);
    resource(
        &state,
        decisions::save(&state.pool, &actor::current(), number, base, doc).await?,
    )
    .await
}

/// `POST /adrs/{number}/status`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    status: String,
    #[serde(default)]
    superseded_by: Vec<i64>,
}

pub async fn transition(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiJson(change): ApiJson<StatusChange>,
) -> Result<Json<AdrResource>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let to: Status = change
        .status
        .parse()
        .map_err(|e: UnknownStatus| AppError::invalid("status", e.to_string()))?;
    let stored = decisions::transition(
        &state.pool,
        &actor::current(),
        number,
        to,
        &change.superseded_by,
    )
    .await?;
    resource(&state, stored).await
}

/// `POST /adrs/{number}/links`: `{"type": "supersedes" | "superseded_by" | "amends" |
/// "amended_by" | "relates", "target": 12 or "ADR-0012"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    #[serde(rename = "type")]
    kind: String,
    target: Value,
}

pub async fn link(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiJson(link): ApiJson<NewLink>,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let relation: RelationType =
        link.kind
            .parse()
            .map_err(|e: app::model::relation::UnknownRelationType| {
                AppError::invalid("type", e.to_string())
            })?;
    let target = match &link.target {
        Value::Number(n) => n.as_i64().filter(|n| *n > 0),
        Value::String(s) => adr_key::parse(s.trim()),
        _ => None,
    }
    .ok_or_else(|| {
        AppError::invalid(
            "target",
            format!(
                "target must be an ADR number such as 12 or \"ADR-0012\", got {}",
                link.target
            ),
        )
    })?;
    let (stored, created) =
        decisions::link(&state.pool, &actor::current(), number, relation, target).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, resource(&state, stored).await?).into_response())
}

/// `DELETE /adrs/{number}/links/{type}/{target}`: remove a relation.
pub async fn unlink(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Path((_, kind, target)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let relation: RelationType =
        kind.parse()
            .map_err(
                |e: app::model::relation::UnknownRelationType| AppError::BadParameter {
                    field: "type".into(),
                    message: e.to_string(),
                },
            )?;
    let target = adr_key::parse(&target)
        .ok_or_else(|| AppError::NotFound(format!("'{target}' names no ADR")))?;
    let stored =
        decisions::unlink(&state.pool, &actor::current(), number, relation, target).await?;
    Ok(resource(&state, stored).await?.into_response())
}

/// `DELETE /adrs/{number}`: delete a draft (409 for any other status).
pub async fn delete(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
) -> Result<StatusCode, AppError> {
    decisions::delete(&state.pool, &actor::current(), number).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A revision as the API lists it.
#[derive(Serialize)]
struct RevisionItem {
    #[serde(flatten)]
    info: RevisionInfo,
    url: String,
}

/// `GET /adrs/{number}/revisions`: newest first.
pub async fn revisions(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<Value>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    decisions::get(&state.pool, number).await?;
    let items: Vec<RevisionItem> = adr_repo::revisions(&state.pool, number)
        .await?
        .into_iter()
        .map(|info| RevisionItem {
            url: state.url(&format!("/adr/{number}/v/{}", info.revision)),
            info,
        })
        .collect();
    let total = items.len();
    Ok(Json(json!({ "items": items, "total": total })))
}

/// `GET /adrs/{number}/revisions/{revision}`: the document as that revision saved it.
pub async fn revision(
    State(state): State<AppState>,
    Path((key, revision)): Path<(String, String)>,
) -> Result<Json<Value>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let missing = || {
        AppError::NotFound(format!(
            "{} has no revision {revision}",
            adr_key::display(number)
        ))
    };
    let wanted: i64 = revision.parse().map_err(|_| missing())?;
    let (info, document) = adr_repo::revision(&state.pool, number, wanted)
        .await?
        .ok_or_else(missing)?;
    Ok(Json(json!({
        "number": number,
        "revision": info.revision,
        "status": info.status,
        "change": info.change,
        "actor": info.actor,
        "created_at": info.created_at,
        "document": document,
    })))
}

/// `GET /adrs/{number}/assessment`
pub async fn assessment(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<AssessmentReport>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let adr = decisions::get(&state.pool, number).await?.adr;
    let (assessment, version) = assessments::load(&state.pool, number).await?;
    Ok(Json(
        assessments::report(&state.pool, &adr, &assessment, version).await?,
    ))
}

/// `PUT /adrs/{number}/assessment`: the whole assessment and the `version` it builds on (0
/// for the first). Computed fields of a `GET` (`ranking`, `deviation.state`, ...) may be
/// sent back and are ignored.
pub async fn put_assessment(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<AssessmentReport>, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let version = match body.get("version") {
        Some(Value::Number(n)) => n.as_i64().filter(|v| *v >= 0),
        _ => None,
    }
    .ok_or_else(|| {
        AppError::invalid(
            "version",
            "version (the assessment version this builds on; 0 for the first) is required",
        )
    })?;
    let input: Assessment = super::json::from_value(body)?;
    let adr = decisions::get(&state.pool, number).await?.adr;
    let saved = assessments::save(&state.pool, &actor::current(), &adr, version, input).await?;
    let (assessment, _) = assessments::load(&state.pool, number).await?;
    Ok(Json(
        assessments::report(&state.pool, &adr, &assessment, saved).await?,
    ))
}
