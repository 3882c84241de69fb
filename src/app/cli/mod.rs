//! The command line as declared with clap: every command, option and help text (in
//! Chinese). `main.rs` runs what is parsed here; `usage.rs` turns clap's errors into
//! Chinese messages that point at the offending argument.

pub mod usage;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Help layout with Chinese headings; clap's own template prints English ones.
const HELP_TEMPLATE: &str = "\
{about-with-newline}
用法：{usage}

{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai —— 部门决算公开 PDF 生成工具",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    override_usage = "gongkai <命令> [选项]",
    after_help = "每个命令的详细说明：gongkai <命令> --help",
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[arg(short = 'h', long = "help", action = ArgAction::Help, help = "显示帮助", global = true, help_heading = "选项")]
    help: Option<bool>,

    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "显示版本号", help_heading = "选项")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成决算公开 PDF（一个文件，或目录与多个文件批量生成）
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai build [选项] [输入]...",
        long_about = "生成决算公开 PDF。\n\n\
            不给输入文件时生成内置示例（data/huangpi-network-ops/2024.toml）。\
            不给 -o 时写到 out/<单位目录名>-<年度>.pdf。输入有错误时拒绝生成，\
            已有的 PDF 保持原样；--draft 照样生成，每页加“草稿”水印。\n\n\
            给出目录或多个文件时批量生成：目录下所有 <单位>/<年度>.toml，多核并行，\
            最后汇总成败。",
        after_help = "退出码：0 已生成；1 输入有错误（批量时：有文件失败）；2 命令行参数错误。\n\
            示例：\n  gongkai build data/qingshan-bigdata/2024.toml\n  gongkai build data/"
    )]
    Build(BuildArgs),

    /// 只核对数据，不生成 PDF
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai check [选项] [输入]",
        after_help = "退出码：0 无错误；1 有错误（或 --deny-warnings 时有警告）；\
            2 输入文件无法使用（找不到、格式错误）或参数错误。\n\
            示例：\n  gongkai check data/x/2024.toml --format json"
    )]
    Check(CheckArgs),

    /// 监视输入文件，每次保存后自动重新生成 PDF
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai watch [选项] <输入>",
        long_about = "监视输入文件及其引用的上年文件（previous）和 --templates 目录，\
            每次保存后在同一进程内重新生成 PDF（排版缓存常驻，只重排改动部分）。\
            保存出错时保留上一份正确的 PDF，问题改变时才重新列出。按 Ctrl+C 结束。",
        after_help = "示例：\n  gongkai watch data/new-unit/2025.toml"
    )]
    Watch(WatchArgs),

    /// 写出新文件的骨架，或从上年文件开始本年文件
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai init <目录> --unit <单位名称> --year <年度> [--kind budget]\n       gongkai init --from <上年文件> --year <年度>",
        long_about = "在目录中写出 <年度>.toml 骨架，每个字段带中文说明和“待补充”占位，\
            再用 gongkai check 逐项补全；或用 --from 从上年文件开始本年文件\
            （沿用概况、单位设置和功能分类科目，金额清零）。从不覆盖已有文件。",
        after_help = "示例：\n  gongkai init data/new-unit --unit \"武汉市某某中心\" --year 2025\n  \
            gongkai init --from data/qingshan-bigdata/2024.toml --year 2025"
    )]
    Init(InitArgs),

    /// 把财务软件导出的决算或预算公开表（.xlsx、.xls、.ods）导入为输入文件
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai import [选项] <工作簿> -o <输出.toml>",
        long_about = "把财务软件导出的决算或预算公开表导入为输入文件：明细金额（注明来源单元格）、\
            表中合计（写入 [typed] 供 check 核对）和“待补充”占位。不覆盖已有文件，不改动工作簿。\
            种类按表的标题识别（--kind 可指定）；预算表标题不带年度时用 --year 给出。",
        after_help = "示例：\n  gongkai import 决算表.xlsx -o data/new-unit/2024.toml"
    )]
    Import(ImportArgs),

    /// 把公开表写成 Excel 工作簿
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai export xlsx [选项] <输入> -o <表格.xlsx>",
        subcommand_help_heading = "格式",
        subcommand_value_name = "格式"
    )]
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },

    /// 查看内置版式：列出全部，或打印一个版式文件（可另存后改写成新的版式）
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai edition list\n       gongkai edition show <版式名>",
        subcommand_help_heading = "命令",
        subcommand_value_name = "命令",
        after_help = "示例：\n  gongkai edition show wuhan-2024 > my-edition.toml"
    )]
    Edition {
        #[command(subcommand)]
        action: EditionAction,
    },

    /// 输出命令行自动补全脚本（bash、zsh、fish 等）
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai completions <SHELL>",
        after_help = "示例：\n  gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai\n  \
            gongkai completions zsh > ~/.zfunc/_gongkai\n  \
            gongkai completions fish > ~/.config/fish/completions/gongkai.fish"
    )]
    Completions {
        /// 目标 shell：bash、zsh、fish、elvish 或 powershell
        #[arg(
            value_name = "SHELL",
            help_heading = "参数",
            hide_possible_values = true
        )]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 工作簿（.xlsx、.xls、.ods）
    #[arg(value_name = "工作簿", help_heading = "参数")]
    pub workbook: PathBuf,

    /// 写出的输入文件（如 <单位>/<年度>.toml），不覆盖已有文件
    #[arg(
        short = 'o',
        long = "output",
        value_name = "输出.toml",
        help_heading = "选项",
        required = true
    )]
    pub output: PathBuf,

    /// 映射文件：工作簿的表和栏对应到输入字段的方式
    #[arg(long, value_name = "映射文件.toml", help_heading = "选项")]
    pub map: Option<PathBuf>,

    /// 种类：final（部门决算）或 budget（部门预算）；不给时按表的标题识别
    #[arg(
        long,
        value_enum,
        value_name = "种类",
        help_heading = "选项",
        hide_possible_values = true
    )]
    pub kind: Option<Kind>,

    /// 年度（预算表标题不带年度时给出）
    #[arg(long, value_name = "年度", value_parser = parse_year, help_heading = "选项")]
    pub year: Option<i32>,
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// 一表一个工作表，版式同印制（表头合并、栏次、数字格式）；绩效目标表（表单）不导出
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai export xlsx [选项] <输入> -o <表格.xlsx>",
        after_help = "有错误时拒绝写出，--draft 照样写出。\n示例：\n  gongkai export xlsx data/x/2024.toml -o 表格.xlsx"
    )]
    Xlsx(ExportXlsxArgs),
}

