//! The drawings of section 3.2 and the page's equations agree: the cell
//! diagram tags exactly the equations (L1)–(L6) that the page numbers, and
//! every colour of the backward equations is an arrow of the drawings.

use figures::{equation_tags, textcolours};

fn page() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/ch03-2-lstm.md");
    std::fs::read_to_string(path).expect("the page of section 3.2")
}

#[test]
fn the_cell_diagram_tags_the_equations_of_the_page() {
    let svg = lstm::diagram::cell().to_svg();
    let on_page = equation_tags(&page(), 'L');
    assert_eq!(
        on_page.len(),
        6,
        "the page numbers (L1) to (L6): {on_page:?}"
    );
    assert_eq!(equation_tags(&svg, 'L'), on_page);
}

#[test]
fn the_colours_of_the_backward_equations_are_arrows_of_both_drawings() {
    let bptt = lstm::bptt_diagram::bptt().to_svg();
    let paths = lstm::diagram::gradient_paths().to_svg();
    let colours = textcolours(&page());
    assert_eq!(
        colours.len(),
        4,
        "δ_t, the gates' term, γ_t and the term from h_t into C_t: {colours:?}"
    );
    for c in colours {
        let stroke = format!("stroke=\"{c}\"");
        assert!(
            bptt.contains(&stroke),
            "no arrow of colour {c} in the unrolled drawing"
        );
        // δ_t comes from the loss, which only the unrolled drawing has.
        assert!(
            paths.contains(&stroke) || c == "#CC79A7",
            "no arrow of colour {c} in the drawing of one step"
        );
    }
}
