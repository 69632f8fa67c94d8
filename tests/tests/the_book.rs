//! The real book: it builds, every check passes, and the formulas are typeset.

use std::path::Path;

use xtask::{build_book, workspace_root};

/// Build the whole book once (figures into book/figures, HTML into a
/// temporary folder) and return the folder.
fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("book");
    build_book(&workspace_root(), &out, 42, None)
        .expect("the book must build with every check passing");
    (dir, out)
}

fn page(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The page with the contents of every `<pre>` element removed.
fn without_verbatim(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<pre") {
        kept.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</pre>")
            .map_or(rest.len(), |e| start + e + "</pre>".len());
        rest = &rest[end..];
    }
    kept.push_str(rest);
    kept
}

#[test]
fn verbatim_text_is_left_out_of_the_formula_checks_and_nothing_else_is() {
    let page = "<p>$$x$$</p><pre class=\"sample\">$$y$$</pre><p>z</p><pre>a</pre>";
    assert_eq!(without_verbatim(page), "<p>$$x$$</p><p>z</p>");
}

#[test]
fn the_book_builds_and_passes_every_check() {
    let (_dir, out) = built();

    // Formulas are typeset at build time: no TeX left, no CDN, no strikethrough
    // made by Markdown out of KaTeX's output.
    for html in xtask::checks::files_with_extension(&out, "html").unwrap() {
        // Text shown verbatim (code, generated samples) may hold any
        // characters; the checks are about the prose and its formulas.
        let text = without_verbatim(&std::fs::read_to_string(&html).unwrap());
        let name = html.display();
        assert!(
            !text.contains("\\begin{aligned}"),
            "{name}: raw TeX left in the page"
        );
        assert!(
            !text.contains("$$"),
            "{name}: a display formula was not typeset"
        );
        assert!(
            !text.contains("<del>"),
            "{name}: Markdown struck through part of a formula"
        );
        assert!(
            !text.contains("cdn.jsdelivr"),
            "{name}: KaTeX's CSS is linked from a CDN"
        );
    }

    // The LSTM page shows its six equations as one typeset block whose rows
    // name every gate and state.
    let lstm = page(&out, "ch03-2-lstm.html");
    let display = lstm
        .find("katex-display")
        .expect("the LSTM equations are typeset");
    let block = &lstm[display..];
    let rows = block.find("col-align-r").expect("an aligned block");
    assert!(block[rows..].contains("mathnormal\">i</span>"));
    assert!(
        lstm.contains("katex/katex.min.css"),
        "KaTeX's CSS is linked from the book itself"
    );
    assert!(out.join("katex/fonts/KaTeX_Main-Regular.woff2").is_file());
}

#[test]
fn every_chapter_carries_the_article_title_as_subtitle() {
    let book = workspace_root().join("book");
    let expected = [
        ("ch01-background.md", "背景介绍"),
        ("ch02-core-concepts.md", "核心概念与联系"),
        (
            "ch03-algorithms.md",
            "核心算法原理和具体操作步骤以及数学模型公式详细讲解",
        ),
        ("ch03-1-vanilla-rnn.md", "循环层的基本结构"),
        ("ch03-2-lstm.md", "LSTM的基本结构"),
        ("ch03-3-gru.md", "GRU的基本结构"),
        ("ch04-imdb.md", "具体代码实例和详细解释说明"),
        ("ch05-future.md", "未来发展趋势与挑战"),
        ("ch06-faq.md", "附录常见问题与解答"),
    ];
    let summary = std::fs::read_to_string(book.join("SUMMARY.md")).unwrap();
    for (file, title) in expected {
        assert!(
            summary.contains(&format!("({file})")),
            "SUMMARY.md does not list {file}"
        );
        let text = std::fs::read_to_string(book.join(file)).unwrap();
        let subtitle = text.lines().find(|l| l.starts_with("*Article section:"));
        assert!(
            subtitle.is_some_and(|l| l.contains(title)),
            "{file}: the subtitle must give the article's title {title}"
        );
    }
}

#[test]
fn book_toml_refuses_missing_chapters_and_cdn_css() {
    let toml = std::fs::read_to_string(workspace_root().join("book.toml")).unwrap();
    assert!(toml.contains("create-missing = false"));
    assert!(toml.contains("no-css = true"));
    assert!(toml.contains("build-dir = \"target/book\""));
}

/// KaTeX runs on the raw Markdown, so inline math that wraps onto the next
/// line of a block quote swallows the "> " marker. Every quoted line must
/// open and close its own inline formulas.
#[test]
fn inline_math_in_block_quotes_stays_on_one_line() {
    let book = workspace_root().join("book");
    let mut bad = Vec::new();
    for page in xtask::checks::files_with_extension(&book, "md").unwrap() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (n, line) in text.lines().enumerate() {
            let single_dollars = line.replace("$$", "").matches('$').count();
            if line.starts_with('>') && single_dollars % 2 == 1 {
                bad.push(format!("{}:{}", page.display(), n + 1));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "inline math wraps across quoted lines at {bad:?}"
    );
}

/// Every figure and generated table is a pure function of the code, the seed
/// and the recorded results: two runs give the same bytes.
#[test]
fn figures_are_byte_identical_for_the_same_seed() {
    let root = workspace_root();
    let make = || {
        let dir = tempfile::tempdir().unwrap();
        let results = dir.path().join("results");
        std::fs::create_dir_all(&results).unwrap();
        for entry in std::fs::read_dir(root.join("book/results")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, results.join(path.file_name().unwrap())).unwrap();
        }
        let made = xtask::parts::make_all(
            &root,
            &dir.path().join("figures"),
            &dir.path().join("generated"),
            7,
        )
        .unwrap();
        let figures = made
            .iter()
            .filter(|m| m.path.starts_with(dir.path().join("figures")))
            .count();
        assert!(figures >= 4, "every chapter's figures are made: {made:?}");
        assert!(
            made.iter()
                .all(|m| m.path.starts_with(dir.path()) && !m.origin.is_empty()),
            "every part is written into the folders given, and says what made it: {made:?}"
        );
        let bytes: Vec<(String, Vec<u8>)> = made
            .iter()
            .map(|m| {
                (
                    m.path.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&m.path).unwrap(),
                )
            })
            .collect();
        (dir, bytes)
    };
    let (_a, first) = make();
    let (_b, second) = make();
    assert_eq!(first, second);
}