#[derive(Debug, Args)]
pub struct ExportXlsxArgs {
    /// 输入文件
    #[arg(value_name = "输入", help_heading = "参数")]
    pub input: PathBuf,

    /// 写出的工作簿
    #[arg(
        short = 'o',
        long = "output",
        value_name = "表格.xlsx",
        help_heading = "选项",
        required = true
    )]
    pub output: PathBuf,

    /// 按元写出精确金额（供导入回来），而不是印制的万元两位小数
    #[arg(long, help_heading = "选项")]
    pub exact: bool,

    /// 有错误时照样写出
    #[arg(long, help_heading = "选项")]
    pub draft: bool,
}

#[derive(Debug, Subcommand)]
pub enum EditionAction {
    /// 列出内置版式的名称
    #[command(help_template = HELP_TEMPLATE, override_usage = "gongkai edition list")]
    List,
    /// 打印一个内置版式文件
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "gongkai edition show <版式名>"
    )]
    Show {
        /// 版式名，如 wuhan-2024
        #[arg(value_name = "版式名", help_heading = "参数")]
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 输入文件（<单位>/<年度>.toml）；给出目录或多个文件时批量生成
    #[arg(value_name = "输入", help_heading = "参数")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub common: Common,

    /// 另写出生成的 Typst 源文件及其库（可用 typst compile --font-path fonts <目录>/main.typ 编译）；生成失败时也写出
    #[arg(
        long = "emit",
        num_args = 2,
        value_names = ["typ", "目录"],
        help_heading = "选项"
    )]
    pub emit: Option<Vec<String>>,

    /// 批量生成时全部重新生成（默认跳过输入文件和程序都未改动的单位，见 out/gongkai-manifest.json）
    #[arg(long, help_heading = "选项")]
    pub force: bool,
}

