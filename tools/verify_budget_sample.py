#!/usr/bin/env python3
"""Check the budget sample (data/qiaokou-bigdata/2024-budget.toml) against reference 004.

An independent oracle for the budget kind, written before gongkai implements it:

1. Recomputes every table of the budget booklet from the sample's leaf facts (exact
   元 in Decimal, half-up at the printed precision, totals from exact sums) and
   compares each figure with tests/expected/qiaokou-bigdata-2024-budget.toml, which
   was transcribed by hand from the reference. Every expected figure must be
   reproduced and no other cell of an expected line may print.
2. Checks the identities of BUDGET.md §1.3 on the data: exactly in 元, and on the
   printed figures, where a difference of at most 0.01 万元 per addend is a rounding
   tail (listed, as gongkai warns W101) and anything more is an error.
3. Regenerates every sentence of tests/expected/qiaokou-bigdata-2024-budget-part3.toml
   from the input and the catalog, so every figure in the text is computed from the
   same data as the tables, and checks that 004's mistakes listed as `absent` do
   not occur.

Run from anywhere: `python3 tools/verify_budget_sample.py`. Exit status 0 when
everything agrees, 1 otherwise. Python ≥ 3.11 (tomllib), no other dependency.
"""

from __future__ import annotations

import sys
import tomllib
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data/qiaokou-bigdata/2024-budget.toml"
EXPECTED = ROOT / "tests/expected/qiaokou-bigdata-2024-budget.toml"
PART3 = ROOT / "tests/expected/qiaokou-bigdata-2024-budget-part3.toml"
FUNCTIONS = ROOT / "data/catalog/functions.toml"
ECONOMIC = ROOT / "data/catalog/economic.toml"

D = Decimal
ZERO = D(0)
WAN = D(10000)

# Edition facts of the budget edition (docs/budget-edition-notes.md).
CLASSES = ["201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
           "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231",
           "232", "233"]
MISSING_CLASS_NAMES = {"233": "债务发行费用支出"}  # not yet in data/catalog/functions.toml
INCOME_ROWS = [  # 表1 left side and 表2 columns, in order
    ("一般公共预算拨款收入", "general"),
    ("政府性基金预算拨款收入", "fund"),
    ("国有资本经营预算拨款收入", "capital"),
    ("财政专户管理资金收入", "special_account"),
    ("事业收入", "business"),
    ("事业单位经营收入", "operating"),
    ("上级补助收入", "superior"),
    ("附属单位上缴收入", "affiliated"),
    ("其他收入", "other"),
]
UNIT_FUNDS = ["business", "operating", "superior", "affiliated", "other"]
PERSONNEL_CLASSES = {"301", "303"}
COMMON_CLASSES = {"208", "210", "221"}      # 五（一）: the classes every unit shares
CLASS_USE_PREFIX = {"301": "在职人员"}        # 六: "主要用于：在职人员基本工资…"
VEHICLE_CATEGORIES = [("general", "一般公务用车")]
EQUIPMENT_THRESHOLD = "50万元"

CN_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """一 … 二十, then 廿一 … (the budget booklet's numerals)."""
    if n <= 10:
        return "十" if n == 10 else CN_DIGITS[n]
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    if n == 20:
        return "二十"
    if n < 30:
        return "廿" + CN_DIGITS[n - 20]
    raise ValueError(n)


def half_up(x: Decimal, places: int) -> Decimal:
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def wan(yuan: Decimal, places: int = 2) -> Decimal:
    return half_up(yuan / WAN, places)


def with_separators(x: Decimal, places: int) -> str:
    s = f"{x:,.{places}f}"
    return s


def money(yuan: Decimal, sep: bool = True) -> str:
    """A table figure: 万元, two decimals."""
    v = wan(yuan)
    return with_separators(v, 2) if sep else f"{v:.2f}"


def at_most(x: Decimal, places: int) -> str:
    """Form figures: at most `places` decimals, trailing zeros dropped (1757.5, 100, 0)."""
    s = f"{half_up(x, places):.{places}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def text_money(printed: Decimal) -> str:
    """A 万元 amount in the text: as the tables print it; zero as 0."""
    return "0" if printed == 0 else with_separators(printed, 2)


def percent(x: Decimal, places: int = 2) -> str:
    v = half_up(x, places)
    if v == 100 or v == 0:
        return str(int(v))
    return f"{v:.{places}f}"


def load(path: Path) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f, parse_float=D)


def amount(v) -> Decimal:
    return D(v) if not isinstance(v, D) else v


class Failures(list):
    def check(self, ok: bool, message: str) -> None:
        if not ok:
            self.append(message)


# ---------------------------------------------------------------------------------
# The model: leaf facts → exact figures


