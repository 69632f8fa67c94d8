//! Every option and argument of every subcommand of `faq` says what it
//! does in the program's help.

#[test]
fn every_option_of_every_subcommand_has_help_text() {
    let missing = fileio::help::undocumented(env!("CARGO_BIN_EXE_faq"));
    assert!(
        missing.is_empty(),
        "options without help text:\n{}",
        missing.join("\n")
    );
}