/// What `build` and `watch` share.
#[derive(Debug, Args)]
pub struct Common {
    /// 输出的 PDF 文件（默认 out/<单位目录名>-<年度>.pdf；批量生成时不能用）
    #[arg(
        short = 'o',
        long = "output",
        value_name = "输出.pdf",
        help_heading = "选项"
    )]
    pub output: Option<PathBuf>,

    /// 有错误时照样生成，每页加“草稿”水印，并列出未解决的问题
    #[arg(long, help_heading = "选项")]
    pub draft: bool,

    /// 用该目录中同名的模板替换内置模板（如 parts/part4.typ、lib/booklet.typ）
    #[arg(long, value_name = "目录", help_heading = "选项")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 输入文件（不给时核对内置示例）
    #[arg(value_name = "输入", help_heading = "参数")]
    pub input: Option<PathBuf>,

    /// 输出格式：text（默认，中文诊断，写到标准错误）或 json（同样的诊断，写到标准输出）
    #[arg(
        long,
        value_enum,
        default_value_t = Format::Text,
        value_name = "格式",
        help_heading = "选项",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: Format,

    /// 有警告也以退出码 1 结束
    #[arg(long, help_heading = "选项")]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 与 rustc 相同格式的中文诊断，写到标准错误
    Text,
    /// 同样的诊断，JSON 格式，写到标准输出
    Json,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// 要监视的输入文件
    #[arg(value_name = "输入", help_heading = "参数")]
    pub input: PathBuf,

    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 写出骨架的目录（用 --from 时不给）
    #[arg(
        value_name = "目录",
        help_heading = "参数",
        required_unless_present = "from"
    )]
    pub dir: Option<PathBuf>,

    /// 单位名称
    #[arg(
        long,
        value_name = "单位名称",
        help_heading = "选项",
        required_unless_present = "from"
    )]
    pub unit: Option<String>,

    /// 年度（如 2025）
    #[arg(long, value_name = "年度", value_parser = parse_year, help_heading = "选项")]
    pub year: i32,

    /// 上年的输入文件：本年文件写在它旁边
    #[arg(long, value_name = "上年文件", help_heading = "选项", conflicts_with_all = ["dir", "unit"])]
    pub from: Option<PathBuf>,

    /// 骨架的种类：final（部门决算，默认）或 budget（部门预算）
    #[arg(
        long,
        value_enum,
        default_value_t = Kind::Final,
        value_name = "种类",
        help_heading = "选项",
        hide_possible_values = true,
        hide_default_value = true,
        conflicts_with = "from"
    )]
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// 部门决算
    Final,
    /// 部门预算
    Budget,
}

impl Kind {
    pub fn booklet(self) -> crate::input::BookletKind {
        match self {
            Kind::Final => crate::input::BookletKind::Final,
            Kind::Budget => crate::input::BookletKind::Budget,
        }
    }
}

fn parse_year(text: &str) -> Result<i32, String> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .ok_or_else(|| "应为四位数的年度，如 2025".to_string())
}

impl BuildArgs {
    /// The directory `--emit typ <dir>` names. clap checks there are two values; the
    /// first must be the kind `typ`, checked in `usage::validate`.
    pub fn emit_dir(&self) -> Option<PathBuf> {
        self.emit.as_ref().map(|v| PathBuf::from(&v[1]))
    }
}

/// The whole command as clap sees it (for completions and help).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
