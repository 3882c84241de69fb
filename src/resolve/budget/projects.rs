//! A budget project: its 项 and unit, its money by source (which feeds the 项目支出 of
//! its 项), the 测算 lines, purchases, history and goals of its 表12 form.

use super::UnitFact;
use crate::base::money::Money;
use crate::input::budget::Project;
use crate::input::Input;
use crate::resolve::check::Checker;
use crate::resolve::evaluation::targets::{goal_tables, IndicatorView};
use rust_decimal::Decimal;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct ProjectFact {
    /// Position in `[[projects]]` (for diagnostics).
    pub index: usize,
    pub name: String,
    pub code: String,
    pub unit: Option<String>,
    pub priority: bool,
    pub department: String,
    pub executor: String,
    pub manager: String,
    pub phone: String,
    pub address: String,
    pub level1_project: String,
    pub kind: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub overview: Vec<String>,
    pub basis: Vec<String>,
    pub plan: Vec<String>,
    pub total_budget: Option<Money>,
    /// 项目前两年预算情况: (year, 预算数, 执行数).
    pub history: Vec<(i32, Money, Money)>,
    pub sources: Sources,
    pub estimates: Vec<Estimate>,
    pub purchases: Vec<Purchase>,
    pub long_term: Vec<(String, Vec<IndicatorView>)>,
    pub annual: Vec<(String, Vec<IndicatorView>)>,
}

