//! What section 4.2 says of its recorded bottleneck experiment
//! (`book/results/ch04-2-bottleneck.json`), checked against that file: the
//! page's sentences stay true if the experiment is recorded again.

use std::path::PathBuf;

use seq2seq::beam_eval::{BeamEvaluation, BeamPoint};
use seq2seq::bottleneck::{BottleneckResults, BottleneckRun, Decoder};
use seq2seq::bottleneck_figures::load;

fn recorded() -> BottleneckResults {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results/ch04-2-bottleneck.json");
    load(&path).unwrap_or_else(|e| panic!("{e:#}"))
}

fn run(r: &BottleneckResults, decoder: Decoder, hidden: usize) -> &BottleneckRun {
    r.runs
        .iter()
        .find(|b| b.decoder == decoder && b.run.config.hidden == hidden)
        .unwrap_or_else(|| panic!("no run {decoder}, H = {hidden}"))
}

/// The first length whose exact match is below one half (`usize::MAX` if none).
fn first_below_half(b: &BottleneckRun) -> usize {
    b.run
        .by_length
        .iter()
        .find(|l| l.exact_match < 0.5)
        .map_or(usize::MAX, |l| l.length)
}

fn point(beams: &BeamEvaluation, width: usize, alpha: f64) -> &BeamPoint {
    beams
        .points
        .iter()
        .find(|p| p.width == width && p.alpha == alpha)
        .unwrap_or_else(|| panic!("no beam of width {width}, alpha {alpha}"))
}

#[test]
fn recorded_bottleneck_says_what_section_4_2_says() {
    let r = recorded();
    assert!(!r.quick, "the book records the full experiment");
    assert_eq!(r.config.hiddens, vec![32, 64, 128]);
    // Without attention the exact match falls below one half at a length
    // that grows with H, and is near zero at 30 digits for every H.
    let falls: Vec<usize> = r
        .config
        .hiddens
        .iter()
        .map(|&h| first_below_half(run(&r, Decoder::Plain, h)))
        .collect();
    assert!(falls.windows(2).all(|w| w[0] < w[1]), "{falls:?}");
    assert!(falls.iter().all(|&f| f <= 30), "{falls:?}");
    for &h in &r.config.hiddens {
        let plain = run(&r, Decoder::Plain, h);
        let attention = run(&r, Decoder::Attention, h);
        assert!(plain.run.by_length.last().expect("lengths").exact_match < 0.05);
        // The models without attention had not quite levelled off at the end.
        let curve = &plain.run.curve;
        assert_eq!(
            (
                curve[curve.len() - 2].iteration,
                curve[curve.len() - 1].iteration
            ),
            (3500, 4000)
        );
        assert!(curve[curve.len() - 1].exact_match > curve[curve.len() - 2].exact_match);
        // With attention every size stays near one over all lengths.
        assert!(attention.run.final_exact_match > 0.99, "H = {h}");
        assert!(attention.run.final_exact_match > plain.run.final_exact_match);
        // and takes longer to train (the table's last column).
        assert!(attention.run.seconds > plain.run.seconds);
    }
    // Every size without attention reverses the shortest strings.
    for &h in &r.config.hiddens {
        assert!(run(&r, Decoder::Plain, h).run.by_length[0].exact_match > 0.99);
    }
    // A larger state carries a longer string, though far less than in
    // proportion to its size (4 times the units, not 4 times the length).
    assert!(falls[2] < 4 * falls[0], "{falls:?}");
    // With attention, H = 64 and 128 answer every string of every length;
    // H = 32 reaches 0.98 up to 29 digits and dips at 30.
    for h in [64, 128] {
        let b = run(&r, Decoder::Attention, h);
        assert!(
            b.run.by_length.iter().all(|l| l.exact_match == 1.0),
            "H = {h}"
        );
    }
    let small_lengths = &run(&r, Decoder::Attention, 32).run.by_length;
    assert!(
        small_lengths
            .iter()
            .filter(|l| l.length <= 29)
            .all(|l| l.exact_match >= 0.98)
    );
    assert!(small_lengths.last().expect("lengths").exact_match < 0.98);
    // The smallest model with attention beats the largest without, with
    // fewer parameters.
    let small = run(&r, Decoder::Attention, 32);
    let large = run(&r, Decoder::Plain, 128);
    assert!(small.run.final_exact_match > large.run.final_exact_match);
    assert!(small.run.parameters < large.run.parameters);
}

#[test]
fn recorded_beams_say_what_section_4_2_says() {
    let r = recorded();
    for &h in &r.config.hiddens {
        let beams = run(&r, Decoder::Plain, h)
            .beams
            .as_ref()
            .expect("every model without attention has its beams");
        let (greedy, wide) = (point(beams, 1, 0.0), point(beams, 8, 0.0));
        // No answer is left unfinished at the step limit.
        assert!(beams.points.iter().all(|p| p.unfinished == 0.0), "H = {h}");
        // Greedy decoding makes search errors, a beam of 8 none, and the
        // exact match rises, while the model errors do not fall.
        assert!(greedy.search_errors > 0.0, "H = {h}");
        assert_eq!(wide.search_errors, 0.0, "H = {h}");
        assert!(wide.exact_match > greedy.exact_match, "H = {h}");
        // The model errors do not fall as the width grows.
        let model_errors: Vec<f64> = r
            .config
            .beam_widths
            .iter()
            .map(|&w| point(beams, w, 0.0).model_errors)
            .collect();
        assert!(
            model_errors.windows(2).all(|w| w[0] <= w[1]),
            "H = {h}: {model_errors:?}"
        );
        // Most wrong answers under greedy decoding are the model's.
        assert!(greedy.model_errors > greedy.search_errors, "H = {h}");
        // The mean log p of the answer grows with the width (α = 0).
        let by_width: Vec<f64> = r
            .config
            .beam_widths
            .iter()
            .map(|&w| point(beams, w, 0.0).mean_log_prob)
            .collect();
        assert!(
            by_width.windows(2).all(|w| w[0] <= w[1]),
            "H = {h}: {by_width:?}"
        );
        // Both normalisations give the same exact match at every width.
        for &w in &r.config.beam_widths {
            assert_eq!(
                point(beams, w, 0.0).exact_match,
                point(beams, w, 1.0).exact_match,
                "H = {h}, width {w}"
            );
        }
    }
    // With H = 32 and width 16 the plain score finds more likely (shorter) answers.
    let beams = run(&r, Decoder::Plain, 32).beams.as_ref().expect("beams");
    assert!(point(beams, 16, 0.0).mean_log_prob > point(beams, 16, 1.0).mean_log_prob);
}
