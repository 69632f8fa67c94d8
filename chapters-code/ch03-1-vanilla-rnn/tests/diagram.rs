//! The drawings of section 3.1 and the page's equations agree: the cell
//! diagram tags exactly the equations (V1), (V2) that the page numbers, and
//! every colour of the backward equation is an arrow of the BPTT drawing.

use figures::{equation_tags, textcolours};

fn page() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../book/ch03-1-vanilla-rnn.md"
    );
    std::fs::read_to_string(path).expect("the page of section 3.1")
}

#[test]
fn the_cell_diagram_tags_the_equations_of_the_page() {
    let svg = vanilla_rnn::diagram::cell().to_svg();
    let on_page = equation_tags(&page(), 'V');
    assert_eq!(
        on_page.len(),
        2,
        "the page numbers (V1) and (V2): {on_page:?}"
    );
    assert_eq!(equation_tags(&svg, 'V'), on_page);
}

#[test]
fn the_colours_of_the_backward_equation_are_arrows_of_the_bptt_drawing() {
    let svg = vanilla_rnn::diagram::bptt().to_svg();
    let colours = textcolours(&page());
    assert_eq!(colours.len(), 3, "three coloured terms of h̄_t: {colours:?}");
    for c in colours {
        assert!(
            svg.contains(&format!("stroke=\"{c}\"")),
            "no arrow of colour {c} in the drawing"
        );
    }
}
