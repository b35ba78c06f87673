//! The Markdown report: headings, method paragraphs, the exact commands and tables.

use std::fmt::Write as _;

/// A Markdown document under construction.
#[derive(Debug, Default)]
pub struct Report {
    text: String,
}

impl Report {
    /// A heading of `level` (1 = `#`).
    pub fn heading(&mut self, level: usize, title: &str) {
        let _ = writeln!(self.text, "{} {title}\n", "#".repeat(level));
    }

    /// A paragraph (or any Markdown block) followed by a blank line.
    pub fn para(&mut self, text: &str) {
        let _ = writeln!(self.text, "{}\n", text.trim_end());
    }

    /// The commands a reader runs to reproduce a measurement, as a shell block.
    pub fn commands<S: AsRef<str>>(&mut self, lines: &[S]) {
        self.text.push_str("```sh\n");
        for line in lines {
            let _ = writeln!(self.text, "{}", line.as_ref());
        }
        self.text.push_str("```\n\n");
    }

    /// Verbatim output of a tool, in a collapsed block under `summary`.
    pub fn details(&mut self, summary: &str, body: &str) {
        let _ = writeln!(
            self.text,
            "<details><summary>{summary}</summary>\n\n```text\n{}\n```\n\n</details>\n",
            body.trim_end()
        );
    }

    /// A table; a row shorter than the header is padded with empty cells.
    pub fn table<S: AsRef<str>>(&mut self, header: &[&str], rows: &[Vec<S>]) {
        let _ = writeln!(self.text, "| {} |", header.join(" | "));
        let _ = writeln!(self.text, "|{}", "---|".repeat(header.len()));
        for row in rows {
            let mut cells: Vec<&str> = row.iter().map(AsRef::as_ref).collect();
            cells.resize(header.len(), "");
            let _ = writeln!(self.text, "| {} |", cells.join(" | "));
        }
        self.text.push('\n');
    }

    /// Appends another report's text (a section built on its own).
    pub fn append(&mut self, other: Report) {
        self.text.push_str(&other.text);
    }

    /// The finished document.
    pub fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_short_rows() {
        let mut report = Report::default();
        report.table(&["a", "b"], &[vec!["1"], vec!["2", "3"]]);
        assert_eq!(
            report.into_text(),
            "| a | b |\n|---|---|\n| 1 |  |\n| 2 | 3 |\n\n"
        );
    }
}