macro_rules! sources {
    ($($name:ident: $label:literal,)*) => {
        /// 项目资金来源 (the vocabulary's `crate::with_project_sources!`); `*_opening` is
        /// money carried over from last year.
        #[derive(Debug, Clone, Copy, Default)]
        pub struct Sources {
            $(#[doc = $label] pub $name: Money,)*
        }

        impl Sources {
            /// Each source as written, in exact 元.
            fn resolve(c: &mut Checker, s: &crate::input::budget::Sources, prefix: &str) -> Sources {
                Sources {
                    $($name: c.opt_money(&s.$name, &format!("{prefix}.{}", stringify!($name))),)*
                }
            }
        }
    };
}

crate::with_project_sources!(sources);

impl Sources {
    /// 一般公共预算财政拨款 (this year's and carried over).
    pub fn general_total(&self) -> Money {
        self.general + self.general_opening
    }
    pub fn fund_total(&self) -> Money {
        self.fund + self.fund_opening
    }
    pub fn capital_total(&self) -> Money {
        self.capital + self.capital_opening
    }
    /// 单位资金
    pub fn unit_funds(&self) -> Money {
        self.business + self.operating + self.superior + self.affiliated + self.other
    }
    /// Money that is not 财政拨款: 财政专户管理资金 and 单位资金.
    pub fn nonfiscal(&self) -> Money {
        self.special_account + self.unit_funds()
    }
    /// 其中：使用上年度财政拨款结转
    pub fn opening(&self) -> Money {
        self.general_opening + self.fund_opening + self.capital_opening
    }
    /// 合计 = 项目当年预算
    pub fn total(&self) -> Money {
        self.general_total() + self.fund_total() + self.capital_total() + self.nonfiscal()
    }

    /// The figure of that name, one of the vocabulary's `PROJECT_FIGURES`.
    pub fn figure(&self, name: &str) -> Option<Money> {
        Some(match name {
            "total" => self.total(),
            "general" => self.general_total(),
            "fund" => self.fund_total(),
            "capital" => self.capital_total(),
            "special_account" => self.special_account,
            "unit_funds" => self.unit_funds(),
            "opening" => self.opening(),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Estimate {
    pub task: String,
    pub standard: String,
    pub price: Money,
    pub quantity: Decimal,
    /// 测算数 = 单价 × 计量数.
    pub amount: Money,
    pub basis: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurchaseKind {
    Goods,
    Works,
    Services,
}

#[derive(Debug, Clone)]
pub struct Purchase {
    pub item: String,
    pub quantity: String,
    pub amount: Money,
    pub kind: PurchaseKind,
}

impl ProjectFact {
    /// Σ 测算数.
    pub fn estimated(&self) -> Money {
        self.estimates.iter().map(|e| e.amount).sum()
    }

    pub fn purchased(&self) -> Money {
        self.purchases.iter().map(|p| p.amount).sum()
    }
}

fn lines(text: &str) -> Vec<String> {
    crate::base::text::cell_lines(text)
}

pub fn resolve(
    c: &mut Checker,
    p: &Project,
    index: usize,
    units: &[UnitFact],
    input: &Input,
    catalog_has: &dyn Fn(&str) -> bool,
) -> ProjectFact {
    let prefix = format!("projects[{index}]");
    let f = |n: &str| format!("{prefix}.{n}");
    let name = c.text(&p.name, &f("name"));
    let code = p.code.get_ref().trim().to_string();
    if code.len() != 7 || !code.chars().all(|ch| ch.is_ascii_digit()) {
        c.error(
            "E0210",
            format!("功能分类科目编码“{code}”应为 7 位数字（项级，如 2010504）"),
            f("code"),
            p.code.span(),
        );
    } else if !input.items.iter().any(|i| i.code.get_ref().trim() == code) {
        c.error_help(
            "E0285",
            format!("项目“{name}”所在的科目 {code} 不在 [[items]] 中"),
            &f("code"),
            p.code.span(),
            if catalog_has(&code) {
                format!("请在 [[items]] 中加上 code = \"{code}\"（项目支出按项目合计，不用另填）")
            } else {
                "请核对编码：目录中也没有这个科目".into()
            },
        );
    }
    let unit = super::unit_of(c, units, &p.unit, &f("unit"), p.name.span());
    let text = |c: &mut Checker, v: &Option<toml::Spanned<String>>, n: &str| {
        v.as_ref().map(|v| c.text(v, &f(n))).unwrap_or_default()
    };
    let department = text(c, &p.department, "department");
    let executor = text(c, &p.executor, "executor");
    let manager = text(c, &p.manager, "manager");
    let phone = text(c, &p.phone, "phone");
    let address = text(c, &p.address, "address");
    let level1_project = text(c, &p.level1_project, "level1_project");
    let kind = text(c, &p.kind, "kind");
    let overview = lines(&text(c, &p.overview, "overview"));
    let basis = lines(&text(c, &p.basis, "basis"));
    let plan = lines(&text(c, &p.plan, "plan"));
    let start_year = p.start_year.as_ref().map(|y| *y.get_ref());
    let end_year = p.end_year.as_ref().map(|y| *y.get_ref());
    if let (Some(s), Some(e), Some(span)) = (start_year, end_year, p.end_year.as_ref()) {
        if e < s {
            c.error(
                "E0622",
                format!("终止年度 {e} 早于起始年度 {s}"),
                f("end_year"),
                span.span(),
            );
        }
    }
    let s = &p.sources;
    let sources = Sources::resolve(c, s, &format!("{prefix}.sources"));
    let year = *input.unit.year.get_ref();
    let mut history: Vec<(i32, Money, Money)> = Vec::new();
    for (i, h) in p.history.iter().enumerate() {
        let hf = |n: &str| format!("{prefix}.history[{i}].{n}");
        let y = *h.year.get_ref();
        if y != year - 1 && y != year - 2 || history.iter().any(|(x, _, _)| *x == y) {
            c.error(
                "E0284",
                format!(
                    "项目前两年预算情况只列 {} 年和 {} 年，每年一次；{y} 年不能列入",
                    year - 2,
                    year - 1
                ),
                hf("year"),
                h.year.span(),
            );
        }
        history.push((
            y,
            c.money(&h.budget, &hf("budget")),
            c.money(&h.executed, &hf("executed")),
        ));
    }
    let estimates = p
        .estimates
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let ef = |n: &str| format!("{prefix}.estimates[{i}].{n}");
            let price = c.money(&e.price, &ef("price"));
            let quantity = e.quantity.get_ref().0;
            if quantity.is_sign_negative() && !quantity.is_zero() {
                c.error(
                    "E0201",
                    format!("计量数不能为负数：{quantity}"),
                    ef("quantity"),
                    e.quantity.span(),
                );
            }
            let amount = price.yuan().checked_mul(quantity).map_or_else(
                || {
                    c.error(
                        "E0104",
                        format!(
                            "单价 × 计量数超出可计算的范围：{} × {quantity}",
                            price.yuan()
                        ),
                        ef("quantity"),
                        e.quantity.span(),
                    );
                    Money::ZERO
                },
                Money::from_yuan,
            );
            Estimate {
                task: c.text(&e.task, &ef("task")),
                standard: c.opt_text(&e.standard),
                price,
                quantity,
                amount,
                basis: c.opt_text(&e.basis),
            }
        })
        .collect();
    let purchases = p
        .purchases
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let pf = |n: &str| format!("{prefix}.purchases[{i}].{n}");
            let kind = match x.kind.get_ref().trim() {
                "goods" => PurchaseKind::Goods,
                "works" => PurchaseKind::Works,
                "services" => PurchaseKind::Services,
                other => {
                    c.error_help(
                        "E0104",
                        format!("不认识的采购类别“{other}”"),
                        &pf("kind"),
                        x.kind.span(),
                        "可用：goods（货物类）、works（工程类）、services（服务类）".into(),
                    );
                    PurchaseKind::Services
                }
            };
            Purchase {
                item: c.text(&x.item, &pf("item")),
                quantity: c.text(&x.quantity, &pf("quantity")),
                amount: c.money(&x.amount, &pf("amount")),
                kind,
            }
        })
        .collect();
    let long_term = goal_tables(c, &p.long_term, &f("long_term"));
    let annual = goal_tables(c, &p.annual, &f("annual"));
    ProjectFact {
        index,
        name,
        code,
        unit,
        priority: p.priority,
        department,
        executor,
        manager,
        phone,
        address,
        level1_project,
        kind,
        start_year,
        end_year,
        overview,
        basis,
        plan,
        total_budget: p
            .total_budget
            .as_ref()
            .map(|v| c.money(v, &f("total_budget"))),
        history,
        sources,
        estimates,
        purchases,
        long_term,
        annual,
    }
}

/// Where a project is written (for diagnostics that name it).
pub fn span_of(input: &Input, index: usize) -> Option<Range<usize>> {
    input.projects.get(index).map(|p| p.name.span())
}

#[cfg(test)]
mod tests {
    use super::Sources;

    #[test]
    fn every_listed_figure_is_computed() {
        let s = Sources::default();
        for name in crate::vocab::PROJECT_FIGURES {
            assert!(s.figure(name).is_some(), "{name}");
        }
        assert!(s.figure("general_basic").is_none());
    }
}
