//! Collecting the texts of the input that reach the booklet, each with its field path,
//! for the checks that read every text (glyphs, placeholders, paragraph length).

use super::evaluation::{Goal, Indicator};
use toml::Spanned;

type Text = Spanned<String>;

pub(super) struct Fields<'a>(pub(super) Vec<(String, &'a Text)>);

impl<'a> Fields<'a> {
    pub(super) fn one(&mut self, prefix: &str, name: &str, value: &'a Text) {
        self.0.push((format!("{prefix}.{name}"), value));
    }

    pub(super) fn opt(&mut self, prefix: &str, name: &str, value: &'a Option<Text>) {
        if let Some(v) = value {
            self.one(prefix, name, v);
        }
    }

    /// An indicator row's cells after its 目标名称, in printed order.
    fn indicator(&mut self, p: &str, row: &'a impl Indicator) {
        let r = row.cells();
        self.one(p, "level1", r.level1);
        self.opt(p, "level2", r.level2);
        self.opt(p, "level3", r.level3);
        if let Some([before_last, last]) = r.prior {
            self.opt(p, "before_last", before_last);
            self.opt(p, "last", last);
        }
        self.opt(p, "value", r.value);
        self.opt(p, "basis", r.basis);
    }

    /// A table whose rows print their own 目标名称 (the project self-evaluation forms).
    pub(super) fn rows<I: Indicator>(&mut self, prefix: &str, rows: &'a [I]) {
        for (i, r) in rows.iter().enumerate() {
            let p = &format!("{prefix}[{i}]");
            self.opt(p, "goal", r.cells().goal);
            self.indicator(p, r);
        }
    }

    /// Goals, each heading its own table; the rows print no 目标名称 of their own.
    pub(super) fn goals<I: Indicator>(&mut self, prefix: &str, goals: &'a [Goal<I>]) {
        for (i, g) in goals.iter().enumerate() {
            let p = format!("{prefix}[{i}]");
            self.one(&p, "goal", &g.goal);
            for (j, r) in g.indicators.iter().enumerate() {
                self.indicator(&format!("{p}.indicators[{j}]"), r);
            }
        }
    }
}
