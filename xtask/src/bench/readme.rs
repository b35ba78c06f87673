//! The README's benchmark section, rewritten from the headline of a full run so the README
//! always shows measured figures with their date and machine.

use std::path::Path;

use anyhow::{Context, Result, bail};

const HEADING: &str = "## Benchmarks\n";

/// Replaces the body of the README's `## Benchmarks` section (up to the next `## `
/// heading) with `body`, leaving every other part of the file as it was.
pub fn update(readme: &Path, body: &str) -> Result<()> {
    let text = std::fs::read_to_string(readme)
        .with_context(|| format!("cannot read {}", readme.display()))?;
    let updated = replace_section(&text, body)?;
    std::fs::write(readme, updated).with_context(|| format!("cannot write {}", readme.display()))
}

fn replace_section(text: &str, body: &str) -> Result<String> {
    let Some(start) = text.find(HEADING).map(|i| i + HEADING.len()) else {
        bail!("the README has no `{}` heading", HEADING.trim_end());
    };
    let end = text[start..]
        .find("\n## ")
        .map_or(text.len(), |i| start + i + 1);
    let rest = &text[end..];
    let gap = if rest.is_empty() { "" } else { "\n" };
    Ok(format!("{}\n{}\n{gap}{rest}", &text[..start], body.trim()))
}

/// `text` as lines of at most `width` characters, broken between words.
pub fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// `OpenJDK 17.0.15` from the first line of `java -version`.
pub fn java_short(version: &str) -> String {
    let number = version.split('"').nth(1).unwrap_or("?");
    format!("OpenJDK {number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_benchmark_section_changes() {
        let text = "# jfork\n\nintro\n\n## Benchmarks\n\nold table\n\n## Where things are\n\n- x\n";
        let updated = replace_section(text, "new table\n").unwrap();
        assert_eq!(
            updated,
            "# jfork\n\nintro\n\n## Benchmarks\n\nnew table\n\n## Where things are\n\n- x\n"
        );
    }

    #[test]
    fn a_last_section_runs_to_the_end() {
        let updated = replace_section("## Benchmarks\nold\n", "new").unwrap();
        assert_eq!(updated, "## Benchmarks\n\nnew\n");
        assert!(replace_section("# no section\n", "new").is_err());
    }

    #[test]
    fn wraps_between_words() {
        assert_eq!(wrap("aa bb cc  dd", 5), "aa bb\ncc dd");
        assert_eq!(wrap("longword x", 3), "longword\nx");
    }

    #[test]
    fn the_jdk_in_a_few_words() {
        let version = "openjdk version \"17.0.15\" 2025-04-15; OpenJDK Runtime Environment";
        assert_eq!(java_short(version), "OpenJDK 17.0.15");
    }
}
