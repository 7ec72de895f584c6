//! A matrix as an HTML table (or list), each row anchored by its id so that
//! `/guide/{matrix}#{row}` links to it.

use crate::model::matrix::{Matrix, MatrixKind};
use leptos::prelude::*;

/// The rows of `matrix`; `counts` gives, per row id, how many ADRs cite it and is shown as a
/// link to that filtered list when given.
#[component]
pub fn MatrixTable(matrix: Matrix, #[prop(optional)] counts: Vec<(String, i64)>) -> impl IntoView {
    let count_of = move |row: &str| counts.iter().find(|(r, _)| r == row).map_or(0, |(_, n)| *n);
    // Charts are not cited, so they show no counts column.
    let show_counts = matrix.kind != MatrixKind::Chart;
    let matrix_id = matrix.id.clone();
    let cited = move |row: &str| {
        let n = count_of(row);
        let href = format!("/?cites={}/{row}", matrix_id);
        view! {
            <td class="cited">
                {(n > 0).then(|| view! { <a href=href title="ADRs that cite this row">{format!("{n} ADR{}", if n == 1 { "" } else { "s" })}</a> })}
            </td>
        }
    };
    match matrix.kind {
        MatrixKind::List => view! {
            <table class="matrix list">
                <tbody>
                    {matrix
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr id=row.id.clone()>
                                    <td><a class="anchor" href=format!("#{}", row.id) aria-label="Link to this row">"#"</a></td>
                                    <td>{row.cells.join(" ")}</td>
                                    {show_counts.then(|| cited(&row.id))}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        MatrixKind::Table | MatrixKind::Chart => view! {
            <table class="matrix">
                <thead>
                    <tr>
                        <th></th>
                        {matrix.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                        {show_counts.then(|| view! { <th scope="col">"Cited by"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {matrix
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr id=row.id.clone()>
                                    <td><a class="anchor" href=format!("#{}", row.id) aria-label="Link to this row">"#"</a></td>
                                    {row.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                                    {show_counts.then(|| cited(&row.id))}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
}
