//! Reading a team's matrix from a pasted markdown table, and writing one back for editing.
//! Every line that cannot be read is reported with its number and what is wrong.

use crate::model::matrix::MatrixRow;
use crate::model::slug::slugify;
use serde::{Deserialize, Serialize};

/// Most columns a matrix may have.
pub const MAX_COLUMNS: usize = 20;
/// Most rows a matrix may have.
pub const MAX_ROWS: usize = 500;
/// Longest cell, in characters.
pub const MAX_CELL: usize = 2_000;

/// A problem on one line of the pasted text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableError {
    /// 1-based line number in the pasted text.
    pub line: usize,
    pub message: String,
}

/// The columns and rows of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

/// Splits a table line into trimmed cells. Leading and trailing pipes are optional; `\|`
/// is a literal pipe.
fn split_cells(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = match inner.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => inner,
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

/// The header cells of `text`, when its first non-blank line is a table row: what an editor
/// can keep of a table that does not read yet.
pub fn header(text: &str) -> Option<Vec<String>> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    line.contains('|').then(|| split_cells(line))
}

fn is_delimiter_cell(cell: &str) -> bool {
    let core = cell.trim().trim_start_matches(':').trim_end_matches(':');
    !core.is_empty() && core.chars().all(|c| c == '-')
}

