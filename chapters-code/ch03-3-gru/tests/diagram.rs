//! The drawings of section 3.3 and the page's equations agree: both forms'
//! diagrams tag exactly the equations of the page that they draw: (G1)–(G4)
//! in the article's form, and (G5), the reset-after candidate, in place of
//! (G3) in the other.

use figures::equation_tags;
use gru::GruForm;

#[test]
fn both_diagrams_tag_the_equations_of_the_page() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/ch03-3-gru.md");
    let page = std::fs::read_to_string(path).expect("the page of section 3.3");
    let on_page = equation_tags(&page, 'G');
    assert_eq!(
        on_page.len(),
        5,
        "the page numbers (G1) to (G5): {on_page:?}"
    );
    for (form, other) in [
        (GruForm::ResetBefore, "(G5)"),
        (GruForm::ResetAfter, "(G3)"),
    ] {
        let svg = gru::diagram::cell(form).to_svg();
        let mut expected = on_page.clone();
        expected.remove(other);
        assert_eq!(equation_tags(&svg, 'G'), expected, "{form:?}");
    }
}
