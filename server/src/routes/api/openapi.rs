//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the public API.

use axum::Json;
use serde_json::{Value, json};

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    })
}

fn adr_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Adr" } } }
    })
}

fn number_parameter() -> Value {
    json!({
        "name": "number",
        "in": "path",
        "required": true,
        "description": "The ADR number in any spelling: 7, 0007, ADR-0007 or adr-7.",
        "schema": { "type": "string" }
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}

/// The whole document.
pub fn spec() -> Value {
    let string_list = json!({ "type": "array", "items": { "type": "string" } });
    let statuses = json!([
        "draft",
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded"
    ]);
    let document_properties = json!({
        "title": { "type": "string", "maxLength": 200 },
        "date": { "type": "string", "format": "date", "description": "YYYY-MM-DD; defaults to today" },
        "decision_makers": string_list,
        "consulted": string_list,
        "informed": string_list,
        "tags": string_list,
        "tickets": string_list,
        "context": { "type": "string", "description": "Context and problem statement (markdown)" },
        "decision_drivers": string_list,
        "options": { "type": "array", "items": { "$ref": "#/components/schemas/Option" } },
        "chosen_option": { "type": ["string", "null"], "description": "Id (or name, on input) of the chosen option" },
        "justification": { "type": "string" },
        "consequences_good": string_list,
        "consequences_bad": string_list,
        "confirmation": { "type": "string" },
        "more_information": { "type": "string" }
    });
    let mut adr_properties = document_properties.clone();
    let adr_extra = json!({
        "number": { "type": "integer" },
        "url": { "type": "string", "format": "uri" },
        "version": { "type": "integer" },
        "status": { "type": "string", "enum": statuses },
        "relations": { "type": "array", "items": { "$ref": "#/components/schemas/Relation" } },
        "accepted_version": { "type": ["integer", "null"] },
        "amended_after_acceptance": { "type": "boolean" },
        "created_at": { "type": "string", "format": "date-time" },
        "created_by": { "type": "string" },
        "updated_at": { "type": "string", "format": "date-time" },
        "updated_by": { "type": "string" }
    });
    if let (Some(target), Some(extra)) = (adr_properties.as_object_mut(), adr_extra.as_object()) {
        target.extend(extra.clone());
    }
    let mut patch_properties = document_properties.clone();
    if let Some(target) = patch_properties.as_object_mut() {
        target.insert(
            "version".into(),
            json!({ "type": "integer", "description": "The version this change builds on" }),
        );
    }
    let errors = json!({
        "400": error_response("invalid_json: the body is not a JSON object"),
        "404": error_response("not_found"),
        "413": error_response("payload_too_large: the body is over 1 MiB"),
        "415": error_response("unsupported_media_type: the body is not application/json"),
        "422": error_response("validation: a field is missing, of the wrong type or breaks a rule; `field` names it")
    });
    let with = |extra: Value| {
        let mut all = errors.clone();
        if let (Some(all), Some(extra)) = (all.as_object_mut(), extra.as_object()) {
            all.extend(extra.clone());
        }
        all
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Tradeoff API",
            "version": "1",
            "description": "Architecture decision records (MADR 4 fields) for scripts, tickets and CI."
        },
        "paths": {
            "/api/v1/adrs": {
                "get": {
                    "summary": "List and search ADRs",
                    "parameters": [
                        { "name": "q", "in": "query", "schema": { "type": "string" }, "description": "Full-text search; any input is safe" },
                        { "name": "status", "in": "query", "schema": { "type": "string", "enum": statuses } },
                        { "name": "tag", "in": "query", "schema": { "type": "string" } },
                        { "name": "decision_maker", "in": "query", "schema": { "type": "string" } },
                        { "name": "ticket", "in": "query", "schema": { "type": "string" } },
                        { "name": "date_from", "in": "query", "schema": { "type": "string", "format": "date" } },
                        { "name": "date_to", "in": "query", "schema": { "type": "string", "format": "date" } },
                        { "name": "sort", "in": "query", "schema": { "type": "string", "enum": ["relevance", "newest", "oldest", "date_desc", "date_asc", "title", "updated"] } },
                        { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 200, "default": 25 } },
                        { "name": "offset", "in": "query", "schema": { "type": "integer", "minimum": 0, "default": 0 } }
                    ],
                    "responses": with(json!({
                        "200": {
                            "description": "One page of matching ADRs and the total count",
                            "content": { "application/json": { "schema": {
                                "type": "object",
                                "required": ["items", "total"],
                                "properties": {
                                    "items": { "type": "array", "items": { "$ref": "#/components/schemas/AdrSummary" } },
                                    "total": { "type": "integer" },
                                    "limit": { "type": "integer" },
                                    "offset": { "type": "integer" }
                                }
                            } } }
                        }
                    }))
                },
                "post": {
                    "summary": "Create an ADR (only the title is required; it starts as a draft)",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewAdr" } } } },
                    "responses": with(json!({ "201": adr_response("The new ADR, with number, url and version") }))
                }
            },
            "/api/v1/adrs/{number}": {
                "parameters": [number_parameter()],
                "get": { "summary": "One ADR", "responses": with(json!({ "200": adr_response("The ADR") })) },
                "patch": {
                    "summary": "Change the fields carried; `version` is required",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/AdrPatch" } } } },
                    "responses": with(json!({
                        "200": adr_response("The saved ADR"),
                        "409": error_response("stale_version: someone saved first; `current_version` says which version to build on")
                    }))
                },
                "delete": {
                    "summary": "Delete a draft: its number is not reused, and reading it then answers 410 with who deleted it and when",
                    "responses": with(json!({
                        "204": { "description": "Deleted" },
                        "409": error_response("not_a_draft: only a draft can be deleted; a decision that was proposed is rejected, deprecated or superseded instead"),
                        "410": error_response("gone: it was deleted already")
                    }))
                }
            },
            "/api/v1/adrs/{number}/status": {
                "parameters": [number_parameter()],
                "post": {
                    "summary": "Move an ADR through its lifecycle",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": {
                        "type": "object",
                        "required": ["status"],
                        "additionalProperties": false,
                        "properties": {
                            "status": { "type": "string", "enum": statuses },
                            "superseded_by": { "type": "array", "items": { "type": "integer" }, "description": "Required for superseded" }
                        }
                    } } } },
                    "responses": with(json!({
                        "200": adr_response("The ADR in its new status"),
                        "409": error_response("illegal_transition: `allowed` lists the moves from the current status")
                    }))
                }
            },
            "/api/v1/adrs/{number}/links": {
                "parameters": [number_parameter()],
                "post": {
                    "summary": "Relate this ADR to another",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": {
                        "type": "object",
                        "required": ["type", "target"],
                        "additionalProperties": false,
                        "properties": {
                            "type": { "type": "string", "enum": ["supersedes", "superseded_by", "amends", "amended_by", "relates"] },
                            "target": { "oneOf": [{ "type": "integer" }, { "type": "string" }] }
                        }
                    } } } },
                    "responses": with(json!({
                        "201": adr_response("The link was added"),
                        "200": adr_response("The link already existed")
                    }))
                }
            },
            "/api/v1/adrs/{number}/links/{type}/{target}": {
                "parameters": [
                    number_parameter(),
                    { "name": "type", "in": "path", "required": true, "description": "The relation as this ADR reads it", "schema": { "type": "string", "enum": ["supersedes", "superseded_by", "amends", "amended_by", "relates"] } },
                    { "name": "target", "in": "path", "required": true, "description": "The related ADR's number in any spelling", "schema": { "type": "string" } }
                ],
                "delete": {
                    "summary": "Remove a relation, recorded in the history of both ADRs",
                    "responses": with(json!({
                        "200": adr_response("The ADR without the relation"),
                        "404": error_response("not_found: the ADR has no such relation"),
                        "422": error_response("validation: a superseded ADR keeps the last link to its successor")
                    }))
                }
            },
            "/api/v1/adrs/{number}/revisions": {
                "parameters": [number_parameter()],
                "get": {
                    "summary": "Every revision, newest first",
                    "responses": with(json!({ "200": { "description": "Revisions", "content": { "application/json": { "schema": {
                        "type": "object",
                        "properties": {
                            "items": { "type": "array", "items": { "$ref": "#/components/schemas/Revision" } },
                            "total": { "type": "integer" }
                        }
                    } } } } }))
                }
            },
            "/api/v1/adrs/{number}/revisions/{revision}": {
                "parameters": [number_parameter(), { "name": "revision", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "get": {
                    "summary": "One revision's document, as saved",
                    "responses": with(json!({ "200": { "description": "The revision", "content": { "application/json": { "schema": { "type": "object" } } } } }))
                }
            },
            "/api/v1/adrs/{number}/assessment": {
                "parameters": [number_parameter()],
                "get": {
                    "summary": "The assessment against the guide's matrices, with ranking, tree outcome and deviation",
                    "responses": with(json!({ "200": { "description": "The assessment report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Assessment" } } } } }))
                },
                "put": {
                    "summary": "Replace the assessment; `version` is the one it builds on (0 for the first). A GET's computed fields may be sent back.",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Assessment" } } } },
                    "responses": with(json!({
                        "200": { "description": "The saved assessment report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Assessment" } } } },
                        "409": error_response("stale_version: someone saved first; `current_version` says which version to build on")
                    }))
                }
            },
            "/api/v1/matrices": {
                "get": {
                    "summary": "Every matrix: the guide's (source guide) and the teams' (source team)",
                    "responses": { "200": { "description": "The matrices", "content": { "application/json": { "schema": {
                        "type": "array",
                        "items": { "type": "object", "properties": {
                            "id": { "type": "string" }, "name": { "type": "string" },
                            "source": { "type": "string", "enum": ["guide", "team"] }, "revision": { "type": "integer" }
                        } }
                    } } } } }
                },
                "post": {
                    "summary": "Add a team matrix from a markdown table (header row = columns)",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/MatrixInput" } } } },
                    "responses": with(json!({
                        "201": { "description": "The new matrix", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Matrix" } } } },
                        "422": error_response("validation: for a malformed table, `line` names the first bad line and `errors` lists every one")
                    }))
                }
            },
            "/api/v1/matrices/{id}": {
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }
                ],
                "get": {
                    "summary": "Columns, rows and revisions of a matrix",
                    "parameters": [{ "name": "revision", "in": "query", "schema": { "type": "integer", "minimum": 1 } }],
                    "responses": with(json!({ "200": { "description": "The matrix", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Matrix" } } } } }))
                },
                "post": {
                    "summary": "Save a new revision of a team matrix; `revision` is the one it builds on",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/MatrixInput" } } } },
                    "responses": with(json!({
                        "200": { "description": "The matrix at its new revision", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Matrix" } } } },
                        "409": error_response("stale_version")
                    }))
                }
            },
            "/api/v1/matrices/{id}/archive": {
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }
                ],
                "post": {
                    "summary": "Archive a team matrix: no longer offered for new citations or checklists; ADRs that cite it keep reading their revision",
                    "responses": with(json!({
                        "200": { "description": "The matrix, with `archived: {archived_at, archived_by}`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Matrix" } } } },
                        "422": error_response("validation: the guide's matrices cannot be archived")
                    }))
                }
            },
            "/api/v1/matrices/{id}/restore": {
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }
                ],
                "post": {
                    "summary": "Put an archived team matrix back in use",
                    "responses": with(json!({ "200": { "description": "The matrix", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Matrix" } } } } }))
                }
            },
            "/api/v1/adrs/{number}/evidence": {
                "parameters": [number_parameter()],
                "get": {
                    "summary": "The ADR's current evidence",
                    "responses": with(json!({ "200": { "description": "`{items, total}`", "content": { "application/json": { "schema": { "type": "object" } } } } }))
                },
                "post": {
                    "summary": "Attach benchmark or metrics output: the raw text as the body, or multipart with a `file` (or `text`) part",
                    "parameters": [
                        { "name": "option", "in": "query", "required": true, "schema": { "type": "string" }, "description": "An option's name or id, `baseline`, or a new option's name (created)" },
                        { "name": "label", "in": "query", "schema": { "type": "string" } },
                        { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["auto", "gobench", "bencher", "criterion-json", "hyperfine-json", "prometheus", "openmetrics"], "default": "auto" } }
                    ],
                    "requestBody": { "required": true, "content": {
                        "text/plain": { "schema": { "type": "string" } },
                        "multipart/form-data": { "schema": { "type": "object", "properties": { "file": { "type": "string", "format": "binary" }, "text": { "type": "string" }, "option": { "type": "string" }, "label": { "type": "string" }, "format": { "type": "string" } } } }
                    } },
                    "responses": with(json!({
                        "201": { "description": "The parse report, a summary: `{id, number (within the ADR: `evidence #1`), format, detected, option, option_id, created_option, label, lines_read, kind (benchmarks or metrics), names, series, samples, units, skipped: [{line, last_line?, reason}], warnings?: [{line, message}]}`; every sample is at `GET /api/v1/evidence/{id}`", "content": { "application/json": { "schema": { "type": "object" } } } },
                        "413": error_response("payload_too_large: evidence is limited to `TRADEOFF_EVIDENCE_LIMIT` bytes (64 MiB by default)"),
                        "422": error_response("parse_error (with `line`, `column` and `errors: [{line, column, reason}]`), no_results, or validation")
                    }))
                }
            },
            "/api/v1/adrs/{number}/comparison": {
                "parameters": [number_parameter()],
                "get": {
                    "summary": "Compare two options' benchmarks as benchstat does",
                    "parameters": [
                        { "name": "base", "in": "query", "schema": { "type": "string" } },
                        { "name": "new", "in": "query", "schema": { "type": "string" } },
                        { "name": "alpha", "in": "query", "schema": { "type": "number", "default": 0.05 } },
                        { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["json", "text", "csv"], "default": "json" } }
                    ],
                    "responses": with(json!({ "200": { "description": "`{base, new, alpha, rows: [{benchmark, unit, config, n_base, n_new, median_base, median_new, ci_base, ci_new, delta_percent, p_value, significant, warnings}], geomean: [{unit, median_base, median_new, delta_percent}], text}`", "content": { "application/json": { "schema": { "type": "object" } }, "text/plain": {}, "text/csv": {} } } }))
                }
            },
            "/api/v1/adrs/{number}/metrics": {
                "parameters": [number_parameter()],
                "get": {
                    "summary": "Every rule's verdict (pass, fail or not evaluable with the reason) for each option with metrics, and deltas between the first two",
                    "responses": with(json!({ "200": { "description": "`{rules, options: [{option, verdicts}], deltas}`", "content": { "application/json": { "schema": { "type": "object" } } } } }))
                }
            },
            "/api/v1/adrs/{number}/benchmark-names": {
                "parameters": [number_parameter()],
                "get": { "summary": "How benchmark names pair across tools", "responses": with(json!({ "200": { "description": "`{mappings: [{name, same_as}]}`" } })) },
                "put": {
                    "summary": "Replace the name mapping",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "properties": { "mappings": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "same_as": { "type": "string" } } } } } } } } },
                    "responses": with(json!({ "200": { "description": "The mapping" } }))
                }
            },
            "/api/v1/adrs/{number}/metric-rules": {
                "parameters": [number_parameter()],
                "get": { "summary": "The ADR's own metric rules (the guide's Key Metrics always apply too)", "responses": with(json!({ "200": { "description": "`{rules}`" } })) },
                "put": {
                    "summary": "Replace the ADR's own rules: `{rules: [{id, metric, matchers: [{label, negate, value}], measure: {kind: value} or {kind: quantile, quantile}, aggregation: sum|max|min|avg|per_series, comparison: >|>=|<|<=, threshold, description}]}`",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object" } } } },
                    "responses": with(json!({ "200": { "description": "The rules" } }))
                }
            },
            "/api/v1/evidence/{id}": {
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "get": { "summary": "A piece of evidence in its parsed form (removed ones carry `deleted_at`)", "responses": with(json!({ "200": { "description": "The evidence" } })) },
                "delete": { "summary": "Remove from the ADR; kept in history", "responses": with(json!({ "204": { "description": "Removed" } })) }
            },
            "/api/v1/evidence/{id}/raw": {
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "get": { "summary": "The original bytes, unchanged, as a `text/plain` attachment (`evidence-{id}.txt`) that is never sniffed or shown as a page", "responses": with(json!({ "200": { "description": "The text as attached", "content": { "text/plain": {} } } })) }
            },
            "/api/v1/evidence/{id}/quantiles": {
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } },
                    { "name": "q", "in": "query", "schema": { "type": "string", "default": "0.5,0.9,0.99" } }
                ],
                "get": { "summary": "Quantiles of every histogram series, with histogram_quantile semantics", "responses": with(json!({ "200": { "description": "`[{metric, labels, quantile, value}]`; value is a number or \"NaN\", \"+Inf\", \"-Inf\"" } })) }
            },
            "/api/v1/tickets/{key}": {
                "parameters": [
                    { "name": "key", "in": "path", "required": true, "schema": { "type": "string" }, "description": "A ticket reference as ADRs cite it: `PLAT-123`, `#45` (encoded `%2345`) or a URL" }
                ],
                "get": { "summary": "The ADRs that cite a ticket, oldest first, and the ticket's own URL when a template covers it", "responses": with(json!({ "200": { "description": "`{ticket, url, adrs: [ADR list rows]}`; `adrs` is empty when none cites it" } })) }
            },
            "/api/v1/import": {
                "post": {
                    "summary": "Import ADR files (adr-tools, MADR 2-4, log4brains, a Tradeoff export)",
                    "description": "A zip (`application/zip`, at most 50 MiB, expanding to at most 200 MiB and 10,000 files) or a multipart form of files. The ADR folder is found as the tools find it. One broken file never stops the others.",
                    "requestBody": { "required": true, "content": { "application/zip": { "schema": { "type": "string", "format": "binary" } }, "multipart/form-data": { "schema": { "type": "object", "properties": { "files": { "type": "array", "items": { "type": "string", "format": "binary" } } } } } } },
                    "responses": with(json!({ "200": { "description": "The report: `{folder, imported, updated, unchanged, skipped, failed, files: [{path, outcome, number?, revision?, format?, reason?, notes?, attachments?}]}`" }, "413": { "description": "Over a limit" }, "415": { "description": "Neither a zip nor a multipart form" } }))
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Whether the server reaches its database",
                    "responses": {
                        "200": { "description": "Healthy" },
                        "503": { "description": "The database is unreachable" }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": { "type": "string", "enum": ["invalid_json", "not_found", "method_not_allowed", "stale_version", "illegal_transition", "payload_too_large", "unsupported_media_type", "validation", "parse_error", "no_results", "internal"] },
                                "message": { "type": "string" },
                                "field": { "type": "string" },
                                "line": { "type": "integer" },
                                "column": { "type": "integer" },
                                "current_version": { "type": "integer" },
                                "allowed": { "type": "array", "items": { "type": "string" } },
                                "errors": { "type": "array", "items": { "type": "object", "properties": { "field": { "type": "string" }, "message": { "type": "string" } } } }
                            }
                        }
                    }
                },
                "Option": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "id": { "type": "string", "description": "Stable id; given on output, kept when sent back" },
                        "name": { "type": "string" },
                        "description": { "type": "string" },
                        "good": string_list,
                        "neutral": string_list,
                        "bad": string_list
                    }
                },
                "Relation": {
                    "type": "object",
                    "properties": {
                        "type": { "type": "string", "enum": ["supersedes", "superseded_by", "amends", "amended_by", "relates"] },
                        "number": { "type": "integer" },
                        "title": { "type": "string" }
                    }
                },
                "Adr": { "type": "object", "properties": adr_properties },
                "NewAdr": {
                    "type": "object",
                    "required": ["title"],
                    "additionalProperties": false,
                    "properties": document_properties
                },
                "AdrPatch": {
                    "type": "object",
                    "required": ["version"],
                    "additionalProperties": false,
                    "properties": patch_properties
                },
                "AdrSummary": {
                    "type": "object",
                    "properties": {
                        "number": { "type": "integer" },
                        "url": { "type": "string" },
                        "title": { "type": "string" },
                        "status": { "type": "string", "enum": statuses },
                        "date": { "type": "string" },
                        "tags": string_list,
                        "tickets": string_list,
                        "decision_makers": string_list,
                        "version": { "type": "integer" },
                        "updated_at": { "type": "string" }
                    }
                },
                "Matrix": {
                    "type": "object",
                    "properties": {
                        "id": { "type": "string" },
                        "name": { "type": "string" },
                        "section": { "type": "string", "description": "The guide section it was transcribed from" },
                        "source": { "type": "string", "enum": ["guide", "team"] },
                        "kind": { "type": "string", "enum": ["table", "list", "chart"] },
                        "use": { "type": "string", "enum": ["reference", "checklist", "threats"] },
                        "revision": { "type": "integer" },
                        "columns": string_list,
                        "rows": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "cells": string_list } } },
                        "latest_revision": { "type": "integer" },
                        "revisions": { "type": "array", "items": { "type": "object" } }
                    }
                },
                "MatrixInput": {
                    "type": "object",
                    "required": ["name", "markdown"],
                    "additionalProperties": false,
                    "properties": {
                        "name": { "type": "string" },
                        "markdown": { "type": "string" },
                        "use": { "type": "string", "enum": ["reference", "checklist", "threats"] },
                        "revision": { "type": "integer", "description": "For a revision: the revision it builds on" }
                    }
                },
                "Assessment": {
                    "type": "object",
                    "properties": {
                        "version": { "type": "integer" },
                        "citations": { "type": "array", "items": { "type": "object", "required": ["matrix", "row"], "properties": {
                            "matrix": { "type": "string" }, "revision": { "type": "integer" }, "row": { "type": "string" },
                            "judgements": { "type": "object", "additionalProperties": { "type": "string", "enum": ["recommended", "avoid", "neither"] } },
                            "recommended": { "type": ["string", "null"] }, "avoid": { "type": ["string", "null"] }, "why": { "type": ["string", "null"] }
                        } } },
                        "tree": { "type": "object", "properties": {
                            "answers": string_list,
                            "path": { "type": "array", "items": { "type": "object" } },
                            "state": { "type": "string", "enum": ["ask", "outcome", "no_recommendation"] },
                            "outcome": { "type": "string" },
                            "agrees_with_chosen": { "type": ["boolean", "null"] }
                        } },
                        "criteria": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "weight": { "type": "integer", "minimum": 0, "maximum": 5 } } } },
                        "scores": { "type": "array", "items": { "type": "object", "properties": { "criterion": { "type": "string" }, "option": { "type": "string" }, "score": { "type": "integer", "minimum": 1, "maximum": 5 }, "note": { "type": "string" } } } },
                        "ranking": { "type": "object", "description": "Computed: totals, winners and the single ±1 weight changes that would flip the winner" },
                        "checklists": { "type": "array", "items": { "type": "object", "properties": { "matrix": { "type": "string" }, "items": { "type": "array", "items": { "type": "object", "properties": { "row": { "type": "string" }, "done": { "type": "boolean" }, "note": { "type": "string" } } } } } } },
                        "threats": { "type": "array", "items": { "type": "object", "properties": { "row": { "type": "string" }, "mitigation": { "type": "string", "enum": ["not_started", "in_progress", "mitigated", "accepted"] }, "note": { "type": "string" } } } },
                        "deviation": { "type": "object", "properties": { "state": { "type": "string", "enum": ["none", "unjustified", "justified"] }, "rows": string_list, "justification": { "type": "string" } } }
                    }
                },
                "Revision": {
                    "type": "object",
                    "properties": {
                        "revision": { "type": "integer" },
                        "status": { "type": "string", "enum": statuses },
                        "change": { "type": "string" },
                        "actor": { "type": "string" },
                        "created_at": { "type": "string" },
                        "url": { "type": "string" }
                    }
                }
            }
        }
    })
}
