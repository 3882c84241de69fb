//! The validation rules: a stable code, a severity and what each checks — the rules'
//! part of the code registry (`crate::codes`). The README's table of rules is tested
//! against this list.

/// A rule is a registered code: code, severity and what it checks.
pub type Rule = crate::codes::Code;

crate::registry! {
    PRINTED_IDENTITY = "R101", Error,
        "表内恒等式（公开01第27/30/57/60行、公开04、各表1栏=2+…栏、公开07 6栏=1+2−3栏、公开09 1=2+3+6栏等、类=Σ款=Σ项）按印出的数不成立，且超出尾数误差";
    ROUNDING_TAIL = "W101", Warning,
        "表内恒等式按印出的数相差不超过每个加数0.01万元：尾数误差，如实印出，不作调整";
    TYPED_MISMATCH = "R102", Error,
        "手工录入的合计/小计（[typed]）与按明细计算的数不一致";
    TYPED_ROUNDING = "W102", Warning,
        "手工录入的合计/小计与计算数仅差尾数误差（每个加数不超过0.01万元）";
    BASIC_VS_ECONOMIC = "R201", Error,
        "公开05基本支出 ≠ 公开06人员经费+公用经费，超出尾数误差";
    BASIC_VS_ECONOMIC_TAIL = "W201", Warning,
        "公开05基本支出与公开06人员经费+公用经费仅差尾数误差";
    SANGONG_VS_ECONOMIC = "R202", Error,
        "公开06中30212/30217/30231/31013各行（基本支出）大于公开09对应的“三公”经费决算数";
    NEGATIVE_CLOSING = "R301", Error,
        "年末结转和结余为负：某类资金的支出超过了年初结转和结余与本年收入之和";
    TYPED_CLOSING = "R302", Error,
        "手工录入的年末结转和结余 ≠ 年初结转和结余 + 本年收入 − 本年支出";
    PLACEHOLDER = "R401", Error,
        "文字中留有占位符（XX、××、……、待补充、TODO 等）";
    NAME_VS_CATALOG = "W402", Warning,
        "科目名称与分类目录不一致（name 覆盖了目录名称）";
    UNIT_NAME_VARIANT = "W403", Warning,
        "文字中出现与单位名称相近但不相同的写法";
    DUPLICATE_PROJECT_CODE = "R405", Error,
        "两个项目用了同一个项目编码";
    REASON_MISSING = "W501", Warning,
        "版式要求说明原因的增减变动或预决算差异，没有写主要原因";
    NO_FIGURES = "W404", Warning,
        "收入和支出全部为零：金额还没有填写";
}
