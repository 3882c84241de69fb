//! Resolve the narrative input: amounts to exact 元, texts trimmed, counts checked, and
//! last year's figures taken from the `[previous]` table (last year's file is resolved
//! with the rest of the facts: `Facts::previous`).

use crate::base::diag::Diagnostic;
use crate::base::money::{AmountUnit, Money};
use crate::declare::edition::narrative::ShareMethod;
use crate::input::narrative::{self as input, Previous, PriorFigures};
use crate::input::{Amount, Loaded};
use crate::resolve::check::Checker;
use crate::resolve::{Item, SangongLine};
use crate::vocab::VEHICLE_KEYS;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Clone, Default)]
pub struct NarrativeFacts {
    pub prior: Prior,
    pub percent: PercentOverrides,
    pub share_method: Option<ShareMethod>,
    pub reasons: Reasons,
    pub class_uses: BTreeMap<String, String>,
    /// By 项 code.
    pub item_notes: BTreeMap<String, ItemNotes>,
    pub projects: Vec<MainProject>,
    pub sangong: SangongDetails,
    pub operating_costs: Option<OperatingCosts>,
    pub procurement: Option<Procurement>,
    pub assets: Option<Assets>,
    pub performance: Option<Performance>,
    /// Budget 十（三） 政府购买服务 and 十（六） 非税收入.
    pub purchased_services: Option<AmountNote>,
    pub nontax: Option<AmountNote>,
}

/// An amount and what it is for.
#[derive(Debug, Clone)]
pub struct AmountNote {
    pub amount: Money,
    pub note: Option<String>,
}

