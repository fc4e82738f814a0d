//! The rows of `cargo xtask bench`, their goals, and the Markdown table
//! they are printed as.

use std::fmt::Write as _;

pub(super) use ::codegen::text::thousands;

/// One row of the table.
pub(super) struct Row {
    /// What is measured.
    pub(super) what: String,
    /// Our side, formatted.
    pub(super) ours: String,
    /// The baseline side, formatted.
    pub(super) baseline: String,
    /// `ours / baseline`, when both are numbers.
    pub(super) ratio: Option<f64>,
    /// What the row must reach.
    pub(super) goal: Goal,
}

/// A goal on a row's ratio (or on `ours` itself, for counts).
#[derive(Clone, Copy)]
pub(super) enum Goal {
    /// The ratio is at most this.
    AtMost(f64),
    /// The ratio is at least this.
    AtLeast(f64),
    /// `ours` (a count) is at most this.
    CountAtMost(u64),
    /// Shown for information.
    None,
}

impl Row {
    fn goal_text(&self) -> String {
        match self.goal {
            Goal::AtMost(limit) => format!("≤ {limit:.2}"),
            Goal::AtLeast(limit) => format!("≥ {limit:.2}"),
            Goal::CountAtMost(limit) => format!("≤ {limit}"),
            Goal::None => "—".to_owned(),
        }
    }

    /// Whether the row reaches its goal; `None` for information rows.
    pub(super) fn met(&self) -> Option<bool> {
        match (self.goal, self.ratio) {
            (Goal::AtMost(limit), Some(ratio)) => Some(ratio <= limit),
            (Goal::AtLeast(limit), Some(ratio)) => Some(ratio >= limit),
            (Goal::CountAtMost(limit), _) => self.ours.parse::<u64>().ok().map(|n| n <= limit),
            _ => None,
        }
    }
}

/// The Markdown table, with the notes below it.
pub(super) fn table(rows: &[Row], notes: &[String], quick: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| measurement | ours | baseline | ratio | goal | met |\n|---|---:|---:|---:|---|---|"
    );
    for row in rows {
        let ratio = row
            .ratio
            .map_or_else(|| "—".to_owned(), |r| format!("{r:.2}"));
        let met = match row.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {ratio} | {} | {met} |",
            row.what,
            row.ours,
            row.baseline,
            row.goal_text()
        );
    }
    let _ = writeln!(
        out,
        "\nratio = ours / baseline (for requests/s, higher is better); {} mode",
        if quick { "quick" } else { "full" }
    );
    for note in notes {
        let _ = writeln!(out, "- {note}");
    }
    out
}

/// Nanoseconds, readable.
pub(super) fn nanos(ns: f64) -> String {
    if ns >= 1_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Nanoseconds as microseconds.
pub(super) fn micros(ns: f64) -> String {
    format!("{:.1} µs", ns / 1_000.0)
}

/// Nanoseconds as milliseconds.
pub(super) fn millis(ns: f64) -> String {
    format!("{} ms", thousands((ns / 1e6).round() as u64))
}

/// Bytes as mebibytes.
pub(super) fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times_are_readable() {
        assert_eq!(mebibytes(3 << 20), "3.0 MiB");
        assert_eq!(millis(1_499_600_000.0), "1,500 ms");
        assert_eq!(nanos(999.0), "999 ns");
        assert_eq!(nanos(1_500.0), "1.50 µs");
    }

    #[test]
    fn goals_decide_met() {
        let row = |ratio, goal, ours: &str| Row {
            what: String::new(),
            ours: ours.to_owned(),
            baseline: String::new(),
            ratio,
            goal,
        };
        assert_eq!(row(Some(1.05), Goal::AtMost(1.10), "").met(), Some(true));
        assert_eq!(row(Some(1.15), Goal::AtMost(1.10), "").met(), Some(false));
        assert_eq!(row(Some(0.90), Goal::AtLeast(0.95), "").met(), Some(false));
        assert_eq!(row(None, Goal::CountAtMost(1), "1").met(), Some(true));
        assert_eq!(row(None, Goal::CountAtMost(1), "2").met(), Some(false));
        assert_eq!(row(Some(1.0), Goal::None, "").met(), None);
    }

    #[test]
    fn the_table_marks_missed_goals() {
        let rows = [Row {
            what: "render flat / plain: vs serde (time)".to_owned(),
            ours: "93 ns".to_owned(),
            baseline: "80 ns".to_owned(),
            ratio: Some(93.0 / 80.0),
            goal: Goal::AtMost(1.10),
        }];
        let table = table(&rows, &["a note".to_owned()], true);
        assert!(
            table.contains(
                "| render flat / plain: vs serde (time) | 93 ns | 80 ns | 1.16 | ≤ 1.10 | **no** |"
            ),
            "{table}"
        );
        assert!(table.contains("- a note"), "{table}");
    }
}
