//! 第四部分 重点工作完成情况, as the user writes it: headed sections of text and the
//! summary table (序号 / 重要事项 / 工作内容及目标 / 完成情况).

use super::TextSection;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyWorkInput {
    #[serde(default)]
    pub sections: Vec<TextSection>,
    /// The summary table, one entry per 重要事项; 序号 is counted.
    #[serde(default)]
    pub table: Vec<KeyWorkRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyWorkRow {
    /// 重要事项
    pub matter: Spanned<String>,
    /// 工作内容及目标; each line stays a line in the cell.
    pub content: Spanned<String>,
    /// 完成情况; each line stays a line in the cell.
    pub status: Spanned<String>,
}

impl KeyWorkInput {
    pub fn text_fields(&self) -> Vec<(String, &Spanned<String>)> {
        let mut fields = Vec::new();
        for (i, s) in self.sections.iter().enumerate() {
            fields.push((format!("key_work.sections[{i}].title"), &s.title));
            fields.push((format!("key_work.sections[{i}].text"), &s.text));
        }
        for (i, r) in self.table.iter().enumerate() {
            fields.push((format!("key_work.table[{i}].matter"), &r.matter));
            fields.push((format!("key_work.table[{i}].content"), &r.content));
            fields.push((format!("key_work.table[{i}].status"), &r.status));
        }
        fields
    }
}
