//! Appendix A's summary of every gradient check in the book: each chapter's
//! suite, in the order of the book. A chapter with a new suite adds it here
//! (and as a dev-dependency of this crate).
//!
//! `cargo run -p gradcheck --example gradcheck_book_parts -- --figures book/figures --generated book/generated`

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let reports = [
            vanilla_rnn::suite::reports(),
            lstm::suite::reports(),
            gru::suite::reports(),
            recurrent::suite::reports(),
            seq2seq::suite::reports(),
            char_lm::suite::reports(),
            future::suite::reports(),
            faq_experiments::suite::reports(),
        ]
        .concat();
        let table = gradcheck::summary::table(&reports);
        parts.table("gradcheck-summary.md", &table, &parts.command())?;
        Ok(())
    })
}