macro_rules! prior {
    ($($name:ident: $label:literal,)*) => {
        /// Last year's figures (the vocabulary's `crate::with_prior_amounts!` and 三公);
        /// `None` = not known.
        #[derive(Debug, Clone, Default)]
        pub struct Prior {
            $(#[doc = $label] pub $name: Option<Money>,)*
            pub sangong: Option<SangongLine>,
            /// The 三公 total when given on its own (`[previous.sangong] total`).
            pub sangong_total: Option<Money>,
        }

        impl Prior {
            /// A figure by its name (`crate::vocab::PRIOR_FIGURES`): `Some(None)` when
            /// not known, `None` for a name that is no such figure.
            pub fn get(&self, name: &str) -> Option<Option<Money>> {
                Some(match name {
                    $(stringify!($name) => self.$name,)*
                    "sangong" => self.sangong_total.or_else(|| {
                        self.sangong
                            .map(|l| l.abroad + l.car_purchase + l.car_running + l.reception)
                    }),
                    _ => return None,
                })
            }

            /// Each amount of the `[previous]` table, in the file's unit.
            fn amounts_from(c: &mut Checker, t: &PriorFigures, unit: AmountUnit) -> Prior {
                let mut prior = Prior::default();
                $(prior.$name = t.$name.as_ref().map(|v| {
                    c.money_in(v, concat!("previous.", stringify!($name)), unit)
                });)*
                prior
            }
        }
    };
}

crate::with_prior_amounts!(prior);

/// The input's `[narrative.percent]`.
pub type PercentOverrides = crate::declare::edition::narrative::PrecisionPatch;

macro_rules! reasons {
    ($($field:ident: $label:literal,)*) => {
        /// The 主要原因 texts, without a closing full stop.
        #[derive(Debug, Clone, Default)]
        pub struct Reasons {
            $(#[doc = $label] pub $field: Option<String>,)*
        }

        impl Reasons {
            /// The reason for `key` (a field name), if given.
            pub fn get(&self, key: &str) -> Option<&String> {
                match key {
                    $(stringify!($field) => self.$field.as_ref(),)*
                    _ => None,
                }
            }
        }

        fn reasons(c: &mut Checker, r: &input::Reasons) -> Reasons {
            Reasons {
                $($field: clause(c, &r.$field, concat!("narrative.reasons.", stringify!($field))),)*
            }
        }
    };
}

crate::with_reasons!(reasons);

#[derive(Debug, Clone, Default)]
pub struct ItemNotes {
    pub budget_reason: Option<String>,
    pub uses: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MainProject {
    pub name: String,
    pub amount: Money,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SangongDetails {
    pub abroad_groups: Option<u32>,
    pub abroad_persons: Option<u32>,
    pub abroad_uses: Option<String>,
    pub cars_bought: Option<u32>,
    pub car_purchase_uses: Option<String>,
    pub cars_held: Option<u32>,
    pub car_running_uses: Option<String>,
    pub reception_uses: Option<String>,
    pub foreign_reception: Option<Money>,
    pub foreign_batches: Option<u32>,
    pub foreign_persons: Option<u32>,
    pub reception_batches: Option<u32>,
    pub reception_persons: Option<u32>,
}

impl SangongDetails {
    /// Whether any count is given as non-zero (a unit may hold cars paid from elsewhere).
    pub fn has_counts(&self) -> bool {
        [
            self.abroad_groups,
            self.abroad_persons,
            self.cars_bought,
            self.cars_held,
            self.foreign_batches,
            self.foreign_persons,
            self.reception_batches,
            self.reception_persons,
        ]
        .iter()
        .any(|c| c.is_some_and(|n| n > 0))
    }
}

#[derive(Debug, Clone)]
pub struct OperatingCosts {
    pub amount: Money,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Procurement {
    pub goods: Money,
    pub works: Money,
    pub services: Money,
    /// Whether `services` was typed (a budget's defaults to its projects' purchases).
    pub services_given: bool,
    /// `None`: the 中小企业 figures were not given.
    pub sme: Option<[Money; 3]>,
    pub small_micro: Option<Money>,
}

#[derive(Debug, Clone)]
pub struct Assets {
    /// Count by vehicle category key (see `edition::narrative::VEHICLE_KEYS`).
    pub vehicles: BTreeMap<&'static str, u32>,
    pub equipment: u32,
    /// Budget: 占有使用国有资产, 办公用房, 预算新增资产 and what it is.
    pub total: Option<Money>,
    pub office: Option<String>,
    pub new_assets: Option<Money>,
    pub new_assets_note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Performance {
    pub not_evaluated: Option<String>,
    pub project_count: Option<u32>,
    pub project_funds: Option<Money>,
    pub summary: Option<String>,
    pub unit_scope: Option<String>,
    pub unit_funds: Option<Money>,
    pub unit_summary: Option<String>,
    pub projects: Vec<EvaluatedProject>,
    pub application: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EvaluatedProject {
    pub name: Option<String>,
    pub budget: Money,
    pub spent: Money,
    pub spent_note: Option<String>,
    pub results: Option<String>,
}

/// Amounts, texts and errors of the narrative input, like the main resolver's.
/// A text that goes inside a sentence: its closing punctuation is dropped, since the
/// sentence supplies its own.
fn clause(c: &mut Checker, value: &Option<Spanned<String>>, field: &str) -> Option<String> {
    c.maybe_text(value, field).map(|t| {
        t.trim_end_matches(['。', '；', '，', ';', ',', '.'])
            .to_string()
    })
}

fn count(value: &Option<Spanned<u32>>) -> Option<u32> {
    value.as_ref().map(|v| *v.get_ref())
}

/// Resolves `previous` and `[narrative]` of `loaded`; `items` are its resolved items.
pub fn resolve(
    loaded: &Loaded,
    unit: AmountUnit,
    items: &[Item],
    problems: &mut Vec<Diagnostic>,
) -> NarrativeFacts {
    let input = &loaded.input;
    let n = &input.narrative;
    let c = &mut Checker::new(&loaded.source, unit);

    let prior = match &input.previous {
        None => Prior::default(),
        Some(previous) => match previous.get_ref() {
            Previous::Figures(figures) => prior_from_table(c, figures),
            // Computed from last year's facts (`Facts::previous`) with the figures.
            Previous::File(_) => Prior::default(),
        },
    };

    let p = &n.percent;
    let mut precision = |value: &Option<Spanned<u32>>, field: &str| {
        let v = value.as_ref()?;
        if *v.get_ref() > 4 {
            c.error(
                "E0254",
                format!("百分比小数位数 {} 超出范围，应为 0 到 4", v.get_ref()),
                field,
                v.span(),
            );
        }
        Some(*v.get_ref())
    };
    let percent = PercentOverrides {
        change: precision(&p.change, "narrative.percent.change"),
        share: precision(&p.share, "narrative.percent.share"),
        class_share: precision(&p.class_share, "narrative.percent.class_share"),
        completion: precision(&p.completion, "narrative.percent.completion"),
        item_completion: precision(&p.item_completion, "narrative.percent.item_completion"),
    };
    let share_method = n.share_method.as_ref().and_then(|m| {
        let parsed = ShareMethod::parse(m.get_ref().trim());
        if parsed.is_none() {
            c.error(
                "E0253",
                format!(
                    "不认识的占比取整方法“{}”，应为 \"half_up\"（各自四舍五入）或 \"largest_remainder\"（最大余数法，合计为100%）",
                    m.get_ref()
                ),
                "narrative.share_method",
                m.span(),
            );
        }
        parsed
    });

    let reasons = reasons(c, &n.reasons);

    let general_classes: Vec<&str> = items
        .iter()
        .filter(|i| !(i.amounts.general_basic + i.amounts.general_project).is_zero())
        .map(|i| &i.code[..3])
        .collect();
    let mut class_uses = BTreeMap::new();
    for (code, text) in &n.class_uses {
        let field = format!("narrative.class_uses.\"{code}\"");
        let text = clause(c, &Some(text.clone()), &field).unwrap_or_default();
        if !general_classes.contains(&code.as_str()) {
            c.error(
                "E0255",
                format!("“{code}”不是本单位有一般公共预算财政拨款支出的类（3 位科目编码），无法说明其用途"),
                &field,
                n.class_uses[code].span(),
            );
        }
        class_uses.insert(code.clone(), text);
    }

    let mut item_notes = BTreeMap::new();
    for (i, item) in input.items.iter().enumerate() {
        let notes = ItemNotes {
            budget_reason: clause(c, &item.budget_reason, &format!("items[{i}].budget_reason")),
            uses: clause(c, &item.uses, &format!("items[{i}].uses")),
        };
        item_notes.insert(item.code.get_ref().trim().to_string(), notes);
    }

    let projects: Vec<MainProject> = n
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| MainProject {
            name: c.text(&p.name, &format!("narrative.projects[{i}].name")),
            amount: c.money(&p.amount, &format!("narrative.projects[{i}].amount")),
            outcome: clause(c, &p.outcome, &format!("narrative.projects[{i}].outcome")),
        })
        .collect();
    let project_spending: Money = items.iter().map(|i| i.amounts.general_project).sum();
    let listed: Money = projects.iter().map(|p| p.amount).sum();
    if listed > project_spending {
        if let Some(first) = n.projects.first() {
            c.error(
                "E0256",
                format!(
                    "所列主要项目金额合计 {listed} 万元，超过一般公共预算财政拨款项目支出 {project_spending} 万元"
                ),
                "narrative.projects",
                first.amount.span(),
            );
        }
    }

    let sangong = sangong_details(c, &n.sangong, input.sangong.actual.reception.as_ref());
    let operating_costs = n.operating_costs.as_ref().map(|o| OperatingCosts {
        amount: c.money(&o.amount, "narrative.operating_costs.amount"),
        note: clause(c, &o.note, "narrative.operating_costs.note"),
    });
    let procurement = n.procurement.as_ref().map(|p| procurement(c, p));
    let assets = n.assets.as_ref().map(|a| {
        let v = &a.vehicles;
        let counts = [
            &v.general,
            &v.leaders,
            &v.heads,
            &v.confidential,
            &v.emergency,
            &v.enforcement,
            &v.special,
            &v.retirees,
            &v.other,
        ];
        Assets {
            vehicles: VEHICLE_KEYS
                .iter()
                .zip(counts)
                .map(|(k, n)| (*k, count(n).unwrap_or(0)))
                .collect(),
            equipment: count(&a.equipment).unwrap_or(0),
            total: c.maybe_money(&a.total, "narrative.assets.total"),
            office: clause(c, &a.office, "narrative.assets.office"),
            new_assets: c.maybe_money(&a.new_assets, "narrative.assets.new_assets"),
            new_assets_note: clause(c, &a.new_assets_note, "narrative.assets.new_assets_note"),
        }
    });
    let performance = n.performance.as_ref().map(|p| performance(c, p));
    let mut amount_note = |x: &Option<input::AmountNote>, name: &str| {
        x.as_ref().map(|x| AmountNote {
            amount: c.money(&x.amount, &format!("narrative.{name}.amount")),
            note: clause(c, &x.note, &format!("narrative.{name}.note")),
        })
    };
    let purchased_services = amount_note(&n.purchased_services, "purchased_services");
    let nontax = amount_note(&n.nontax, "nontax");
    problems.append(&mut c.problems);

    NarrativeFacts {
        prior,
        percent,
        share_method,
        reasons,
        class_uses,
        item_notes,
        projects,
        sangong,
        operating_costs,
        procurement,
        assets,
        performance,
        purchased_services,
        nontax,
    }
}

fn prior_from_table(c: &mut Checker, t: &PriorFigures) -> Prior {
    let unit = match &t.amount_unit {
        None => c.unit,
        Some(u) => AmountUnit::parse(u.get_ref()).unwrap_or_else(|| {
            c.error(
                "E0252",
                format!("不认识的金额单位“{}”，应为“元”或“万元”", u.get_ref().trim()),
                "previous.amount_unit",
                u.span(),
            );
            c.unit
        }),
    };
    let mut m = |value: &Option<Spanned<Amount>>, field: &str| {
        value
            .as_ref()
            .map(|v| c.money_in(v, &format!("previous.{field}"), unit))
    };
    // The lines (a missing one is 0), unless the table gives only the total.
    let sangong = t
        .sangong
        .as_ref()
        .filter(|s| {
            s.total.is_none()
                || [&s.abroad, &s.car_purchase, &s.car_running, &s.reception]
                    .iter()
                    .any(|v| v.is_some())
        })
        .map(|s| SangongLine {
            abroad: m(&s.abroad, "sangong.abroad").unwrap_or_default(),
            car_purchase: m(&s.car_purchase, "sangong.car_purchase").unwrap_or_default(),
            car_running: m(&s.car_running, "sangong.car_running").unwrap_or_default(),
            reception: m(&s.reception, "sangong.reception").unwrap_or_default(),
        });
    let sangong_total = t
        .sangong
        .as_ref()
        .and_then(|s| m(&s.total, "sangong.total"))
        .or_else(|| sangong.map(|l| l.abroad + l.car_purchase + l.car_running + l.reception));
    Prior {
        sangong,
        sangong_total,
        ..Prior::amounts_from(c, t, unit)
    }
}

fn sangong_details(
    c: &mut Checker,
    s: &input::SangongDetails,
    reception: Option<&Spanned<Amount>>,
) -> SangongDetails {
    let foreign = c.maybe_money(&s.foreign_reception, "narrative.sangong.foreign_reception");
    let reception_total = reception.map_or(Money::ZERO, |r| Money::in_unit(r.get_ref().0, c.unit));
    if let (Some(f), Some(span)) = (foreign, s.foreign_reception.as_ref().map(|f| f.span())) {
        if f > reception_total {
            c.error(
                "E0258",
                format!("外宾接待支出 {f} 万元超过公务接待费决算 {reception_total} 万元"),
                "narrative.sangong.foreign_reception",
                span,
            );
        }
    }
    SangongDetails {
        abroad_groups: count(&s.abroad_groups),
        abroad_persons: count(&s.abroad_persons),
        abroad_uses: clause(c, &s.abroad_uses, "narrative.sangong.abroad_uses"),
        cars_bought: count(&s.cars_bought),
        car_purchase_uses: clause(
            c,
            &s.car_purchase_uses,
            "narrative.sangong.car_purchase_uses",
        ),
        cars_held: count(&s.cars_held),
        car_running_uses: clause(c, &s.car_running_uses, "narrative.sangong.car_running_uses"),
        reception_uses: clause(c, &s.reception_uses, "narrative.sangong.reception_uses"),
        foreign_reception: foreign,
        foreign_batches: count(&s.foreign_batches),
        foreign_persons: count(&s.foreign_persons),
        reception_batches: count(&s.reception_batches),
        reception_persons: count(&s.reception_persons),
    }
}

fn procurement(c: &mut Checker, p: &input::Procurement) -> Procurement {
    let mut m = |v: &Option<Spanned<Amount>>, f: &str| {
        c.maybe_money(v, &format!("narrative.procurement.{f}"))
    };
    let goods = m(&p.goods, "goods").unwrap_or_default();
    let works = m(&p.works, "works").unwrap_or_default();
    let services_given = p.services.is_some();
    let services = m(&p.services, "services").unwrap_or_default();
    let sme_given = [&p.sme_goods, &p.sme_works, &p.sme_services];
    let sme_values = [
        m(&p.sme_goods, "sme_goods"),
        m(&p.sme_works, "sme_works"),
        m(&p.sme_services, "sme_services"),
    ];
    let small_micro = m(&p.small_micro, "small_micro");
    let kinds = [
        ("goods", "货物", goods),
        ("works", "工程", works),
        ("services", "服务", services),
    ];
    for ((given, value), (key, name, total)) in sme_given.iter().zip(sme_values).zip(kinds) {
        if let (Some(v), Some(spanned)) = (value, given) {
            if v > total {
                c.error(
                    "E0257",
                    format!(
                        "授予中小企业的{name}采购合同金额 {v} 万元超过{name}采购支出 {total} 万元"
                    ),
                    format!("narrative.procurement.sme_{key}"),
                    spanned.span(),
                );
            }
        }
    }
    let sme = sme_values
        .iter()
        .any(Option::is_some)
        .then(|| sme_values.map(Option::unwrap_or_default));
    let sme_total: Money = sme.iter().flatten().copied().sum();
    if let (Some(v), Some(spanned)) = (small_micro, &p.small_micro) {
        if v > sme_total {
            c.error(
                "E0257",
                format!("授予小微企业合同金额 {v} 万元超过授予中小企业合同金额 {sme_total} 万元"),
                "narrative.procurement.small_micro",
                spanned.span(),
            );
        }
    }
    Procurement {
        goods,
        works,
        services,
        services_given,
        sme,
        small_micro,
    }
}

fn performance(c: &mut Checker, p: &input::Performance) -> Performance {
    let f = |name: &str| format!("narrative.performance.{name}");
    let projects: Vec<EvaluatedProject> = p
        .projects
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let g = |name: &str| format!("narrative.performance.projects[{i}].{name}");
            EvaluatedProject {
                name: c.maybe_text(&q.name, &g("name")),
                budget: c.money(&q.budget, &g("budget")),
                spent: c.money(&q.spent, &g("spent")),
                spent_note: c.maybe_text(&q.spent_note, &g("spent_note")),
                results: clause(c, &q.results, &g("results")),
            }
        })
        .collect();
    if let Some(n) = &p.project_count {
        if (*n.get_ref() as usize) < projects.len() {
            c.error(
                "E0259",
                format!(
                    "自评项目数 {} 个少于所列项目自评综述 {} 个",
                    n.get_ref(),
                    projects.len()
                ),
                f("project_count"),
                n.span(),
            );
        }
    }
    Performance {
        not_evaluated: c.maybe_text(&p.not_evaluated, &f("not_evaluated")),
        project_count: count(&p.project_count),
        project_funds: c.maybe_money(&p.project_funds, &f("project_funds")),
        summary: c.maybe_text(&p.summary, &f("summary")),
        unit_scope: clause(c, &p.unit_scope, &f("unit_scope")),
        unit_funds: c.maybe_money(&p.unit_funds, &f("unit_funds")),
        unit_summary: clause(c, &p.unit_summary, &f("unit_summary")),
        projects,
        application: c.maybe_text(&p.application, &f("application")),
    }
}
