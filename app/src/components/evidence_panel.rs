//! The evidence panel of the ADR page: what was attached to each option, the benchmark
//! comparison with significant changes highlighted and "~" where not, the metric rules'
//! verdicts, and the forms to attach, compare, map names and add rules. Plain forms only.

use crate::components::chart_figure::ChartFigure;
use crate::components::raw_text::textarea_text;
use crate::model::adr::AdrDocument;
use crate::model::query::encode_component;
use crate::ssr::attachments::{BASELINE, MetricsReport, RuleDelta, side_name};
use crate::ssr::compare::Report;
use crate::ssr::evidence::{Format, Parsed, Results, Skipped};
use crate::ssr::evidence_repo::{EvidenceInfo, EvidenceSettings};
use crate::ssr::metrics::{self, Measure, Verdict};
use crate::ssr::stats::benchunit;
use leptos::prelude::*;

/// Everything the panel shows.
pub struct EvidenceView {
    pub number: i64,
    pub doc: AdrDocument,
    pub pieces: Vec<(EvidenceInfo, Parsed)>,
    /// The comparison, or why there is none.
    pub comparison: Result<Report, String>,
    pub metrics: MetricsReport,
    pub settings: EvidenceSettings,
    /// A refused form's message.
    pub refused: Option<String>,
    /// The text a refused attach carried, to paste back.
    pub pasted: String,
    /// The site's base URL, for the charts' copy buttons.
    pub public_url: String,
}

/// The most rows a piece of evidence shows on the page.
const ROWS_SHOWN: usize = 100;
/// The most comparison rows the page shows; past it, only significant ones.
const COMPARISON_ROWS: usize = 300;

fn delta_text(metric: &str, d: &RuleDelta) -> String {
    let signed = |v: f64| {
        let sign = if v < 0.0 { "−" } else { "+" };
        format!("{sign}{}", metrics::figure(metric, v.abs()))
    };
    match (d.delta, d.delta_percent) {
        (Some(delta), Some(percent)) => format!("{} ({percent:+.2}%)", signed(delta)),
        (Some(delta), None) => signed(delta),
        _ => "—".to_owned(),
    }
}

fn skipped_entry(s: &Skipped) -> String {
    match s.last_line {
        Some(last) => format!("lines {}–{last}: {}", s.line, s.reason),
        None => format!("line {}: {}", s.line, s.reason),
    }
}

fn figure(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "–".to_owned(),
        Some(v) => {
            let (tidy_unit, factor) = benchunit::tidy(unit);
            benchunit::scale(v * factor, benchunit::class_of(&tidy_unit))
        }
    }
}

/// Whether a rise in `unit` is an improvement (throughputs) or a regression (costs).
fn higher_is_better(unit: &str) -> bool {
    unit.ends_with("/s")
}

fn verdict_cell(metric: &str, v: &Verdict) -> impl IntoView + use<> {
    match v {
        Verdict::Pass { value } => view! { <td class="verdict pass" data-verdict="pass" data-value=value.to_string()>{format!("pass ({})", metrics::figure(metric, *value))}</td> }.into_any(),
        Verdict::Fail { value } => view! { <td class="verdict fail" data-verdict="fail" data-value=value.to_string()>{format!("fail ({})", metrics::figure(metric, *value))}</td> }.into_any(),
        Verdict::NotEvaluable { reason } => {
            view! { <td class="verdict none" data-verdict="not_evaluable">"not evaluable: " {reason.clone()}</td> }.into_any()
        }
    }
}

