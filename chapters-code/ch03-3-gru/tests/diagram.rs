//! The drawings of section 3.3 and the page's equations agree: both forms'
//! diagrams tag exactly the equations (G1)–(G4) that the page numbers.

use figures::equation_tags;
use gru::GruForm;

#[test]
fn both_diagrams_tag_the_equations_of_the_page() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/ch03-3-gru.md");
    let page = std::fs::read_to_string(path).expect("the page of section 3.3");
    let on_page = equation_tags(&page, 'G');
    assert_eq!(
        on_page.len(),
        4,
        "the page numbers (G1) to (G4): {on_page:?}"
    );
    for form in [GruForm::ResetBefore, GruForm::ResetAfter] {
        let svg = gru::diagram::cell(form).to_svg();
        assert_eq!(equation_tags(&svg, 'G'), on_page, "{form:?}");
    }
}
