//! The grid editor of a team matrix, as an island. The form always carries the table as
//! markdown in its `markdown` field: without JavaScript that field is the editor; with it,
//! a grid of cells writes the field as you type, and "Edit as markdown" shows it again.

use crate::components::raw_text::textarea_text;
use crate::model::markdown_table::{self, to_markdown};
use crate::model::matrix::MatrixRow;
use leptos::prelude::*;

/// Columns and rows of the grid, read from markdown. A table that does not read yet keeps
/// its header (or two blank columns) and gets one empty row.
fn grid_of(markdown: &str) -> (Vec<String>, Vec<Vec<String>>) {
    match markdown_table::parse(markdown) {
        Ok(table) => (
            table.columns,
            table.rows.into_iter().map(|r| r.cells).collect(),
        ),
        Err(_) => {
            let columns =
                markdown_table::header(markdown).unwrap_or_else(|| vec![String::new(); 2]);
            let width = columns.len();
            (columns, vec![vec![String::new(); width]])
        }
    }
}

fn markdown_of(columns: &[String], rows: &[Vec<String>]) -> String {
    let rows: Vec<MatrixRow> = rows
        .iter()
        .map(|cells| MatrixRow {
            id: String::new(),
            cells: cells.clone(),
        })
        .collect();
    to_markdown(columns, &rows)
}

#[island]
pub fn MatrixGrid(markdown: String) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    let as_markdown = RwSignal::new(false);
    let text = RwSignal::new(markdown.clone());
    let (columns, rows) = grid_of(&markdown);
    let columns = RwSignal::new(columns);
    let rows = RwSignal::new(rows);
    Effect::new(move |_| hydrated.set(true));
    let sync = move || text.set(markdown_of(&columns.get_untracked(), &rows.get_untracked()));
    let grid_visible = move || hydrated.get() && !as_markdown.get();

    view! {
        <div class="matrix-grid" data-hydrated=move || hydrated.get().then_some("true")>
            <div class="grid-tools" hidden=move || !hydrated.get()>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        if as_markdown.get_untracked() {
                            let (c, r) = grid_of(&text.get_untracked());
                            columns.set(c);
                            rows.set(r);
                        }
                        as_markdown.update(|m| *m = !*m);
                    }
                >
                    {move || if as_markdown.get() { "Edit as a grid" } else { "Edit as markdown" }}
                </button>
            </div>
            <table class="grid" hidden=move || !grid_visible()>
                <thead>
                    <tr>
                        {move || {
                            columns
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(c, name)| {
                                    view! {
                                        <th>
                                            <input
                                                type="text"
                                                aria-label=format!("Column {} name", c + 1)
                                                prop:value=name
                                                on:input=move |ev| {
                                                    columns.update_untracked(|cols| cols[c] = event_target_value(&ev));
                                                    sync();
                                                }
                                            />
                                            <button
                                                type="button"
                                                class="remove"
                                                title="Remove this column"
                                                on:click=move |_| {
                                                    if columns.get_untracked().len() > 1 {
                                                        columns.update(|cols| {
                                                            cols.remove(c);
                                                        });
                                                        rows.update(|rows| rows.iter_mut().for_each(|r| {
                                                            r.remove(c);
                                                        }));
                                                        sync();
                                                    }
                                                }
                                            >
                                                "×"
                                            </button>
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                        <th>
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| {
                                    columns.update(|cols| cols.push(String::new()));
                                    rows.update(|rows| rows.iter_mut().for_each(|r| r.push(String::new())));
                                    sync();
                                }
                            >
                                "+ Column"
                            </button>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows.get()
                            .into_iter()
                            .enumerate()
                            .map(|(r, cells)| {
                                view! {
                                    <tr>
                                        {cells
                                            .into_iter()
                                            .enumerate()
                                            .map(|(c, cell)| {
                                                view! {
                                                    <td>
                                                        <input
                                                            type="text"
                                                            aria-label=format!("Row {} column {}", r + 1, c + 1)
                                                            prop:value=cell
                                                            on:input=move |ev| {
                                                                rows.update_untracked(|rows| rows[r][c] = event_target_value(&ev));
                                                                sync();
                                                            }
                                                        />
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                        <td>
                                            <button
                                                type="button"
                                                class="remove"
                                                title="Remove this row"
                                                on:click=move |_| {
                                                    rows.update(|rows| {
                                                        rows.remove(r);
                                                    });
                                                    sync();
                                                }
                                            >
                                                "×"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <button
                type="button"
                class="secondary"
                hidden=move || !grid_visible()
                on:click=move |_| {
                    let width = columns.get_untracked().len();
                    rows.update(|rows| rows.push(vec![String::new(); width]));
                    sync();
                }
            >
                "+ Row"
            </button>
            <label class="field" hidden=grid_visible>
                <span class="label">"Markdown table"</span>
                <textarea
                    name="markdown"
                    rows="10"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                >
                    {textarea_text(&markdown)}
                </textarea>
                <span class="hint">"A header row, a delimiter row like | --- | --- |, then one row per line."</span>
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_table_keeps_its_columns() {
        let (columns, rows) = grid_of(
            "| Scenario | Recommended | Avoid | Why |\n| --- | --- | --- | --- |\n|  |  |  |  |",
        );
        assert_eq!(columns.len(), 4);
        assert_eq!(rows, [vec![String::new(); 4]]);
    }
}