#[component]
pub fn EvidencePanel(view: EvidenceView) -> impl IntoView {
    let EvidenceView {
        number,
        doc,
        pieces,
        comparison,
        metrics,
        settings,
        refused,
        pasted,
        public_url,
    } = view;
    let chart = {
        let public_url = public_url.clone();
        move |kind: &str, query: String, alt: String| {
            let name = format!("{} {kind}", crate::model::adr_key::display(number));
            view! {
                <ChartFigure public_url=public_url.clone() path=format!("/adr/{number}/charts/{kind}") query=query alt=alt name=name/>
            }
        }
    };
    let adr = crate::model::adr_key::display(number);
    // Options with several pieces of benchmark evidence have a history to draw.
    let histories: Vec<String> = {
        let mut seen: Vec<(Option<String>, usize)> = Vec::new();
        for (info, parsed) in &pieces {
            if matches!(&parsed.results, Results::Benchmarks(b) if !b.is_empty()) {
                match seen.iter_mut().find(|(side, _)| *side == info.option_id) {
                    Some((_, count)) => *count += 1,
                    None => seen.push((info.option_id.clone(), 1)),
                }
            }
        }
        seen.into_iter()
            .filter(|(_, count)| *count > 1)
            .map(|(side, _)| side_name(&doc, side.as_deref()))
            .collect()
    };
    let action = format!("/adr/{number}/evidence");
    let mut sides: Vec<Option<String>> = vec![None];
    sides.extend(doc.options.iter().map(|o| Some(o.id.clone())));
    // Evidence of an option since removed from the ADR stays visible, under the option's id.
    for (info, _) in &pieces {
        if !sides.contains(&info.option_id) {
            sides.push(info.option_id.clone());
        }
    }
    let option_choices: Vec<(String, String)> =
        std::iter::once((BASELINE.to_owned(), "Baseline".to_owned()))
            .chain(doc.options.iter().map(|o| (o.name.clone(), o.name.clone())))
            .collect();
    let name_map_text = settings
        .name_map
        .iter()
        .map(|(a, b)| format!("{a} = {b}"))
        .collect::<Vec<_>>()
        .join("\n");
    let side_blocks = sides
        .into_iter()
        .filter_map(|side| {
            let mine: Vec<&(EvidenceInfo, Parsed)> = pieces.iter().filter(|(i, _)| i.option_id == side).collect();
            if mine.is_empty() {
                return None;
            }
            let name = side_name(&doc, side.as_deref());
            let attr = name.clone();
            let removed = side.as_ref().is_some_and(|id| !doc.options.iter().any(|o| &o.id == id));
            let heading = if removed { format!("{name} (option no longer in the ADR)") } else { name };
            Some(view! {
                <section class="evidence-side" data-side=attr>
                    <h3>{heading}</h3>
                    {mine
                        .into_iter()
                        .map(|(info, parsed)| {
                            let summary = match &parsed.results {
                                Results::Benchmarks(b) => format!("{} benchmark series", b.len()),
                                Results::Metrics(m) => format!("{} metric families", m.len()),
                            };
                            let (rows, total) = match &parsed.results {
                                Results::Benchmarks(results) => (
                                    results
                                        .iter()
                                        .take(ROWS_SHOWN)
                                        .map(|r| {
                                            let s = crate::ssr::stats::summary::summarize(&r.samples);
                                            view! {
                                                <tr>
                                                    <td>{r.name.clone()}</td>
                                                    <td>{r.unit.clone()}</td>
                                                    <td class="num">{r.samples.len()}</td>
                                                    <td class="num">{figure(Some(s.center), &r.unit)} " ± " {s.pct_range()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                        .into_any(),
                                    results.len(),
                                ),
                                Results::Metrics(families) => {
                                    let series = metrics::series_rows(families);
                                    let total = series.len();
                                    (
                                        series
                                            .into_iter()
                                            .take(ROWS_SHOWN)
                                            .map(|r| {
                                                view! {
                                                    <tr>
                                                        <td title=r.help>{r.metric}</td>
                                                        <td>{r.labels}</td>
                                                        <td>{format!("{:?}", r.kind).to_lowercase()}</td>
                                                        <td class="num">{r.shown}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                            .into_any(),
                                        total,
                                    )
                                }
                            };
                            let heads = match parsed.results {
                                Results::Benchmarks(_) => ["Benchmark", "Unit", "Samples", "Median ± CI"],
                                Results::Metrics(_) => ["Metric", "Labels", "Type", "Value (histograms: quantiles; summaries: as exposed)"],
                            };
                            let more = (total > ROWS_SHOWN).then(|| {
                                view! {
                                    <p class="hint">
                                        {format!("The first {ROWS_SHOWN} of {total} rows; the parsed JSON has all of them.")}
                                    </p>
                                }
                            });
                            view! {
                                <details class="evidence-piece" id=format!("evidence-{}", info.id) data-evidence=info.id>
                                    <summary>
                                        {format!("evidence #{} ", info.number)}
                                        <strong>{if info.label.is_empty() { "(no label)".to_owned() } else { info.label.clone() }}</strong>
                                        {format!(" — {}, {} lines, {summary}", info.format.label(), info.lines_read)}
                                        {(!parsed.skipped.is_empty()).then(|| format!(", {} skipped", parsed.skipped.iter().map(Skipped::lines).sum::<usize>()))}
                                    </summary>
                                    <p class="evidence-links">
                                        <a href=format!("/api/v1/evidence/{}/raw", info.id)>"Raw text"</a>
                                        " · "
                                        <a href=format!("/api/v1/evidence/{}", info.id)>"Parsed (JSON)"</a>
                                    </p>
                                    <table class="parsed">
                                        <thead><tr>{heads.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                    {more}
                                    {(!parsed.skipped.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul class="skipped">
                                                    {parsed.skipped.iter().take(20).map(|s| view! { <li>{skipped_entry(s)}</li> }).collect_view()}
                                                </ul>
                                            }
                                        })}
                                    <form method="post" action=format!("/adr/{number}/evidence/{}/delete", info.id)>
                                        <button type="submit" class="secondary">"Remove (kept in history)"</button>
                                    </form>
                                </details>
                            }
                        })
                        .collect_view()}
                </section>
            })
        })
        .collect_view();

    let comparison_view = match comparison {
        Err(why) => view! { <p class="hint" data-testid="no-comparison">{why}</p> }.into_any(),
        Ok(report) => {
            let alpha = report.alpha;
            let choices = option_choices.clone();
            let select = move |name: &'static str, selected: String| {
                let choices = choices.clone();
                view! {
                    <select name=name aria-label=name>
                        {choices
                            .into_iter()
                            .map(|(value, label)| {
                                let is = value == selected;
                                view! { <option value=value selected=is>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                }
            };
            let links = format!(
                "/api/v1/adrs/{number}/comparison?base={}&new={}&alpha={alpha}",
                encode_component(&report.base),
                encode_component(&report.new)
            );
            let base_query = format!("?base={}", encode_component(&report.base));
            // A comparison as large as a big CI run's keeps the page quick: only its
            // significant rows, at most a few hundred.
            let trimmed = report.rows.len() > COMPARISON_ROWS;
            let charts = view! {
                <div class="charts">
                    {chart("benchmarks", base_query.clone(), format!("{adr} benchmarks against {}", report.base))}
                    {chart("relative", base_query, format!("{adr} geomean relative to {}", report.base))}
                    {histories
                        .iter()
                        .map(|option| chart("history", format!("?option={}", encode_component(option)), format!("{adr} history of {option}")))
                        .collect_view()}
                </div>
            };
            view! {
                {charts}
                <form method="get" action=format!("/adr/{number}#comparison") class="inline-form">
                    <label class="inline">"Base " {select("base", report.base.clone())}</label>
                    <label class="inline">"New " {select("new", report.new.clone())}</label>
                    <label class="inline">"Alpha " <input type="number" name="alpha" step="0.001" min="0.001" max="0.5" value=alpha.to_string()/></label>
                    <button type="submit">"Compare"</button>
                </form>
                {trimmed.then(|| {
                    let significant = report.rows.iter().filter(|r| r.significant).count();
                    view! {
                        <p class="hint" data-testid="comparison-trimmed">
                            {format!(
                                "{} rows: the table shows the {} with a significant change; the text, CSV and JSON below have them all.",
                                report.rows.len(),
                                significant.min(COMPARISON_ROWS)
                            )}
                        </p>
                    }
                })}
                <table class="comparison" data-testid="comparison">
                    <thead>
                        <tr>
                            <th scope="col">"Benchmark"</th>
                            <th scope="col">"Unit"</th>
                            <th scope="col">{report.base.clone()}</th>
                            <th scope="col">{report.new.clone()}</th>
                            <th scope="col">"vs base"</th>
                            <th scope="col">"p"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report
                            .rows
                            .iter()
                            .filter(|r| !trimmed || r.significant)
                            .take(COMPARISON_ROWS)
                            .map(|r| {
                                let class = match (r.significant, r.delta_percent) {
                                    (true, Some(d)) if (d < 0.0) != higher_is_better(&r.unit) && d != 0.0 => "significant better",
                                    (true, Some(d)) if d != 0.0 => "significant worse",
                                    _ => "same",
                                };
                                let delta = match (r.significant, r.delta_percent) {
                                    (true, Some(d)) => format!("{d:+.2}%"),
                                    _ => "~".to_owned(),
                                };
                                let ci = |c: Option<[f64; 2]>| c.map(|[lo, hi]| format!(" [{}, {}]", figure(Some(lo), &r.unit), figure(Some(hi), &r.unit))).unwrap_or_default();
                                view! {
                                    <tr class=class title=r.warnings.join("; ")>
                                        <td>{r.benchmark.clone()}</td>
                                        <td>{r.unit.clone()}</td>
                                        <td class="num">{figure(r.median_base, &r.unit)} <span class="ci">{ci(r.ci_base)}</span> {format!(" n={}", r.n_base)}</td>
                                        <td class="num">{figure(r.median_new, &r.unit)} <span class="ci">{ci(r.ci_new)}</span> {format!(" n={}", r.n_new)}</td>
                                        <td class="num delta">{delta}</td>
                                        <td class="num">{r.p_value.map(|p| format!("{p:.3}")).unwrap_or_default()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                        {report
                            .geomean
                            .iter()
                            .map(|g| {
                                view! {
                                    <tr class="geomean">
                                        <td>"geomean"</td>
                                        <td>{g.unit.clone()}</td>
                                        <td class="num">{figure(g.median_base, &g.unit)}</td>
                                        <td class="num">{figure(g.median_new, &g.unit)}</td>
                                        <td class="num">{g.delta_percent.map(|d| format!("{d:+.2}%")).unwrap_or_else(|| "?".into())}</td>
                                        <td></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <p class="hint">
                    "Medians with 95% confidence intervals; changes tested with the Mann-Whitney U test, \"~\" where p > alpha. As "
                    <a href=format!("{links}&format=text")>"text"</a> ", " <a href=format!("{links}&format=csv")>"CSV"</a> " or "
                    <a href=links.clone()>"JSON"</a> "."
                </p>
            }
            .into_any()
        }
    };

    // The change between the first two options with metrics, when there are two.
    let delta_head = (!metrics.deltas.is_empty()).then(|| {
        let names: Vec<&str> = metrics
            .options
            .iter()
            .take(2)
            .map(|o| o.option.as_str())
            .collect();
        view! { <th scope="col">{format!("Change, {}", names.join(" → "))}</th> }
    });
    let metrics_view = (!metrics.options.is_empty()).then(|| {
        view! {
            <h3 id="metrics">"Metric rules"</h3>
            <p class="hint">"The guide's Key Metrics (its 2GB is read as 2 × 10⁹ bytes) and this ADR's own rules, judged on each option's metrics."</p>
            <div class="charts">{chart("metrics", String::new(), format!("{adr} metrics against the alert thresholds"))}</div>
            <table class="verdicts" data-testid="verdicts">
                <thead>
                    <tr>
                        <th scope="col">"Rule"</th>
                        {metrics.options.iter().map(|o| view! { <th scope="col">{o.option.clone()}</th> }).collect_view()}
                        {delta_head}
                    </tr>
                </thead>
                <tbody>
                    {metrics
                        .rules
                        .iter()
                        .enumerate()
                        .map(|(i, rule)| {
                            let measure = match rule.rule.measure {
                                Measure::Value => String::new(),
                                Measure::Quantile { quantile } => format!(" q{quantile}"),
                            };
                            view! {
                                <tr data-rule=rule.rule.id.clone()>
                                    <th scope="row">
                                        {rule.rule.description.clone()}
                                        <span class="hint">{format!(" ({}{measure} {} {})", rule.rule.metric, rule.rule.comparison.symbol(), metrics::figure(&rule.rule.metric, rule.rule.threshold))}</span>
                                        {(rule.source == "adr")
                                            .then(|| {
                                                view! {
                                                    <form method="post" action=format!("/adr/{number}/metric-rules/{}/delete", rule.rule.id) class="inline-form">
                                                        <button type="submit" class="secondary">"Remove rule"</button>
                                                    </form>
                                                }
                                            })}
                                    </th>
                                    {metrics.options.iter().map(|o| verdict_cell(&rule.rule.metric, &o.verdicts[i])).collect_view()}
                                    {metrics.deltas.get(i).map(|d| view! { <td class="metric-delta" data-delta=d.rule.clone()>{delta_text(&rule.rule.metric, d)}</td> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let rule_form = view! {
        <details class="rule-form">
            <summary>"Add a metric rule"</summary>
            <form method="post" action=format!("/adr/{number}/metric-rules") class="attach-form">
                <label class="field short"><span class="label">"Metric"</span><input type="text" name="metric" required placeholder="http_request_duration_seconds"/></label>
                <label class="field short">
                    <span class="label">"Label matchers"</span>
                    <input type="text" name="matcher" placeholder="handler=/api, code!=200"/>
                </label>
                <label class="field short">
                    <span class="label">"Measure"</span>
                    <select name="measure"><option value="value">"Value"</option><option value="quantile">"Quantile"</option></select>
                </label>
                <label class="field short"><span class="label">"Quantile"</span><input type="number" name="quantile" step="any" min="0" max="1" placeholder="0.99"/></label>
                <label class="field short">
                    <span class="label">"Across series"</span>
                    <select name="aggregation">
                        <option value="sum">"Sum (histograms: buckets added)"</option>
                        <option value="max">"Max"</option>
                        <option value="min">"Min"</option>
                        <option value="avg">"Average"</option>
                        <option value="per_series">"Each series on its own"</option>
                    </select>
                </label>
                <label class="field short">
                    <span class="label">"Alert when"</span>
                    <select name="comparison"><option value=">">">"</option><option value=">=">">="</option><option value="<">"<"</option><option value="<=">"<="</option></select>
                </label>
                <label class="field short"><span class="label">"Threshold"</span><input type="number" name="threshold" step="any" required/></label>
                <label class="field short"><span class="label">"Description"</span><input type="text" name="description" maxlength="200"/></label>
                <button type="submit">"Add rule"</button>
            </form>
        </details>
    };

    view! {
        <section id="evidence" class="evidence">
            <h2>"Evidence"</h2>
            {refused.map(|m| view! { <p class="form-error" role="alert" data-testid="evidence-error">{m}</p> })}
            {side_blocks}
            <h3 id="comparison">"Benchmark comparison"</h3>
            {comparison_view}
            {metrics_view}
            {rule_form}
            <details class="evidence-forms" open=pieces.is_empty()>
                <summary>"Attach evidence"</summary>
                <form method="post" action=action.clone() enctype="multipart/form-data" class="attach-form">
                    <label class="field short">
                        <span class="label">"Option"</span>
                        <input type="text" name="option" list=format!("options-{number}") required placeholder="baseline, or an option's name"/>
                        <datalist id=format!("options-{number}")>
                            {option_choices.iter().map(|(v, _)| view! { <option value=v.clone()></option> }).collect_view()}
                        </datalist>
                        <span class="hint">"A name that is not an option yet becomes a new option."</span>
                    </label>
                    <label class="field short">
                        <span class="label">"Label"</span>
                        <input type="text" name="label" maxlength="200" placeholder="e.g. laptop, 10 runs"/>
                    </label>
                    <label class="field short">
                        <span class="label">"Format"</span>
                        <select name="format">
                            <option value="auto">"Detect"</option>
                            {Format::ALL.into_iter().map(|f| view! { <option value=f.as_str()>{f.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="label">"Paste output"</span>
                        <textarea name="text" rows="6" placeholder="go test -bench output, cargo bench lines, criterion or hyperfine JSON, a /metrics scrape">{textarea_text(&pasted)}</textarea>
                    </label>
                    <label class="field">
                        <span class="label">"Or drop a file"</span>
                        <input type="file" name="file"/>
                    </label>
                    <button type="submit" class="primary">"Attach evidence"</button>
                </form>
                <form method="post" action=format!("/adr/{number}/benchmark-names") class="names-form">
                    <label class="field">
                        <span class="label">"Benchmark names that are the same across tools"</span>
                        <textarea name="mappings" rows="3" placeholder="parse/json = BenchmarkParse-8">{textarea_text(&name_map_text)}</textarea>
                        <span class="hint">"One per line: name = name it pairs with."</span>
                    </label>
                    <button type="submit">"Save names"</button>
                </form>
            </details>
        </section>
    }
}