class Sample:
    def __init__(self, data: dict, functions: dict, economic: dict):
        self.data = data
        self.fn_names = {f["code"]: f["name"] for f in functions["function"]}
        self.fn_names.update({k: v for k, v in MISSING_CLASS_NAMES.items()
                              if k not in self.fn_names})
        self.fn_explanations = {f["code"]: f.get("explanation") for f in functions["function"]}
        self.eco_names = {e["code"]: e["name"] for e in economic["economic"]}
        unit = data["unit"]
        self.name = unit["name"]
        self.org = unit.get("name_on_tables", unit["name"])
        self.year = unit["year"]
        assert data["settings"].get("amount_unit", "元") == "元"

        # per 项: personnel, public, project (by source), from items and projects
        self.items = {}
        for it in data["items"]:
            self.items[it["code"]] = {
                "personnel": amount(it.get("general_personnel", 0)),
                "public": amount(it.get("general_public", 0)),
                "project": ZERO,
            }
        self.projects = data.get("projects", [])
        for p in self.projects:
            code = p["code"]
            if code not in self.items:
                raise SystemExit(f"project {p['name']}: 项 {code} is not in [[items]]")
            s = p.get("sources", {})
            nonfiscal = sum((amount(s.get(k, 0)) for k in UNIT_FUNDS + ["special_account"]), ZERO)
            other_fiscal = sum((amount(s.get(k, 0)) for k in
                                ["fund", "fund_opening", "capital", "capital_opening",
                                 "general_opening"]), ZERO)
            if nonfiscal or other_fiscal:
                raise SystemExit("this oracle handles 一般公共预算 本年 money only (as 004)")
            self.items[code]["project"] += amount(s.get("general", 0))
        for v in self.items.values():
            v["basic"] = v["personnel"] + v["public"]
            v["total"] = v["basic"] + v["project"]
        self.economic = {k: amount(v) for k, v in data["basic_economic"].items()}
        self.sangong = {k: amount(v) for k, v in data["sangong"]["budget"].items()}

    # hierarchy rows of the function tables: 合计, then 类/款/项 in code order
    def function_rows(self) -> list[tuple[str, dict]]:
        sums: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: ZERO))
        for code, v in self.items.items():
            for key in (code[:3], code[:5], code):
                for k, x in v.items():
                    sums[key][k] += x
            for k, x in v.items():
                sums["合计"][k] += x
        order = ["合计"] + sorted(k for k in sums if k != "合计")
        return [(k, sums[k]) for k in order]

    def class_total(self, cls: str) -> Decimal:
        return sum((v["total"] for c, v in self.items.items() if c.startswith(cls)), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((v["total"] for v in self.items.values()), ZERO)

    def economic_rows(self) -> list[tuple[str, Decimal, Decimal]]:
        """(code, personnel, public) for 合计, each 类 and each line entered."""
        rows = []
        classes = sorted({c[:3] for c in self.economic})
        personnel_total = public_total = ZERO
        body = []
        for cls in classes:
            lines = sorted(c for c in self.economic if c[:3] == cls)
            s = sum((self.economic[c] for c in lines), ZERO)
            personal = cls in PERSONNEL_CLASSES
            body.append((cls, s if personal else ZERO, ZERO if personal else s))
            for c in lines:
                x = self.economic[c]
                body.append((c, x if personal else ZERO, ZERO if personal else x))
            if personal:
                personnel_total += s
            else:
                public_total += s
        rows.append(("合计", personnel_total, public_total))
        return rows + body

    def project_amount(self, p: dict) -> Decimal:
        s = p.get("sources", {})
        return sum((amount(v) for v in s.values()), ZERO)


# ---------------------------------------------------------------------------------
# 1. The tables, as printed


def cells(values: dict[str, Decimal], zero: str, used: set[str] | None = None,
          fmt=money) -> dict[str, str]:
    """Format one line. zero: "0.00" | "blank" | "column" (blank in unused columns)."""
    out = {}
    for col, v in values.items():
        if v == 0 and (zero == "blank" or (zero == "column" and col not in used)):
            continue
        out[col] = fmt(v)
    return out


def used_columns(lines: list[dict[str, Decimal]]) -> set[str]:
    return {c for line in lines for c, v in line.items() if v != 0}


def table_lines(s: Sample) -> dict[str, dict[str, dict[str, str]]]:
    """table id → line key → column → printed figure."""
    t: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    rows = s.function_rows()

    # 表1
    income = {name: (s.total if key == "general" else ZERO) for name, key in INCOME_ROWS}
    income_total = sum(income.values(), ZERO)
    carry_in = ZERO
    spending_total = sum((s.class_total(c) for c in CLASSES), ZERO)
    grand_in = income_total + carry_in
    carry_out = grand_in - spending_total
    for i, cls in enumerate(CLASSES):
        right = f"{numeral(i + 1)}、{s.fn_names[cls]}"
        line = {"支出/预算数": s.class_total(cls)}
        left = None
        if i < len(INCOME_ROWS):
            name = INCOME_ROWS[i][0]
            left = f"{numeral(i + 1)}、{name}"
            line = {"收入/预算数": income[name], **line}
        printed = cells(line, "0.00")
        t["1"][right] = printed
        if left:
            t["1"][left] = printed
    for left, right, a, b in [("本年收入合计", "本年支出合计", income_total, spending_total),
                              ("上年结转结余", "年终结转结余", carry_in, carry_out),
                              ("收入总计", "支出总计", grand_in, spending_total + carry_out)]:
        printed = cells({"收入/预算数": a, "支出/预算数": b}, "0.00")
        t["1"][left] = t["1"][right] = printed

    # 表2 (designed): 表3's rows × the income sources; all money here is general
    lines2 = []
    for key, v in rows:
        line = {"合计": v["total"]}
        for name, src in INCOME_ROWS:
            line[name] = v["total"] if src == "general" else ZERO
        line["上年结转结余"] = ZERO
        lines2.append((key, line))
    used = used_columns([l for _, l in lines2])
    for key, line in lines2:
        t["2"][key] = cells(line, "column", used)

    # 表3
    lines3 = [(key, {"合计": v["total"], "基本支出": v["basic"], "项目支出": v["project"],
                     "事业单位经营支出": ZERO, "上缴上级支出": ZERO, "对附属单位补助支出": ZERO})
              for key, v in rows]
    used = used_columns([l for _, l in lines3])
    for key, line in lines3:
        t["3"][key] = cells(line, "column", used)

    # 表4 (fiscal money only; zeros blank)
    fiscal_income = {"general": s.total, "fund": ZERO, "capital": ZERO}
    left = [("一、本年收入", sum(fiscal_income.values(), ZERO)),
            ("（一）一般公共预算拨款", fiscal_income["general"]),
            ("（二）政府性基金预算拨款", fiscal_income["fund"]),
            ("（三）国有资本经营预算拨款", fiscal_income["capital"]),
            ("二、上年结转", ZERO),
            ("（一）一般公共预算拨款", ZERO),
            ("（二）政府性基金预算拨款", ZERO),
            ("（三）国有资本经营预算拨款", ZERO)]
    fiscal_spending = spending_total  # all spending is 一般公共预算 here
    right = [("一、本年支出", fiscal_spending)]
    right += [(f"（{numeral(i + 1)}）{s.fn_names[c]}", s.class_total(c))
              for i, c in enumerate(CLASSES)]
    right += [("二、年终结转结余", left[0][1] + left[4][1] - fiscal_spending)]
    for i in range(max(len(left), len(right))):
        line = {}
        labels = []
        if i < len(left):
            labels.append(left[i][0])
            line["收入/预算数"] = left[i][1]
        if i < len(right):
            labels.append(right[i][0])
            line["支出/预算数"] = right[i][1]
        printed = cells(line, "blank")
        for label in labels:
            t["4"].setdefault(label, printed)  # a left label repeated: first line wins
    grand = left[0][1] + left[4][1]
    t["4"]["收入总计"] = t["4"]["支出总计"] = cells(
        {"收入/预算数": grand, "支出/预算数": fiscal_spending + right[-1][1]}, "blank")

    # 表5-1
    for key, v in rows:
        t["5-1"][key] = cells({"合计": v["total"], "基本支出/小计": v["basic"],
                               "基本支出/人员经费": v["personnel"],
                               "基本支出/公用经费": v["public"], "项目支出": v["project"]},
                              "0.00")
    # 表5-2: 合计, the 部门, its units (one unit here: everything)
    whole = t["5-1"]["合计"]
    t["5-2"]["合计"] = whole
    t["5-2"][s.data["unit"]["code"]] = whole
    for u in s.data["units"]:
        t["5-2"][u["code"]] = whole
    if len(s.data["units"]) != 1:
        raise SystemExit("this oracle handles a one-unit department only (as 004)")

    # 表6
    pre = "本年一般公共预算基本支出/"
    for code, pers, pub in s.economic_rows():
        t["6"][code] = cells({pre + "合计": pers + pub, pre + "人员经费": pers,
                              pre + "公用经费": pub}, "0.00")

    # 表7
    g = s.sangong
    car = g.get("car_purchase", ZERO) + g.get("car_running", ZERO)
    t["7"]["数据行"] = cells({
        "“三公”经费合计": g.get("abroad", ZERO) + car + g.get("reception", ZERO),
        "因公出国（境）费": g.get("abroad", ZERO),
        "公务用车购置及运行费/小计": car,
        "公务用车购置及运行费/公务用车购置费": g.get("car_purchase", ZERO),
        "公务用车购置及运行费/公务用车运行费": g.get("car_running", ZERO),
        "公务接待费": g.get("reception", ZERO)}, "0.00")

    # 表10 (designed)
    lines10 = []
    for p in s.projects:
        a = s.project_amount(p)
        lines10.append((p["name"], {"合计": a, "一般公共预算": amount(p["sources"].get("general", 0)),
                                    "政府性基金预算": ZERO, "国有资本经营预算": ZERO,
                                    "财政专户管理资金": ZERO, "单位资金": ZERO}))
    total10 = {c: sum((l[c] for _, l in lines10), ZERO) for c in lines10[0][1]}
    lines10.insert(0, ("合计", total10))
    used = used_columns([l for _, l in lines10])
    for key, line in lines10:
        t["10"][key] = cells(line, "column", used)

    # 表11 money block: one decimal at most, shares of the 合计
    fiscal = s.total
    other = ZERO
    basic = sum((v["basic"] for v in s.items.values()), ZERO)
    project = sum((v["project"] for v in s.items.values()), ZERO)
    hist = {h["year"]: h for h in s.data["history"]}
    y2, y1 = s.year - 2, s.year - 1

    def h(year, key):
        return amount(hist[year][key]) if year in hist else None

    def block(cur, share_of, key):
        out = {"当年预算收支": at_most(cur / WAN, 1),
               "占比": at_most(cur * 100 / share_of, 1) if share_of else "0"}
        for year, col in [(y2, f"近两年收支情况/{y2}年"), (y1, f"近两年收支情况/{y1}年")]:
            x = h(year, key) if key != "total" else (h(year, "fiscal") + h(year, "other"))
            out[col] = at_most(x / WAN, 1)
        return out

    t["11"]["收入构成/财政拨款"] = block(fiscal, fiscal + other, "fiscal")
    t["11"]["收入构成/其他资金"] = block(other, fiscal + other, "other")
    t["11"]["收入构成/合计"] = block(fiscal + other, fiscal + other, "total")
    t["11"]["支出构成/基本支出"] = block(basic, basic + project, "basic")
    t["11"]["支出构成/项目支出"] = block(project, basic + project, "project")
    t["11"]["支出构成/合计"] = block(basic + project, basic + project, "total")
    return t


def yuan(x: Decimal) -> str:
    return "" if x == 0 else with_separators(half_up(x, 2), 2)


def form(s: Sample, p: dict) -> dict:
    """The figures of one 表12 form, as printed."""
    src = {k: amount(v) for k, v in p.get("sources", {}).items()}
    g = lambda k: src.get(k, ZERO)  # noqa: E731
    general = g("general") + g("general_opening")
    unit_funds = sum((g(k) for k in UNIT_FUNDS), ZERO)
    openings = g("general_opening") + g("fund_opening") + g("capital_opening")
    total = sum(src.values(), ZERO)
    history = {h["year"]: h for h in p.get("history", [])}
    hist_rows = []
    for year in (s.year - 2, s.year - 1):
        if year in history:
            b, e = amount(history[year]["budget"]), amount(history[year]["executed"])
            hist_rows.append({"year": f"{year}年", "budget": yuan(b), "executed": yuan(e),
                              "rate": f"{half_up(e * 100 / b, 2):.2f}%"})
        else:
            hist_rows.append({"year": f"{year}年", "budget": "", "executed": "", "rate": ""})
    estimates = []
    for e in p.get("estimates", []):
        price, qty = amount(e["price"]), amount(e["quantity"])
        estimates.append({"task": e["task"], "price": yuan(price), "quantity": str(e["quantity"]),
                          "amount": yuan(price * qty)})
    return {
        "name": p["name"],
        "total_budget": yuan(amount(p["total_budget"])),
        "current_budget": yuan(total),
        "history": hist_rows,
        "sources": [["合计", yuan(total)], ["一般公共预算财政拨款", yuan(general)],
                    ["其中：申请当年预算拨款", yuan(g("general"))],
                    ["政府性基金预算财政拨款", yuan(g("fund") + g("fund_opening"))],
                    ["财政专户管理资金", yuan(g("special_account"))],
                    ["单位资金", yuan(unit_funds)],
                    ["其中：使用上年度财政拨款结转", yuan(openings)]],
        "estimates": estimates,
        "purchases": [{"item": x["item"], "quantity": str(x["quantity"]),
                       "amount": yuan(amount(x["amount"]))} for x in p.get("purchases", [])],
    }


def check_tables(s: Sample, expected: dict, fail: Failures) -> int:
    computed = table_lines(s)
    n = 0
    for row in expected["row"]:
        got = computed.get(row["table"], {}).get(row["key"])
        n += len(row["cells"])
        if got is None:
            fail.append(f"表{row['table']} {row['key']}: line not computed")
        elif got != row["cells"]:
            fail.append(f"表{row['table']} {row['key']}: expected {row['cells']}, computed {got}")
    forms = {f"12-{i + 1}": form(s, p) for i, p in enumerate(s.projects)}
    for f in expected["form"]:
        got = forms.get(f["table"])
        want = {k: v for k, v in f.items() if k != "table"}
        n += 2 + sum(3 for _ in f["history"]) + len(f["sources"]) + 3 * len(f["estimates"]) \
            + 2 * len(f["purchases"])
        if got != want:
            for k in want:
                if got.get(k) != want[k]:
                    fail.append(f"表{f['table']} {k}: expected {want[k]}, computed {got.get(k)}")
    fail.check(len(forms) == len(expected["form"]), "one 表12 form per project")
    return n


# ---------------------------------------------------------------------------------
# 2. Identities of BUDGET.md §1.3


def check_identities(s: Sample, fail: Failures) -> list[str]:
    tails = []

    def printed_sum(label: str, total: Decimal, parts: list[Decimal]) -> None:
        """total and parts in 元: exact identity, and how the printed figures compare."""
        fail.check(total == sum(parts, ZERO), f"{label}: exact sum differs")
        pt, pp = wan(total), sum((wan(x) for x in parts), ZERO)
        diff = abs(pt - pp)
        if diff:
            if diff <= D("0.01") * len(parts):
                tails.append(f"{label}: {' + '.join(str(wan(x)) for x in parts)} = {pp}"
                             f" printed against {pt}")
            else:
                fail.append(f"{label}: printed {pt} vs parts {pp} (beyond a tail)")

    rows = dict(s.function_rows())
    # I3/I5: per row, 合计 = 基本 + 项目, 基本 = 人员 + 公用; hierarchy per column
    for key, v in rows.items():
        printed_sum(f"表3/5-1 {key} 合计 = 基本 + 项目", v["total"], [v["basic"], v["project"]])
        printed_sum(f"表5-1 {key} 基本 = 人员 + 公用", v["basic"], [v["personnel"], v["public"]])
        children = [c for c in rows if c != key and c != "合计" and
                    (key == "合计" and len(c) == 3 or
                     key != "合计" and c.startswith(key) and len(c) == {3: 5, 5: 7}.get(len(key)))]
        for col in ("total", "basic", "project", "personnel", "public"):
            if children:
                printed_sum(f"表3/5-1 {key} {col} = Σ children", v[col],
                            [rows[c][col] for c in children])
    # I1 / X1: 表1 balance and classes = 表3 classes
    total = s.total
    classes = [s.class_total(c) for c in CLASSES]
    printed_sum("表1 本年支出合计 = Σ 24 classes", total, classes)
    # I7 / X6: 表6 = 表5-1 基本支出 (exact: R201 budget form)
    eco = s.economic_rows()
    eco_pers, eco_pub = eco[0][1], eco[0][2]
    fail.check(eco_pers == rows["合计"]["personnel"], "X6 表6 人员经费 ≠ 表5-1 人员经费 (exact)")
    fail.check(eco_pub == rows["合计"]["public"], "X6 表6 公用经费 ≠ 表5-1 公用经费 (exact)")
    for code, pers, pub in eco[1:]:
        if len(code) == 3:
            lines = [x for c, x in s.economic.items() if c[:3] == code]
            printed_sum(f"表6 {code} = Σ lines", pers + pub, lines)
    printed_sum("表6 合计 = 人员 + 公用", eco_pers + eco_pub, [eco_pers, eco_pub])
    # X7: 表7 ≥ 表6 lines (R202 budget form)
    g = s.sangong
    for line, key in [("30212", "abroad"), ("30217", "reception"), ("30231", "car_running"),
                      ("31013", "car_purchase")]:
        fail.check(g.get(key, ZERO) >= s.economic.get(line, ZERO),
                   f"X7 表7 {key} below 表6 {line}")
    # X8/X9/I10: projects vs 项目支出, 测算, purchases, 执行率
    for code, v in s.items.items():
        ps = [s.project_amount(p) for p in s.projects if p["code"] == code]
        fail.check(sum(ps, ZERO) == v["project"], f"X8 {code}: Σ projects ≠ 项目支出")
    for p in s.projects:
        current = s.project_amount(p)
        est = sum((amount(e["price"]) * amount(e["quantity"]) for e in p["estimates"]), ZERO)
        fail.check(est == current, f"I10 {p['name']}: Σ 测算数 {est} ≠ 当年预算 {current}")
        buys = sum((amount(x["amount"]) for x in p.get("purchases", [])), ZERO)
        fail.check(buys <= current, f"I10 {p['name']}: 项目采购 above 当年预算")
        fail.check(amount(p["total_budget"]) >= current, f"I10 {p['name']}: 总预算 < 当年预算")
        src = p.get("sources", {})
        fail.check(amount(src.get("general_opening", 0)) >= 0, "opening negative")
    # I11 / X10: history totals; the year before = previous.total
    for h in s.data["history"]:
        fail.check(amount(h["fiscal"]) + amount(h["other"]) ==
                   amount(h["basic"]) + amount(h["project"]),
                   f"I11 history {h['year']}: 收入 ≠ 支出")
    prev = {h["year"]: h for h in s.data["history"]}.get(s.year - 1)
    if prev:
        fail.check(wan(amount(prev["fiscal"]) + amount(prev["other"])) ==
                   D(str(s.data["previous"]["total"])),
                   "X10 history of the year before ≠ previous.total")
    return tails


# ---------------------------------------------------------------------------------
# 3. The text (Part 1 二/三, Part 3, Part 4 (七))


def change(cur: Decimal, prev: Decimal, reason: str | None) -> str:
    """比2023年预算增加…万元，增长…%，主要是…。 on printed figures."""
    delta = cur - prev
    if delta == 0:
        return f"与{{y1}}年预算持平。"
    up = delta > 0
    rate = percent(abs(delta) * 100 / prev) if prev else None
    s = f"比{{y1}}年预算{'增加' if up else '减少'}{text_money(abs(delta))}万元"
    if rate is not None:
        s += f"，{'增长' if up else '降低'}{rate}%"
    if reason:
        s += f"，主要是{reason.rstrip('。')}"
    return s + "。"


def part3(s: Sample) -> dict[str, list[str]]:
    d = s.data
    y, y1 = s.year, s.year - 1
    rows = dict(s.function_rows())
    w = lambda x: text_money(wan(x))  # noqa: E731
    fill = lambda text: text.replace("{y1}", str(y1))  # noqa: E731
    out: dict[str, list[str]] = {}

    units = d["units"]
    own = [u for u in units if u.get("own")]
    second = [u for u in units if not u.get("own")]
    if second:
        comp = (f"纳入{s.name}{y}年部门预算编制范围的预算单位包括本级及二级预算单位{len(second)}个。"
                f"二级预算单位包括：{'、'.join(u['name'] for u in second)}。")
    else:
        comp = f"纳入{s.name}{y}年部门预算编制范围的预算单位包括本级，无二级预算单位。"
    assert own
    out["二、部门预算单位构成"] = [comp]

    st = d["overview"]["staff"]
    a, r, ret = st["authorized"], st["actual"], st["retirees"]
    out["三、部门预算单位人员构成"] = [
        f"{s.name}总编制人数{a['administrative'] + a['institutional']}人，其中：行政编制"
        f"{a['administrative']}人，事业编制{a['institutional']}人（其中：参照公务员法管理"
        f"{a['civil_servant_managed']}人）。在职实有人数{r['administrative'] + r['institutional']}"
        f"人，其中：行政{r['administrative']}人，事业{r['institutional']}人（其中：参照公务员法管理"
        f"{r['civil_servant_managed']}人）。",
        f"离退休人员{ret['veteran'] + ret['retired']}人，其中：离休{ret['veteran']}人，"
        f"退休{ret['retired']}人。",
    ]

    total = s.total
    income_list = "一般公共预算财政拨款收入" + w(total) + "万元"
    class_list = "、".join(f"{s.fn_names[c]}{w(s.class_total(c))}万元"
                          for c in CLASSES if s.class_total(c))
    prev = d["previous"]
    reasons = d["narrative"]["reasons"]
    out["一、本部门预算收支情况总体说明"] = [
        f"按照综合预算的原则，{s.name}所有收入和支出均纳入部门预算管理。收入包括：{income_list}。"
        f"支出包括：{class_list}。",
        f"{y}年部门收支总预算{w(total)}万元。"
        + fill(change(wan(total), D(str(prev["total"])), reasons.get("total"))),
    ]
    out["二、部门预算收入情况说明"] = [f"部门预算收入{w(total)}万元。其中：{income_list}。"]
    basic, project = rows["合计"]["basic"], rows["合计"]["project"]
    pt, pb, pp = wan(total), wan(basic), wan(project)
    out["三、部门预算支出情况说明"] = [
        f"{y}年部门支出预算{w(total)}万元，其中基本支出{w(basic)}万元，占{percent(pb * 100 / pt)}%；"
        f"项目支出{w(project)}万元，占{percent(pp * 100 / pt)}%。"]
    out["四、财政拨款收支预算情况说明"] = [
        f"{y}年财政拨款收支总预算{w(total)}万元。收入包括：一般公共预算财政拨款本年收入{w(total)}"
        f"万元。支出包括：{class_list}。"]

    # 五
    eco = s.economic_rows()
    eco_classes = [(c, p + u) for c, p, u in eco if len(c) == 3]
    pers_classes = [s.eco_names[c] for c, x in eco_classes if x and c in PERSONNEL_CLASSES]
    pub_classes = [s.eco_names[c] for c, x in eco_classes if x and c not in PERSONNEL_CLASSES]
    five = [
        f"{y}年一般公共预算支出预算数为{w(total)}万元，其中：本年预算{w(total)}万元，"
        + fill(change(wan(total), D(str(prev["general_spending"])),
                      reasons.get("general_spending"))).rstrip("。") + "。具体安排情况如下：",
        f"（一）基本支出{w(basic)}万元，主要用于人员经费（{'、'.join(pers_classes)}）、"
        f"公用经费（{'、'.join(pub_classes)}）。其中：",
    ]
    with_basic = [c for c in sorted(s.items) if s.items[c]["basic"]]
    own_items = [c for c in with_basic if c[:3] not in COMMON_CLASSES]
    common = [c for c in with_basic if c[:3] in COMMON_CLASSES]
    for group in (own_items, common):
        if group:
            five.append("，".join(f"{s.fn_names[c]}{w(s.items[c]['basic'])}万元" for c in group) + "。")
    five.append(f"（二）项目支出{w(project)}万元，其中：")
    kuans = sorted({c[:5] for c in s.items if s.items[c]["project"]})
    for i, kuan in enumerate(kuans, 1):
        five.append(f"{i}、{s.fn_names[kuan[:3]]}（类）{s.fn_names[kuan]}（款）")
        xiangs = sorted(c for c in s.items if c[:5] == kuan and s.items[c]["project"])
        for k, code in enumerate(xiangs, 1):
            five.append(f"（{k}）{s.fn_names[code]}{w(s.items[code]['project'])}万元，主要用于：")
            ps = [p for p in s.projects if p["code"] == code]
            for j, p in enumerate(ps):
                lines = "、".join(f"{e['task']}{w(amount(e['price']) * amount(e['quantity']))}万元"
                                 for e in p["estimates"])
                end = "。" if j == len(ps) - 1 else "；"
                five.append(f"{p['name']}{w(s.project_amount(p))}万元，包括{lines}{end}")
    out["五、一般公共预算支出安排情况说明"] = five

    # 六
    six = [f"{y}年一般公共预算基本支出{w(basic)}万元。按部门预算支出经济分类包括："]
    pers_total, pub_total = eco[0][1], eco[0][2]
    for n, (label, total_x, is_pers) in enumerate(
            [("人员经费", pers_total, True), ("公用经费", pub_total, False)], 1):
        six.append(f"{n}、{label}{w(total_x)}万元。包括：")
        for c, x in eco_classes:
            if x and (c in PERSONNEL_CLASSES) == is_pers:
                names = [s.eco_names[k] for k in sorted(s.economic)
                         if k[:3] == c and s.economic[k]]
                six.append(f"{s.eco_names[c]}{w(x)}万元，主要用于：{CLASS_USE_PREFIX.get(c, '')}"
                           f"{'、'.join(names)}。")
    out["六、一般公共预算基本支出安排情况说明"] = six
    out["七、政府性基金预算支出安排情况说明"] = [f"{s.org}{y}年没有使用政府性基金预算安排的支出。"]
    out["八、国有资本经营预算支出安排情况说明"] = [f"{s.org}{y}年没有使用国有资本经营预算安排的支出。"]

    # 九
    g = s.sangong
    car = g.get("car_purchase", ZERO) + g.get("car_running", ZERO)
    sg_total = g.get("abroad", ZERO) + car + g.get("reception", ZERO)
    scope = "本单位" if not second else "本部门及下属单位"
    out["九、一般公共预算“三公”经费支出情况说明"] = [
        "1、“三公”经费安排的单位范围",
        f"本年一般公共预算财政拨款预算安排“三公”经费的单位包括{scope}。",
        "2、一般公共预算财政拨款“三公”经费预算安排情况",
        f"{y}年财政拨款“三公”经费预算数{w(sg_total)}万元，其中：",
        f"（1）因公出国（境）费{w(g.get('abroad', ZERO))}万元；",
        f"（2）公务接待费{w(g.get('reception', ZERO))}万元；",
        f"（3）公务用车购置及运行维护费{w(car)}万元，其中：公务用车购置费"
        f"{w(g.get('car_purchase', ZERO))}万元，公务用车运行维护费{w(g.get('car_running', ZERO))}万元。",
        f"{y}年“三公”经费预算"
        + fill(change(wan(sg_total), D(str(prev["sangong"]["total"])), reasons.get("sangong"))),
    ]

    # 十
    nar = d["narrative"]
    oc = nar["operating_costs"]
    if amount(oc["amount"]) == 0 and oc.get("note"):
        oc_text = f"{y}年{s.org}的机关运行经费0万元，{oc['note']}。"
    else:
        raise SystemExit("this oracle prints the 0 + note case only")
    proc = nar["procurement"]
    services = sum((amount(x["amount"]) for p in s.projects for x in p.get("purchases", [])
                    if x.get("kind") == "services"), ZERO)
    goods, works = amount(proc.get("goods", 0)), amount(proc.get("works", 0))
    assets = nar["assets"]
    vehicles = "、".join(f"{label}{assets['vehicles'].get(k, 0)}辆" for k, label in VEHICLE_CATEGORIES)
    priority = [p for p in s.projects if p.get("priority")]
    ps = nar["purchased_services"]
    nt = nar["nontax"]
    assert amount(ps["amount"]) == 0 and amount(nt["amount"]) == 0
    out["十、其他重要事项的情况说明"] = [
        "（一）机关运行经费安排情况",
        oc_text,
        "（二）政府采购预算安排情况",
        f"{y}年部门预算中纳入政府采购预算支出合计{w(goods + services + works)}万元。包括：货物类"
        f"{w(goods)}万元，服务类{w(services)}万元，工程类{w(works)}万元。",
        "（三）政府购买服务预算安排情况",
        f"{y}年本部门无政府购买服务预算安排。",
        "（四）国有资产占有使用情况",
        f"截至{y1}年12月31日，部门占有使用国有资产{w(amount(assets['total']))}万元。其中：{vehicles}。"
        f"办公用房：{assets['office']}单位价值{EQUIPMENT_THRESHOLD}以上设备{assets['equipment']}套。"
        f"{y}年预算新增资产{w(amount(assets['new_assets']))}万元，主要是{assets['new_assets_note']}。",
        "（五）预算绩效管理情况",
        f"{y}年部门项目实行绩效目标管理，设置了部门整体支出绩效目标、{len(s.projects)}个项目支出"
        f"绩效目标，预算支出{w(total)}万元，全面实施绩效目标管理。",
        f"根据上年度绩效评价和自评结果，优先保障优秀项目{len(priority)}个"
        f"{w(sum((s.project_amount(p) for p in priority), ZERO))}万元。",
        "（六）非税收入征收预计数增减变动情况",
        f"{y}年本部门无纳入预算管理的非税收入。",
    ]

    # Part 4 (七)
    seven = []
    for n, code in enumerate(sorted(s.items), 1):
        seven.append(f"{n}.{s.fn_names[code[:3]]}（类）{s.fn_names[code[:5]]}（款）"
                     f"{s.fn_names[code]}（项）：{s.fn_explanations[code]}")
    seven.append(f"咨询电话：{d['unit']['phone']}")
    out["（七）本部门使用的主要支出功能分类科目（项级）"] = seven
    return out


def check_text(s: Sample, expected: dict, fail: Failures) -> int:
    got = part3(s)
    n = 0
    for section in expected["section"]:
        mine = got.get(section["heading"])
        if mine is None:
            fail.append(f"text {section['heading']}: not generated")
            continue
        n += len(section["sentences"])
        for i, (want, have) in enumerate(zip(section["sentences"], mine)):
            fail.check(want == have, f"text {section['heading']} #{i + 1}:\n  expected {want}\n"
                                     f"  computed {have}")
        fail.check(len(mine) == len(section["sentences"]),
                   f"text {section['heading']}: {len(mine)} sentences computed, "
                   f"{len(section['sentences'])} expected")
    everything = "".join("".join(v) for v in got.values())
    for a in expected["absent"]:
        fail.check(a not in everything, f"text: 004's mistake {a!r} is generated")
    return n


def main() -> int:
    s = Sample(load(DATA), load(FUNCTIONS), load(ECONOMIC))
    fail = Failures()
    figures = check_tables(s, load(EXPECTED), fail)
    tails = check_identities(s, fail)
    sentences = check_text(s, load(PART3), fail)
    print(f"tables: {figures} printed figures compared")
    print(f"text: {sentences} sentences regenerated and compared")
    print("rounding tails (printed addends differ from the printed total, warned not fixed):")
    for t in sorted(set(tails)):
        print("  " + t)
    if fail:
        print(f"\n{len(fail)} FAILURES:")
        for f in fail:
            print("  " + f)
        return 1
    print("OK: every figure and sentence is reproduced from the input")
    return 0


if __name__ == "__main__":
    sys.exit(main())
