//! User text is data, not markup: names and paragraphs full of Typst syntax print
//! literally in the typeset booklet.

use crate::support;

use support::{build_sample, squashed_lines};

#[test]
fn markup_characters_print_literally() {
    let built = build_sample("tests/inputs/markup_name.toml");
    let lines = squashed_lines(&built.document);
    let name = "测试#单位*[1]$x$<a>@b\\n";
    let has = |wanted: &str| lines.iter().any(|l| l.contains(wanted));
    assert!(
        has(&format!("2024年度{name}")),
        "cover title:\n{}",
        lines.join("\n")
    );
    assert!(has(&format!("单位：{name}")), "table unit line");
    assert!(has("职责#strong[不是标记]=标题？"), "section title");
    // The paragraph wraps after the URL's host; check it up to there and the rest.
    assert!(has(
        "-不是列表；1.不是编号；_不是强调_；`不是代码`；//不是注释；http://example.org/"
    ));
    assert!(
        lines.iter().any(|l| l.starts_with("a_b")),
        "underscores stay literal"
    );
    assert!(
        has("事业运行#pagebreak()\\与$1+1$"),
        "item name in the tables"
    );
    // A reason in the narrative: the marks of Typst and of the narrative templates
    // print as written, within its sentence.
    let all: String = lines.concat();
    assert!(
        all.contains("增长19.0%，主要原因是#strong[不是标记]¶§$1$。"),
        "narrative reason:\n{}",
        lines.join("\n")
    );
}
