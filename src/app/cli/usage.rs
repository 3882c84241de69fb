//! Bad command lines: clap's errors retold in Chinese, pointing at the argument that is
//! wrong the way a diagnostic points into a file. They exit with code 2.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::fmt::Write;

/// A command line that cannot be run, with the argument to point at.
#[derive(Debug)]
pub struct UsageError {
    pub message: String,
    /// The argument that is wrong (`--frobnicate`, `2O25`), when one is.
    pub token: Option<String>,
    pub help: Option<String>,
    /// The subcommand the error is in (`build`, …), for the usage line.
    pub command: Option<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        UsageError {
            message: message.into(),
            token: None,
            help: None,
            command: None,
        }
    }

    pub fn at(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn in_command(mut self, command: &str) -> Self {
        self.command = Some(command.to_string());
        self
    }

    /// The message, the command line with the argument underlined, the usage line.
    pub fn render(&self, argv: &[String]) -> String {
        let mut out = format!("错误：{}\n", self.message);
        let line = command_line(argv);
        if let Some((start, width)) = self.token.as_deref().and_then(|t| locate(argv, t)) {
            let lead: usize = line[..start]
                .chars()
                .map(crate::base::diag::display_width)
                .sum();
            let marks: usize = line[start..start + width]
                .chars()
                .map(crate::base::diag::display_width)
                .sum();
            let _ = write!(
                out,
                "  |\n  | {line}\n  | {}{}\n",
                " ".repeat(lead),
                "^".repeat(marks.max(1))
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = 提示：{help}");
        }
        let mut cmd = super::command();
        let sub = self.command.as_deref().unwrap_or("");
        let usage = match cmd.find_subcommand_mut(sub) {
            Some(sub) => sub.render_usage().to_string(),
            None => cmd.render_usage().to_string(),
        };
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        let more = if sub.is_empty() {
            "gongkai --help".to_string()
        } else {
            format!("gongkai {sub} --help")
        };
        let _ = write!(out, "\n用法：{usage}\n详细说明：{more}\n");
        out
    }
}

/// The arguments as typed, one line, quoted where they hold spaces.
fn command_line(argv: &[String]) -> String {
    let mut words = vec!["gongkai".to_string()];
    words.extend(argv.iter().map(|a| quote(a)));
    words.join(" ")
}

fn quote(arg: &str) -> String {
    if arg.is_empty() || arg.chars().any(char::is_whitespace) {
        format!("\"{arg}\"")
    } else {
        arg.to_string()
    }
}

/// Byte start and length in `command_line(argv)` of the argument `token` (or of the
/// value part of `--option=token`).
fn locate(argv: &[String], token: &str) -> Option<(usize, usize)> {
    let mut offset = "gongkai ".len();
    for arg in argv {
        let shown = quote(arg);
        if arg == token {
            return Some((offset, shown.len()));
        }
        if let Some(at) = arg.find('=').filter(|&i| &arg[i + 1..] == token) {
            return Some((offset + at + 1, token.len()));
        }
        offset += shown.len() + 1;
    }
    None
}

fn text(value: Option<&ContextValue>) -> Option<String> {
    match value? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The option's name as the user wrote it: `--year <年度>` → `--year`.
fn option_name(arg: &str) -> &str {
    arg.split([' ', '=']).next().unwrap_or(arg)
}

/// clap's error in Chinese. `None` for help and version output, which clap prints.
pub fn from_clap(err: &clap::Error, argv: &[String]) -> Option<UsageError> {
    let get = |kind| text(err.get(kind));
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue);
    let suggestion = get(ContextKind::SuggestedArg)
        .or_else(|| get(ContextKind::SuggestedSubcommand))
        .or_else(|| get(ContextKind::SuggestedValue))
        .map(|s| format!("您是否想写 `{s}`？"));
    let mut error = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            UsageError::new(format!("不认识的选项“{arg}”")).at(&arg)
        }
        ErrorKind::UnknownArgument => UsageError::new(format!("多余的参数“{arg}”"))
            .at(&arg)
            .help("这个命令不接受更多的输入文件"),
        ErrorKind::InvalidSubcommand => {
            let name = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            UsageError::new(format!("不认识的命令“{name}”"))
                .at(&name)
                .help("命令有 build、check、watch、init、import、export、edition、completions")
        }
        ErrorKind::InvalidValue => {
            let value = value.unwrap_or_default();
            let valid = get(ContextKind::ValidValue).unwrap_or_default();
            let message = if value.is_empty() {
                format!("{} 后面需要给出取值", option_name(&arg))
            } else {
                format!("{} 不能取“{value}”", option_name(&arg))
            };
            let e = UsageError::new(message).help(format!("可选的取值：{valid}"));
            if value.is_empty() {
                e.at(option_name(&arg))
            } else {
                e.at(value)
            }
        }
        ErrorKind::ValueValidation => {
            let value = value.unwrap_or_default();
            let reason = std::error::Error::source(err)
                .map(ToString::to_string)
                .unwrap_or_default();
            UsageError::new(format!(
                "{} 的取值“{value}”无效：{reason}",
                option_name(&arg)
            ))
            .at(value)
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues => {
            UsageError::new(format!("{} 后面的取值个数不对", option_name(&arg)))
                .at(option_name(&arg))
                .help(format!("应写作 {arg}"))
        }
        ErrorKind::NoEquals => {
            UsageError::new(format!("{} 后面需要给出取值", option_name(&arg))).at(option_name(&arg))
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg).unwrap_or_default();
            UsageError::new(format!(
                "{} 不能与 {} 同时使用",
                option_name(&arg),
                option_name(&prior)
            ))
            .at(option_name(&arg))
        }
        ErrorKind::MissingRequiredArgument => UsageError::new(format!("缺少必需的参数：{arg}")),
        ErrorKind::MissingSubcommand => UsageError::new("缺少命令"),
        _ => UsageError::new(format!("命令行有误：{}", err.render())),
    };
    if let Some(s) = suggestion {
        error.help = Some(match error.help.take() {
            Some(h) => format!("{s}{h}"),
            None => s,
        });
    }
    error.command = subcommand_of(argv);
    Some(error)
}