/// Row ids made from each row's first cell, unique within the table.
pub fn row_ids(first_cells: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(first_cells.len());
    for (i, cell) in first_cells.iter().enumerate() {
        let base = match slugify(cell, 48) {
            slug if slug.is_empty() => format!("row-{}", i + 1),
            slug => slug,
        };
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

/// Reads a markdown table: a header line, a delimiter line (`| --- | :-: |`), then rows.
/// Blank lines before and after are ignored; anything else is an error for its line.
pub fn parse(text: &str) -> Result<Table, Vec<TableError>> {
    let mut errors = Vec::new();
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .skip_while(|(_, l)| l.trim().is_empty())
        .collect();
    let end = lines
        .iter()
        .rposition(|(_, l)| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let lines = &lines[..end];
    let Some(&(header_line, header)) = lines.first() else {
        return Err(vec![TableError {
            line: 1,
            message: "the text is empty: paste a markdown table with a header row".into(),
        }]);
    };
    if !header.contains('|') {
        errors.push(TableError {
            line: header_line,
            message: "the first line must be the header row, with cells between pipes: | Scenario | Recommended | Avoid |".into(),
        });
        return Err(errors);
    }
    let columns = split_cells(header);
    if columns.len() > MAX_COLUMNS {
        errors.push(TableError {
            line: header_line,
            message: format!(
                "{} columns; at most {MAX_COLUMNS} are allowed",
                columns.len()
            ),
        });
    }
    for (i, column) in columns.iter().enumerate() {
        if column.is_empty() {
            errors.push(TableError {
                line: header_line,
                message: format!("column {} has no name", i + 1),
            });
        } else if columns[..i].contains(column) {
            errors.push(TableError {
                line: header_line,
                message: format!("column name '{column}' is used twice"),
            });
        }
    }
    match lines.get(1) {
        None => errors.push(TableError {
            line: header_line + 1,
            message: "the delimiter row is missing: the second line must be like | --- | --- |"
                .into(),
        }),
        Some(&(line, delimiter)) => {
            let cells = split_cells(delimiter);
            if !delimiter.contains('-') || !cells.iter().all(|c| is_delimiter_cell(c)) {
                errors.push(TableError {
                    line,
                    message: "the second line must be the delimiter row, like | --- | --- |".into(),
                });
            } else if cells.len() != columns.len() {
                errors.push(TableError {
                    line,
                    message: format!(
                        "the delimiter row has {} cells but the header has {} columns",
                        cells.len(),
                        columns.len()
                    ),
                });
            }
        }
    }
    let body = lines.get(2..).unwrap_or_default();
    if body.iter().all(|(_, l)| l.trim().is_empty()) && errors.is_empty() {
        errors.push(TableError {
            line: header_line + 2,
            message: "the table has no rows".into(),
        });
    }
    if body.len() > MAX_ROWS {
        errors.push(TableError {
            line: body[MAX_ROWS].0,
            message: format!("more than {MAX_ROWS} rows"),
        });
    }
    let mut cells_of_rows: Vec<Vec<String>> = Vec::new();
    for &(line, text) in body.iter().take(MAX_ROWS) {
        if text.trim().is_empty() {
            errors.push(TableError {
                line,
                message: "a blank line inside the table; remove it or end the table here".into(),
            });
            continue;
        }
        if !text.contains('|') {
            errors.push(TableError {
                line,
                message: "not a table row: cells must be separated by pipes".into(),
            });
            continue;
        }
        let cells = split_cells(text);
        if cells.len() != columns.len() {
            errors.push(TableError {
                line,
                message: format!(
                    "{} cells, but the header has {} columns",
                    cells.len(),
                    columns.len()
                ),
            });
            continue;
        }
        if cells.iter().all(String::is_empty) {
            errors.push(TableError {
                line,
                message: "the row is empty".into(),
            });
            continue;
        }
        if let Some(long) = cells.iter().position(|c| c.chars().count() > MAX_CELL) {
            errors.push(TableError {
                line,
                message: format!("cell {} is longer than {MAX_CELL} characters", long + 1),
            });
            continue;
        }
        cells_of_rows.push(cells);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let firsts: Vec<&str> = cells_of_rows.iter().map(|c| c[0].as_str()).collect();
    let rows = row_ids(&firsts)
        .into_iter()
        .zip(cells_of_rows)
        .map(|(id, cells)| MatrixRow { id, cells })
        .collect();
    Ok(Table { columns, rows })
}

fn escape(cell: &str) -> String {
    cell.replace('|', "\\|").replace('\n', " ")
}

/// Writes columns and rows as a markdown table that [`parse`] reads back.
pub fn to_markdown(columns: &[String], rows: &[MatrixRow]) -> String {
    let line = |cells: &mut dyn Iterator<Item = String>| {
        format!("| {} |", cells.collect::<Vec<_>>().join(" | "))
    };
    let mut out = vec![
        line(&mut columns.iter().map(|c| escape(c))),
        line(&mut columns.iter().map(|_| "---".to_owned())),
    ];
    out.extend(
        rows.iter()
            .map(|r| line(&mut r.cells.iter().map(|c| escape(c)))),
    );
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_read_with_row_ids() {
        let table = parse(
            "\n| Scenario | Recommended | Avoid |\n|:--|:-:|--:|\n| Event bus | NATS | Kafka \\| Pulsar |\nCron jobs | systemd timers | cron\n| Event bus | x | y |\n\n",
        )
        .unwrap();
        assert_eq!(table.columns, ["Scenario", "Recommended", "Avoid"]);
        assert_eq!(table.rows[0].cells, ["Event bus", "NATS", "Kafka | Pulsar"]);
        assert_eq!(table.rows[1].cells, ["Cron jobs", "systemd timers", "cron"]);
        let ids: Vec<_> = table.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["event-bus", "cron-jobs", "event-bus-2"]);
    }

    #[test]
    fn every_bad_line_is_reported() {
        let errors =
            parse("| A | B |\n| --- | --- |\n| 1 |\nplain text\n|  |  |\n| 3 | 4 |").unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(
            errors[0]
                .message
                .contains("1 cells, but the header has 2 columns")
        );
    }

    #[test]
    fn header_and_delimiter_problems_name_their_lines() {
        assert_eq!(parse("").unwrap_err()[0].line, 1);
        let e = parse("\n\nno pipes here").unwrap_err();
        assert_eq!(e[0].line, 3);
        let e = parse("| A | B |\n| A | B |\n| 1 | 2 |").unwrap_err();
        assert_eq!((e[0].line, e[0].message.contains("delimiter")), (2, true));
        let e = parse("| A | A | |\n|---|---|---|\n| 1 | 2 | 3 |").unwrap_err();
        assert_eq!(e.len(), 2);
        let e = parse("| A | B |\n|---|---|---|\n| 1 | 2 |").unwrap_err();
        assert!(e[0].message.contains("delimiter row has 3 cells"));
        let e = parse("| A | B |\n|---|---|").unwrap_err();
        assert_eq!(
            (e[0].line, e[0].message.as_str()),
            (3, "the table has no rows")
        );
        let e = parse("| A |\n|---|\n| 1 |\n\n| 2 |").unwrap_err();
        assert_eq!(e[0].line, 4);
    }

    #[test]
    fn the_header_of_an_unfinished_table_is_kept() {
        assert_eq!(
            header("\n| A | B |\n|---|---|\n|  |  |"),
            Some(vec!["A".into(), "B".into()])
        );
        assert_eq!(header("words"), None);
    }

    #[test]
    fn markdown_round_trips() {
        let table = parse("| A | B |\n|---|---|\n| x \\| y | z |").unwrap();
        let again = parse(&to_markdown(&table.columns, &table.rows)).unwrap();
        assert_eq!(again, table);
    }
}
