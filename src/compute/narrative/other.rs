//! 十 机关运行经费, 十一 政府采购, 十二 国有资产占用, 十三 预算绩效: facts the tables
//! do not hold, given in `[narrative]`, with their shares computed here.

use super::write::{Ctx, Writer};
use crate::compute::resolve::paragraphs;
use crate::money::Money;

/// 机关运行经费支出.
pub fn operating_costs(c: &Ctx, w: &mut Writer) {
    let Some(o) = &c.n.operating_costs else {
        w.empty();
        return;
    };
    let prior = c.n.prior.operating_costs;
    let prior_zero = prior.is_none_or(|m| c.p(m).is_zero());
    if c.p(o.amount).is_zero() && o.note.is_none() && prior_zero {
        w.empty();
        return;
    }
    let note = o
        .note
        .as_ref()
        .map(|n| format!("，{n}"))
        .unwrap_or_default();
    let mut s = format!(
        "{}{}机关运行经费支出{}万元{note}。",
        c.this_year(),
        c.facts.unit.name,
        c.wan(o.amount)
    );
    if prior.is_some() {
        let change = c.change(o.amount, prior);
        s.push_str(&format!(
            "{}{}。",
            change.compared("机关运行经费", &c.last_year(), c.sep()),
            c.because(
                &change,
                "operating_costs",
                &change.compared("机关运行经费", &c.last_year(), c.sep())
            )
        ));
    }
    w.par(s);
}

/// 政府采购支出, with the shares awarded to 中小企业 and 小微企业.
pub fn procurement(c: &Ctx, w: &mut Writer) {
    let Some(p) = &c.n.procurement else {
        w.empty();
        return;
    };
    let total = p.goods + p.works + p.services;
    if c.p(total).is_zero() {
        w.empty();
        return;
    }
    let share = |part: Money, whole: Money| {
        c.pct(part, whole, c.precision.share)
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    let mut s = format!(
        "{}{}政府采购支出总额{}万元，其中：政府采购货物支出{}万元、政府采购工程支出{}万元、政府采购服务支出{}万元。",
        c.this_year(),
        c.facts.unit.name,
        c.wan(total),
        c.wan(p.goods),
        c.wan(p.works),
        c.wan(p.services)
    );
    if let Some(sme) = p.sme {
        let sme_total: Money = sme.iter().copied().sum();
        s.push_str(&format!(
            "授予中小企业合同金额{}万元，占政府采购支出总额的{}",
            c.wan(sme_total),
            share(sme_total, total)
        ));
        let mut details = Vec::new();
        if let Some(small) = p.small_micro {
            if !c.p(sme_total).is_zero() {
                details.push(format!(
                    "授予小微企业合同金额{}万元，占授予中小企业合同金额的{}",
                    c.wan(small),
                    share(small, sme_total)
                ));
            }
        }
        for ((name, spent), awarded) in [("货物", p.goods), ("工程", p.works), ("服务", p.services)]
            .into_iter()
            .zip(sme)
        {
            if !c.p(spent).is_zero() {
                details.push(format!(
                    "{name}采购授予中小企业合同金额占{name}支出金额的{}",
                    share(awarded, spent)
                ));
            }
        }
        if details.is_empty() {
            s.push('。');
        } else {
            s.push_str(&format!("，其中：{}。", details.join("；")));
        }
    }
    w.par(s);
}

/// 国有资产占用: vehicles by category and equipment over 100万元.
pub fn assets(c: &Ctx, w: &mut Writer) {
    let Some(a) = &c.n.assets else {
        w.empty();
        return;
    };
    // u64: no count the user can write overflows the sum.
    let vehicles: u64 = a.vehicles.values().map(|&n| u64::from(n)).sum();
    let mut s = format!(
        "截至{}年12月31日，{}共有车辆{vehicles}辆",
        c.year(),
        c.facts.unit.name
    );
    if vehicles > 0 {
        let by_kind: Vec<String> = c
            .layout
            .vehicle_categories
            .iter()
            .map(|k| {
                let n = a.vehicles.get(k.key.as_str()).copied().unwrap_or(0);
                format!("{}{n}辆", k.label)
            })
            .collect();
        s.push_str(&format!("，其中：{}", by_kind.join("、")));
    }
    s.push_str(&format!(
        "；单价100万元（含）以上设备（不含车辆）{}台（套）。",
        a.equipment
    ));
    w.par(s);
}

/// 预算绩效情况说明.
pub fn performance(c: &Ctx, w: &mut Writer) {
    let Some(p) = &c.n.performance else {
        w.empty();
        return;
    };
    let we = &c.layout.we;
    if let Some(text) = &p.not_evaluated {
        for _ in 0..w.spec().parts.len().max(1) {
            w.part();
            for para in paragraphs(text) {
                w.par(para);
            }
        }
        return;
    }

    w.part();
    let count = p.project_count.unwrap_or(p.projects.len() as u32);
    let funds = p
        .project_funds
        .unwrap_or_else(|| p.projects.iter().map(|q| q.spent).sum());
    let share = c
        .pct(funds, c.totals.general_project, c.precision.share)
        .map(|s| format!("，占一般公共预算项目支出总额的{s}"))
        .unwrap_or_default();
    w.par(format!(
        "根据预算绩效管理要求，{we}组织对{}一般公共预算项目支出开展绩效自评，共涉及项目{count}个，资金{}万元{share}。{}",
        c.this_year(),
        c.wan(funds),
        p.summary.clone().unwrap_or_default()
    ));

    w.part();
    match (&p.unit_scope, p.unit_funds) {
        (None, None) => w.par(format!("{we}未开展部门（单位）整体支出绩效自评。")),
        (scope, funds) => {
            let scope = scope.clone().unwrap_or_else(|| "部门（单位）".to_string());
            let funds = funds
                .map(|f| format!("，资金{}万元", c.wan(f)))
                .unwrap_or_default();
            let summary = p
                .unit_summary
                .as_ref()
                .map(|s| format!("，{s}"))
                .unwrap_or_default();
            w.par(format!(
                "{we}组织对{scope}开展整体支出绩效自评{funds}{summary}。"
            ));
        }
    }

    w.part();
    w.par(format!(
        "{we}在{}部门决算中反映的项目绩效自评结果共涉及{count}个项目。",
        c.this_year()
    ));
    let numbered = p.projects.len() > 1;
    for (i, q) in p.projects.iter().enumerate() {
        let number = if numbered {
            format!("{}.", i + 1)
        } else {
            String::new()
        };
        let name = q.name.clone().unwrap_or_else(|| "项目".to_string());
        let note = q
            .spent_note
            .as_ref()
            .map(|n| format!("（{n}）"))
            .unwrap_or_default();
        let completion = c
            .pct(q.spent, q.budget, c.precision.completion)
            .map(|s| format!("，完成预算的{s}"))
            .unwrap_or_default();
        let results = q
            .results
            .as_ref()
            .map(|r| format!("主要产出和效益是：{r}。"))
            .unwrap_or_default();
        w.par(format!(
            "{number}{name}绩效自评综述：项目全年预算数为{}万元，执行数为{}万元{note}{completion}。{results}",
            c.wan(q.budget),
            c.wan(q.spent)
        ));
    }

    if let Some(text) = &p.application {
        w.part();
        for para in paragraphs(text) {
            w.par(para);
        }
    }
}
