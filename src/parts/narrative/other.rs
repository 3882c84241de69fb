//! `operating_costs` (机关运行经费), `procurement` (政府采购), `assets` (国有资产占用)
//! and `performance` (预算绩效): facts the tables do not hold, given in `[narrative]`,
//! with their shares and rates computed here.

use super::ctx::Ctx;
use super::Built;
use crate::base::money::Money;
use crate::base::text::paragraphs;
use crate::declare::edition::narrative::SectionSpec;
use crate::figures::change::ChangeFact;
use serde::Serialize;

#[derive(Serialize)]
struct OperatingCostsFacts {
    /// Not given, or nothing to say: the edition's `empty`.
    empty: bool,
    amount: Money,
    /// The user's note (`本单位为非参公管理的事业单位`).
    note: Option<String>,
    /// Against last year's (`prior`, reason `reason`); null when last year's is not
    /// given.
    change: Option<ChangeFact>,
}

pub fn operating_costs(c: &Ctx, spec: &SectionSpec) -> Built {
    let Some(o) = &c.n.operating_costs else {
        return Built {
            given: false,
            ..Built::of(OperatingCostsFacts {
                empty: true,
                amount: Money::ZERO,
                note: None,
                change: None,
            })
        };
    };
    let prior = c.prior(spec.prior());
    let prior_zero = prior.is_none_or(|m| c.p(m).is_zero());
    Built::of(OperatingCostsFacts {
        empty: c.p(o.amount).is_zero() && o.note.is_none() && prior_zero,
        amount: o.amount,
        note: o.note.clone(),
        change: prior.map(|_| c.change(o.amount, prior, spec.reason())),
    })
}

#[derive(Serialize, Default)]
struct ProcurementFacts {
    /// Not given, or a total that prints as zero: the edition's `empty`.
    empty: bool,
    total: Money,
    goods: Money,
    works: Money,
    services: Money,
    /// What went to 中小企业; null when those figures are not given.
    sme: Option<Sme>,
}

#[derive(Serialize)]
struct Sme {
    total: Money,
    /// Of the procurement total (`share` precision).
    share: Option<String>,
    /// 小微企业: given, and 中小企业's total prints as not zero.
    small_micro: Option<Part>,
    /// Per kind (`goods`, `works`, `services`) with spending: the share of that
    /// kind's spending awarded to 中小企业.
    kinds: Vec<Kind>,
}

#[derive(Serialize)]
struct Part {
    amount: Money,
    share: Option<String>,
}

#[derive(Serialize)]
struct Kind {
    key: &'static str,
    share: Option<String>,
}

pub fn procurement(c: &Ctx, _: &SectionSpec) -> Built {
    let Some(p) = &c.n.procurement else {
        return Built {
            given: false,
            ..Built::of(ProcurementFacts {
                empty: true,
                ..Default::default()
            })
        };
    };
    // A budget's 服务类 is, unless typed, what its projects buy as services.
    let services = if p.services_given {
        p.services
    } else {
        c.facts
            .budget
            .projects
            .iter()
            .flat_map(|x| &x.purchases)
            .filter(|x| x.kind == crate::resolve::budget::PurchaseKind::Services)
            .map(|x| x.amount)
            .sum::<Money>()
            + p.services
    };
    let total = p.goods + p.works + services;
    let share = |part: Money, whole: Money| c.pct(part, whole, c.precision.share);
    let sme = p.sme.map(|sme| {
        let sme_total: Money = sme.iter().copied().sum();
        let small_micro = p
            .small_micro
            .filter(|_| !c.p(sme_total).is_zero())
            .map(|amount| Part {
                amount,
                share: share(amount, sme_total),
            });
        let kinds = [
            ("goods", p.goods),
            ("works", p.works),
            ("services", services),
        ]
        .into_iter()
        .zip(sme)
        .filter(|((_, spent), _)| !c.p(*spent).is_zero())
        .map(|((key, spent), awarded)| Kind {
            key,
            share: share(awarded, spent),
        })
        .collect();
        Sme {
            total: sme_total,
            share: share(sme_total, total),
            small_micro,
            kinds,
        }
    });
    Built::of(ProcurementFacts {
        empty: c.p(total).is_zero(),
        total,
        goods: p.goods,
        works: p.works,
        services,
        sme,
    })
}

