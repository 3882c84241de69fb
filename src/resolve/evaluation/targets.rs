//! The target-shape forms of reference 001: 整体绩效自评表 (goals and indicator values)
//! and 项目绩效自评表 (project facts, funding, 支出明细测算, goals). Their only figures
//! are money: 项目决算 and the funding 合计 are computed and must agree.

use super::wan;
use crate::base::money::Money;
use crate::declare::catalog::Catalog;
use crate::input::evaluation::{
    Goal, Indicator, OverallTargets, ProjectTargets, Purchase, SpendingLine,
};
use crate::resolve::check::Checker;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct OverallForm {
    pub title_name: Option<String>,
    pub department: String,
    pub reporter: String,
    pub phone: String,
    pub functions: Vec<String>,
    pub tasks: Vec<String>,
    pub long_term_goals: Vec<String>,
    pub annual_goals: Vec<String>,
    pub long_term: Vec<(String, Vec<IndicatorView>)>,
    pub annual: Vec<(String, Vec<IndicatorView>)>,
}

#[derive(Debug, Clone)]
pub struct ProjectForm {
    pub title_name: String,
    pub texts: ProjectTexts,
    pub sources: Sources,
    pub spending: Vec<Spending>,
    pub purchases: Vec<(String, String, Money)>,
    pub long_term: Vec<IndicatorView>,
    pub annual: Vec<IndicatorView>,
}

/// The project's descriptive cells, printed as written.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectTexts {
    pub name: String,
    pub code: String,
    pub department: String,
    pub executor: String,
    pub manager: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub attribute: String,
    pub category: String,
    pub start_year: i32,
    pub end_year: i32,
    pub basis: Vec<String>,
    pub plan: Vec<String>,
    pub goal_name: String,
    pub goal_description: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Sources {
    pub general: Money,
    pub general_current: Money,
    pub fund: Money,
    pub fund_current: Money,
    pub special_account: Money,
    pub business: Money,
    pub superior: Money,
    pub affiliated: Money,
    pub operating: Money,
    pub other: Money,
}

impl Sources {
    /// 4. 单位资金
    pub fn unit_funds(&self) -> Money {
        self.business + self.superior + self.affiliated + self.operating + self.other
    }

    /// 合计
    pub fn total(&self) -> Money {
        self.general + self.fund + self.special_account + self.unit_funds()
    }
}

#[derive(Debug, Clone)]
pub struct Spending {
    pub activity: String,
    pub description: String,
    pub economic: String,
    pub amount: Money,
    pub basis: String,
    pub note: String,
}

/// An indicator row of a goal table; cells print as written, empty when not given.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndicatorView {
    pub goal: String,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub before_last: String,
    pub last: String,
    pub value: String,
    pub basis: String,
}

/// Lines of a long text cell, each kept as written.
fn lines(text: &str) -> Vec<String> {
    crate::base::text::cell_lines(text)
}

/// The rows of an indicator table, each at `{p}[i]`.
pub fn indicator_rows<I: Indicator>(c: &mut Checker, rows: &[I], p: &str) -> Vec<IndicatorView> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let r = row.cells();
            let [before_last, last] = r
                .prior
                .map_or_else(Default::default, |years| years.map(|y| c.opt_text(y)));
            IndicatorView {
                goal: c.opt_text(r.goal),
                level1: c.text(r.level1, &format!("{p}[{i}].level1")),
                level2: c.opt_text(r.level2),
                level3: c.opt_text(r.level3),
                before_last,
                last,
                value: c.opt_text(r.value),
                basis: c.opt_text(r.basis),
            }
        })
        .collect()
}

/// Goals with their indicator tables, each at `{p}[i]` (`.goal`, `.indicators`).
pub fn goal_tables<I: Indicator>(
    c: &mut Checker,
    goals: &[Goal<I>],
    p: &str,
) -> Vec<(String, Vec<IndicatorView>)> {
    goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let q = format!("{p}[{i}]");
            (
                c.text(&g.goal, &format!("{q}.goal")),
                indicator_rows(c, &g.indicators, &format!("{q}.indicators")),
            )
        })
        .collect()
}

pub fn resolve_overall(c: &mut Checker, o: &OverallTargets) -> OverallForm {
    let p = "evaluation.overall";
    let f = |n: &str| format!("{p}.{n}");
    let goals = |c: &mut Checker, list: &[toml::Spanned<String>], name: &str| -> Vec<String> {
        list.iter()
            .enumerate()
            .map(|(i, g)| c.text(g, &f(&format!("{name}[{i}]"))))
            .collect()
    };
    OverallForm {
        title_name: o.title_name.as_ref().map(|t| c.text(t, &f("title_name"))),
        department: c.text(&o.department, &f("department")),
        reporter: c.text(&o.reporter, &f("reporter")),
        phone: c.text(&o.phone, &f("phone")),
        // Absent: 第一部分's first section (the view falls back to it).
        functions: o
            .functions
            .as_ref()
            .map(|t| lines(&c.text(t, &f("functions"))))
            .unwrap_or_default(),
        tasks: lines(&c.text(&o.tasks, &f("tasks"))),
        long_term_goals: goals(c, &o.long_term_goals, "long_term_goals"),
        annual_goals: goals(c, &o.annual_goals, "annual_goals"),
        long_term: goal_tables(c, &o.long_term, &f("long_term")),
        annual: goal_tables(c, &o.annual, &f("annual")),
    }
}