/// The subcommand named on the command line, if any.
fn subcommand_of(argv: &[String]) -> Option<String> {
    let cmd = super::command();
    argv.iter()
        .find(|a| cmd.find_subcommand(a.as_str()).is_some())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(line: &str) -> Vec<String> {
        line.split(' ').map(String::from).collect()
    }

    #[test]
    fn points_at_the_argument() {
        let argv = argv("build --frobnicate x.toml");
        let text = UsageError::new("不认识的选项“--frobnicate”")
            .at("--frobnicate")
            .in_command("build")
            .render(&argv);
        assert!(
            text.contains("  | gongkai build --frobnicate x.toml\n"),
            "{text}"
        );
        assert!(
            text.contains("\n  |               ^^^^^^^^^^^^\n"),
            "{text}"
        );
        assert!(text.contains("详细说明：gongkai build --help"), "{text}");
    }

    #[test]
    fn points_at_the_value_of_an_option_with_equals() {
        let argv = argv("check --format=xml");
        assert_eq!(
            locate(&argv, "xml"),
            Some(("gongkai check --format=".len(), 3))
        );
    }

    #[test]
    fn wide_characters_take_two_columns_in_the_underline() {
        let argv = argv("init 新单位 --year 二〇二五");
        let text = UsageError::new("x").at("二〇二五").render(&argv);
        let caret_line = text.lines().find(|l| l.contains('^')).unwrap();
        // "gongkai init 新单位 --year " is 27 columns wide (新单位 takes six).
        assert_eq!(
            caret_line,
            format!("  | {}{}", " ".repeat(27), "^".repeat(8))
        );
    }
}
