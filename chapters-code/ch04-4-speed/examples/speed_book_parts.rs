//! The figure and the tables of sections 3.4 and 4.4 (the steps, the
//! comparison with PyTorch, the accuracy on both paths), redrawn from their
//! recorded results. The benchmark tables are rendered by `cargo xtask`
//! from the sets declared under `[package.metadata.book]`.
//!
//! `cargo run -p speed --example speed_book_parts -- --figures book/figures --generated book/generated`

use speed::ablation::{self, StepsRecord};
use speed::speed_figures::{
    accuracy_table, comparison_table, load_accuracy, load_comparison, write_figure,
};

fn main() -> std::process::ExitCode {
    figures::parts::run(env!("CARGO_PKG_NAME"), |parts| {
        let (steps, by) = ("ch03-4-steps.json", "bash compare/steps.sh");
        let recorded: StepsRecord =
            fileio::load_json(&parts.recorded(steps), &format!("`{by}`"))?;
        let origin = parts.redrawn(steps, by);
        parts.table("ch03-4-steps.md", &ablation::table(&recorded), &origin)?;

        let pytorch = "ch03-4-pytorch.json";
        let origin = parts.redrawn(pytorch, "speed compare-pytorch");
        let comparison = load_comparison(&parts.recorded(pytorch))?;
        parts.made(
            &write_figure(&parts.recorded(pytorch), parts.figures())?,
            &origin,
        );
        parts.table("ch03-4-pytorch.md", &comparison_table(&comparison), &origin)?;

        let accuracy = "ch03-4-accuracy.json";
        let origin = parts.redrawn(accuracy, "speed fast-accuracy");
        let recorded = load_accuracy(&parts.recorded(accuracy))?;
        parts.table("ch03-4-accuracy.md", &accuracy_table(&recorded), &origin)?;
        Ok(())
    })
}