pub fn resolve_project(
    c: &mut Checker,
    catalog: &Catalog,
    year: i32,
    f: &ProjectTargets,
    index: usize,
) -> ProjectForm {
    let p = format!("evaluation.projects[{index}]");
    let field = |n: &str| format!("{p}.{n}");
    let name = c.text(&f.name, &field("name"));
    let texts = ProjectTexts {
        name: name.clone(),
        code: f
            .code
            .as_ref()
            .map(|code| c.text(code, &field("code")))
            .unwrap_or_default(),
        department: c.text(&f.department, &field("department")),
        executor: c.text(&f.executor, &field("executor")),
        manager: c.text(&f.manager, &field("manager")),
        phone: c.text(&f.phone, &field("phone")),
        address: c.text(&f.address, &field("address")),
        postcode: c.text(&f.postcode, &field("postcode")),
        attribute: c.text(&f.attribute, &field("attribute")),
        category: c.text(&f.category, &field("category")),
        start_year: *f.start_year.get_ref(),
        end_year: *f.end_year.get_ref(),
        basis: lines(&c.text(&f.basis, &field("basis"))),
        plan: lines(&c.text(&f.plan, &field("plan"))),
        goal_name: c.text(&f.goal_name, &field("goal_name")),
        goal_description: lines(&c.text(&f.goal_description, &field("goal_description"))),
    };
    if f.end_year.get_ref() < f.start_year.get_ref() {
        c.error(
            "E0622",
            format!(
                "终止年度 {} 早于起始年度 {}",
                f.end_year.get_ref(),
                f.start_year.get_ref()
            ),
            field("end_year"),
            f.end_year.span(),
        );
    }
    let s = &f.sources;
    let sf = |n: &str| format!("{p}.sources.{n}");
    let sources = Sources {
        general: c.opt_money(&s.general, &sf("general")),
        general_current: c.opt_money(&s.general_current, &sf("general_current")),
        fund: c.opt_money(&s.fund, &sf("fund")),
        fund_current: c.opt_money(&s.fund_current, &sf("fund_current")),
        special_account: c.opt_money(&s.special_account, &sf("special_account")),
        business: c.opt_money(&s.business, &sf("business")),
        superior: c.opt_money(&s.superior, &sf("superior")),
        affiliated: c.opt_money(&s.affiliated, &sf("affiliated")),
        operating: c.opt_money(&s.operating, &sf("operating")),
        other: c.opt_money(&s.other, &sf("other")),
    };
    for (part, whole, name, parent) in [
        (
            &s.general_current,
            sources.general,
            "general_current",
            "一般公共预算财政拨款收入",
        ),
        (
            &s.fund_current,
            sources.fund,
            "fund_current",
            "政府性基金预算财政拨款收入",
        ),
    ] {
        if let Some(v) = part {
            if Money::in_unit(v.get_ref().0, c.unit) > whole {
                c.error(
                    "E0620",
                    format!(
                        "“其中：申请当年预算拨款”{} 万元大于它所属的{parent} {} 万元",
                        wan(Money::in_unit(v.get_ref().0, c.unit)),
                        wan(whole)
                    ),
                    sf(name),
                    v.span(),
                );
            }
        }
    }
    let spending: Vec<Spending> = f
        .spending
        .iter()
        .enumerate()
        .map(|(i, line)| spending_line(c, catalog, year, line, &format!("{p}.spending[{i}]")))
        .collect();
    let spent: Money = spending.iter().map(|s| s.amount).sum();
    if !spending.is_empty() && spent != sources.total() {
        let span = f.spending.last().map_or(f.name.span(), |l| l.amount.span());
        c.error_help(
            "E0619",
            format!(
                "项目支出明细合计 {} 万元与项目资金来源合计 {} 万元不符",
                wan(spent),
                wan(sources.total())
            ),
            &format!("{p}.spending"),
            span,
            "项目决算按支出明细合计，应与资金来源合计相等；请核对两处金额".into(),
        );
    }
    let purchases = f
        .purchases
        .iter()
        .enumerate()
        .map(|(i, x): (usize, &Purchase)| {
            let q = |n: &str| format!("{p}.purchases[{i}].{n}");
            (
                c.text(&x.item, &q("item")),
                c.text(&x.quantity, &q("quantity")),
                c.money(&x.amount, &q("amount")),
            )
        })
        .collect();
    ProjectForm {
        title_name: f
            .title_name
            .as_ref()
            .map_or(name, |t| c.text(t, &field("title_name"))),
        texts,
        sources,
        spending,
        purchases,
        long_term: indicator_rows(c, &f.long_term, &field("long_term")),
        annual: indicator_rows(c, &f.annual, &field("annual")),
    }
}

fn spending_line(
    c: &mut Checker,
    catalog: &Catalog,
    year: i32,
    line: &SpendingLine,
    p: &str,
) -> Spending {
    let f = |n: &str| format!("{p}.{n}");
    let code = line.economic.get_ref().trim();
    let economic = match catalog.economic(year, code) {
        Some(e) => e.name.clone(),
        None => {
            c.error_help(
                "E0621",
                format!("目录中没有经济分类科目“{code}”"),
                &f("economic"),
                line.economic.span(),
                "支出经济分类请写科目编码，如 \"302\"（商品和服务支出）或 \"30201\"（办公费）"
                    .into(),
            );
            String::new()
        }
    };
    Spending {
        activity: c.text(&line.activity, &f("activity")),
        description: c.text(&line.description, &f("description")),
        economic,
        amount: c.money(&line.amount, &f("amount")),
        basis: c.opt_text(&line.basis),
        note: c.opt_text(&line.note),
    }
}