#[derive(Serialize)]
struct AssetsFacts {
    /// Not given: the edition's `empty`.
    empty: bool,
    /// All vehicles, and each of the edition's categories with its count.
    vehicles: u64,
    categories: Vec<Category>,
    /// Equipment above the edition's threshold.
    equipment: u32,
    /// Budget: 占有使用国有资产, 办公用房, 预算新增资产 and what it is (null when not
    /// given).
    total: Option<Money>,
    office: Option<String>,
    new_assets: Option<Money>,
    new_assets_note: Option<String>,
}

#[derive(Serialize)]
struct Category {
    label: String,
    count: u32,
}

pub fn assets(c: &Ctx, _: &SectionSpec) -> Built {
    let Some(a) = &c.n.assets else {
        return Built {
            given: false,
            ..Built::of(AssetsFacts {
                empty: true,
                vehicles: 0,
                categories: Vec::new(),
                equipment: 0,
                total: None,
                office: None,
                new_assets: None,
                new_assets_note: None,
            })
        };
    };
    Built::of(AssetsFacts {
        empty: false,
        // u64: no count the user can write overflows the sum.
        vehicles: a.vehicles.values().map(|&n| u64::from(n)).sum(),
        categories: c
            .layout
            .vehicle_categories
            .iter()
            .map(|k| Category {
                label: k.label.clone(),
                count: a.vehicles.get(k.key.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        equipment: a.equipment,
        total: a.total,
        office: a.office.clone(),
        new_assets: a.new_assets,
        new_assets_note: a.new_assets_note.clone(),
    })
}

#[derive(Serialize, Default)]
struct PerformanceFacts {
    /// Not given: the edition's `empty`.
    empty: bool,
    /// Why no self-evaluation took place, in paragraphs; null when one did.
    not_evaluated: Option<Vec<String>>,
    /// Projects evaluated and their money (given, or of the listed projects), and that
    /// money's share of 一般公共预算 项目支出 (`share` precision).
    count: u32,
    funds: Money,
    share: Option<String>,
    summary: Option<String>,
    /// The evaluation of the unit as a whole.
    whole: Whole,
    /// Each project's form: budget, spent, completion (`completion` precision).
    projects: Vec<Project>,
    /// How the results were used, in paragraphs.
    application: Option<Vec<String>>,
}

#[derive(Serialize, Default)]
struct Whole {
    /// A scope or funds was given.
    evaluated: bool,
    scope: Option<String>,
    funds: Option<Money>,
    summary: Option<String>,
}

#[derive(Serialize)]
struct Project {
    name: Option<String>,
    budget: Money,
    spent: Money,
    spent_note: Option<String>,
    completion: Option<String>,
    results: Option<String>,
}

pub fn performance(c: &Ctx, _: &SectionSpec) -> Built {
    let Some(p) = &c.n.performance else {
        return Built {
            given: false,
            ..Built::of(PerformanceFacts {
                empty: true,
                ..Default::default()
            })
        };
    };
    let funds = p
        .project_funds
        .unwrap_or_else(|| p.projects.iter().map(|q| q.spent).sum());
    Built::of(PerformanceFacts {
        empty: false,
        not_evaluated: p.not_evaluated.as_deref().map(paragraphs),
        count: p.project_count.unwrap_or(p.projects.len() as u32),
        funds,
        share: c.pct(funds, c.totals.general_project, c.precision.share),
        summary: p.summary.clone(),
        whole: Whole {
            evaluated: p.unit_scope.is_some() || p.unit_funds.is_some(),
            scope: p.unit_scope.clone(),
            funds: p.unit_funds,
            summary: p.unit_summary.clone(),
        },
        projects: p
            .projects
            .iter()
            .map(|q| Project {
                name: q.name.clone(),
                budget: q.budget,
                spent: q.spent,
                spent_note: q.spent_note.clone(),
                completion: c.pct(q.spent, q.budget, c.precision.completion),
                results: q.results.clone(),
            })
            .collect(),
        application: p.application.as_deref().map(paragraphs),
    })
}
