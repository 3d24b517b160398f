//! CSV text -> rows of cells, strictly (RFC 4180 as spreadsheets write it). Lenient readers take
//! an unclosed quote as "the rest of the file is one cell" and go on in silence; here every
//! quoting mistake is an error at its row and cell, so a designer's slip is never loaded as data.
//!
//! Cells are separated by `,`; rows end with `\n`, `\r\n` or `\r` (older Mac spreadsheets). A
//! cell that holds `,`, `"` or a line break is written in quotes, a quote in it doubled (`""`).
//! Rows are numbered as a spreadsheet numbers them: the first is 1, a blank line is a row, and a
//! quoted line break stays inside its row.

/// One row: its number (1-based, as a spreadsheet shows it), its cells' text, and how many cells
/// it has (more than are kept, when a row is longer than asked for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
    pub count: usize,
}

impl Row {
    /// Whether every cell is empty or spaces: spreadsheets leave such rows between the data.
    /// (A row longer than was kept is not: what it holds beyond is unknown.)
    pub fn is_blank(&self) -> bool {
        self.count == self.cells.len() && self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A quoting mistake: where (row and 1-based cell) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub row: usize,
    pub cell: usize,
    pub message: String,
}

/// The rows of a text, one at a time, so that a file is never held as rows all at once.
pub struct Rows<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    number: usize,
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str) -> Rows<'a> {
        Rows {
            chars: text.chars().peekable(),
            number: 1,
        }
    }

    /// The next row, keeping at most `keep` cells of it (the rest are counted); `None` at the
    /// end; the first quoting mistake (after one, where cells start is a guess).
    pub fn next_row(&mut self, keep: usize) -> Option<Result<Row, Mistake>> {
        // Nothing after the last line break: no row of one empty cell.
        self.chars.peek()?;
        let number = self.number;
        let mut cells = Vec::new();
        let mut count = 0;
        loop {
            let cell = match self.chars.peek() {
                Some('"') => {
                    self.chars.next();
                    quoted(&mut self.chars).ok_or("a quoted cell is never closed: add the closing quote (\")")
                }
                _ => unquoted(&mut self.chars).map_err(|()| {
                    "a quote (\") inside a cell that does not start with one: put the whole cell in \
                     quotes and double the quote, as in \"5\"\" pipe\""
                }),
            };
            count += 1;
            let mistake = |message: &str| Mistake {
                row: number,
                cell: count,
                message: message.to_string(),
            };
            match cell {
                Ok(cell) if cells.len() < keep => cells.push(cell),
                Ok(_) => {}
                Err(message) => return Some(Err(mistake(message))),
            }
            match self.chars.next() {
                // A `,` at the very end still opens one last, empty cell.
                Some(',') if self.chars.peek().is_none() => {
                    count += 1;
                    if cells.len() < keep {
                        cells.push(String::new());
                    }
                    break;
                }
                Some(',') => {}
                None => break,
                Some(end @ ('\n' | '\r')) => {
                    if end == '\r' && self.chars.peek() == Some(&'\n') {
                        self.chars.next();
                    }
                    self.number += 1;
                    break;
                }
                Some(_) => {
                    return Some(Err(mistake(
                        "text after the closing quote of a quoted cell: put the whole cell in \
                         quotes, and double each quote inside it (\"\")",
                    )));
                }
            }
        }
        Some(Ok(Row { number, cells, count }))
    }
}

/// Every row of `text`, or the first quoting mistake.
pub fn rows(text: &str) -> Result<Vec<Row>, Mistake> {
    let mut rows = Rows::new(text);
    std::iter::from_fn(|| rows.next_row(usize::MAX)).collect()
}

/// The rest of a quoted cell after its opening quote, through its closing one; `None` when the
/// text ends first.
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut cell = String::new();
    loop {
        match chars.next()? {
            '"' if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => return Some(cell),
            c => cell.push(c),
        }
    }
}

/// An unquoted cell, up to the `,` or line break after it (not taken); `Err` at a quote in it.
fn unquoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, ()> {
    let mut cell = String::new();
    while let Some(&c) = chars.peek() {
        match c {
            ',' | '\n' | '\r' => break,
            '"' => return Err(()),
            c => {
                cell.push(c);
                chars.next();
            }
        }
    }
    Ok(cell)
}

/// A cell as CSV writes it: in quotes when it holds a `,`, a quote or a line break, or starts or
/// ends with a space (which some readers trim).
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    let needs = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

/// One row of cells as CSV, with its line break.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()).into_owned())
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(usize, Vec<String>)> {
        rows(text)
            .expect("parses")
            .into_iter()
            .map(|r| (r.number, r.cells))
            .collect()
    }

    fn row(number: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (number, cells.iter().map(|c| (*c).to_string()).collect())
    }

    #[test]
    fn rows_cells_and_line_ends() {
        assert_eq!(
            cells("a,b\n1,2\r\n3,\r\n"),
            [row(1, &["a", "b"]), row(2, &["1", "2"]), row(3, &["3", ""])]
        );
        assert_eq!(cells("a,b"), [row(1, &["a", "b"])]);
        assert_eq!(cells("a\rb\r"), [row(1, &["a"]), row(2, &["b"])]);
        assert_eq!(cells("a,"), [row(1, &["a", ""])]);
        assert!(cells("").is_empty());
        // A blank line is a row, as a spreadsheet shows it.
        assert_eq!(cells("a\n\nb\n"), [row(1, &["a"]), row(2, &[""]), row(3, &["b"])]);
    }

    #[test]
    fn quoted_cells_hold_commas_quotes_and_line_breaks_within_their_row() {
        assert_eq!(
            cells("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,\"\"\n"),
            [
                row(1, &["a,b", "say \"hi\"", "two\nlines"]),
                row(2, &["next", ""])
            ]
        );
    }

    #[test]
    fn quoting_mistakes_are_placed() {
        let m = rows("a,b\n1,\"open\n2,3\n").expect_err("unclosed");
        assert_eq!((m.row, m.cell), (2, 2));
        assert!(m.message.contains("never closed"), "{}", m.message);
        let m = rows("a,b\n\"x\"y,2\n").expect_err("text after the quote");
        assert_eq!((m.row, m.cell), (2, 1));
        assert!(m.message.contains("after the closing quote"), "{}", m.message);
        let m = rows("a,b\n1,5\" pipe\n").expect_err("stray quote");
        assert_eq!((m.row, m.cell), (2, 2));
        assert!(m.message.contains("does not start with one"), "{}", m.message);
    }

    #[test]
    fn long_rows_are_counted_not_kept() {
        let mut rows = Rows::new("a,b,c,d\n1,2\n");
        let first = rows.next_row(2).expect("a row").expect("parses");
        assert_eq!((first.cells.len(), first.count), (2, 4));
        let second = rows.next_row(2).expect("a row").expect("parses");
        assert_eq!((second.number, second.count), (2, 2));
        assert!(rows.next_row(2).is_none());
    }

    #[test]
    fn written_cells_read_back() {
        let texts = [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            " padded ",
            "",
            "CR\r\nLF",
            "é;ü",
        ];
        let text: String = [line(&texts), line(&["x"; 8])].concat();
        let back = rows(&text).expect("parses");
        assert_eq!(back[0].cells, texts);
        assert_eq!(back[1].number, 2);
    }
}
