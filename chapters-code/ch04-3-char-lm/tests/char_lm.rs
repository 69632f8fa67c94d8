//! The corpus, the model's gradients (finite differences in f64), the
//! streaming evaluation, sampling, and learning on a small text.

use char_lm::corpus::{Corpus, Split, UNKNOWN, read_markdown};
use char_lm::model::CharLm;
use char_lm::train::{CharLmConfig, streams, train};
use gradcheck::suite::assert_reports;
use ndarray::{Array2, array};
use rand::SeedableRng;
use rand::rngs::StdRng;

fn texts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

#[test]
fn whole_files_are_held_out_and_no_file_is_in_both_parts() {
    let names = ["a.rs", "b.rs", "c.rs", "d.rs", "e.rs", "f.rs", "g.rs"];
    let files: Vec<(&str, String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("{i}").repeat(5)))
        .collect();
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let corpus = Corpus::build(&texts(&pairs), Split::EveryNthFile(3), 1);
    // Files 1 and 4 (of 0 … 6) are held out, whole; the others train.
    assert_eq!(corpus.decode(&corpus.held_out), "¤¤¤¤¤¤¤¤¤¤");
    assert_eq!(corpus.decode(&corpus.train), "0000022222333335555566666");
}

#[test]
fn every_file_gives_its_last_tenth_to_the_held_out_text() {
    let corpus = Corpus::build(
        &texts(&[("a.md", "aaaaaaaaab"), ("b.md", "cccccccccd")]),
        Split::Tail(0.1),
        3,
    );
    assert_eq!(corpus.held_out.len(), 2);
    assert_eq!(corpus.train.len(), 18);
    // 'b' and 'd' never occur in training: they are unknown.
    assert_eq!(corpus.held_out, vec![UNKNOWN, UNKNOWN]);
    assert_eq!(corpus.decode(&corpus.train[..9]), "aaaaaaaaa");
    assert_eq!(corpus.encode("ac?"), vec![1, 2, UNKNOWN]);
    assert_eq!(corpus.vocab_size(), 3, "unknown, 'a', 'c'");
}

#[test]
fn the_unigram_perplexity_is_that_of_the_smoothed_training_frequencies() {
    let corpus = Corpus::build(&texts(&[("a.md", "aaabbbbbbbab")]), Split::Tail(0.1), 1);
    // Training "aaabbbbbbba" (a: 4, b: 7), held out "b"; add-one counts over
    // {unknown, a, b}: 1, 5, 8, total 14.
    assert_eq!(corpus.held_out, corpus.encode("b"));
    let expected = 14.0 / 8.0;
    assert!((corpus.unigram_perplexity() - expected).abs() < 1e-12);
}

#[test]
fn reading_the_sources_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_markdown(dir.path()).unwrap_err().to_string();
    assert!(err.contains("no Markdown"), "{err}");
    std::fs::write(dir.path().join("b.md"), "second").unwrap();
    std::fs::write(dir.path().join("a.md"), "first").unwrap();
    std::fs::write(dir.path().join("c.txt"), "ignored").unwrap();
    let files = read_markdown(dir.path()).unwrap();
    assert_eq!(files, texts(&[("a.md", "first"), ("b.md", "second")]));
}

#[test]
fn streams_are_contiguous_pieces() {
    let ids: Vec<usize> = (0..11).collect();
    assert_eq!(streams(&ids, 2), array![[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]);
}

#[test]
fn gradcheck_char_lm_chunk_from_a_carried_state() {
    let reports = char_lm::suite::reports();
    // The fast LSTM's w_x, w_h, b and the dense layer's w, b.
    assert_eq!(reports[0].1.tensors.len(), 5, "every parameter is checked");
    assert_reports(&reports, 1);
}

#[test]
fn streaming_evaluation_equals_one_long_chunk() {
    let model = CharLm::<f64>::new(6, 5, &mut StdRng::seed_from_u64(8));
    let text = vec![1, 2, 3, 4, 5, 0, 1, 2, 3, 3, 2, 1, 5];
    let inputs = Array2::from_shape_fn((12, 1), |(t, _)| text[t]);
    let targets = Array2::from_shape_fn((12, 1), |(t, _)| text[t + 1]);
    let whole = model
        .chunk_loss_and_grads(inputs.view(), targets.view(), &model.zero_state(1))
        .loss;
    for chunk in [1, 3, 5, 12, 100] {
        let streamed = model.mean_cross_entropy(&text, chunk);
        assert!(
            (streamed - whole).abs() < 1e-12,
            "chunk {chunk}: {streamed} vs {whole}"
        );
    }
}

#[test]
fn sampling_is_seeded_and_a_cold_temperature_picks_the_likeliest() {
    let model = CharLm::<f64>::new(6, 5, &mut StdRng::seed_from_u64(9));
    let draw =
        |t: f64, seed| model.sample(&[1, 2], 20, t, &mut StdRng::seed_from_u64(seed));
    assert_eq!(draw(1.0, 1), draw(1.0, 1));
    assert_ne!(draw(1.0, 1), draw(1.0, 2));
    assert_eq!(
        draw(1e-6, 1),
        draw(1e-6, 2),
        "near zero temperature, sampling is argmax"
    );
}

#[test]
fn it_learns_a_repetitive_text_far_below_the_unigram_baseline() {
    let line = "the cat sat on the mat. the dog sat on the log. ";
    let corpus = Corpus::build(&texts(&[("a.md", &line.repeat(40))]), Split::Tail(0.1), 1);
    let config = CharLmConfig {
        hidden: 32,
        streams: 8,
        chunk: 32,
        epochs: 12,
        lr: 1e-2,
        clip: 1.0,
        seed: 3,
        prompt: "the ".to_owned(),
        sample_length: 40,
        temperatures: vec![0.5],
    };
    let (run, _) = train(&corpus, &config, false);
    assert!(
        run.best_perplexity < run.unigram_perplexity / 3.0,
        "perplexity {} vs unigram {}",
        run.best_perplexity,
        run.unigram_perplexity
    );
    assert_eq!(run.epochs.len(), 12);
    assert!(run.samples[0].text.starts_with("the "));
    assert_eq!(run.samples[0].text.chars().count(), 44);
}

#[test]
fn samples_are_shown_inert() {
    let text = "$$x$$ {{#include a.rs}} <b> & \\";
    let shown = char_lm::figures::inert(text);
    for forbidden in ["$", "{{", "<b>", "\\"] {
        assert!(!shown.contains(forbidden), "{shown}");
    }
    assert_eq!(
        shown,
        "&#36;&#36;x&#36;&#36; &#123;&#123;#include a.rs&#125;&#125; &lt;b&gt; &amp; &#92;"
    );
}

/// What section 4.3 says of its recorded run, checked against the file.
#[test]
fn recorded_run_says_what_section_4_3_says() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results/ch04-3-char-lm.json");
    let recorded = char_lm::figures::load(&path).unwrap();
    assert!(!recorded.quick, "the book shows the full run, not --quick");
    let corpus = &recorded.corpus;
    assert_eq!(corpus.split, Split::EveryNthFile(20));
    assert!(
        corpus
            .toolchain
            .as_deref()
            .is_some_and(|t| t.starts_with("rustc "))
    );
    let run = &recorded.run;
    // "The LSTM beats both baselines": unigram > Kneser–Ney > LSTM.
    let ngram = recorded.ngram.held_out_perplexity;
    assert_eq!(
        recorded.ngram.order, 5,
        "the page says it reads 4 characters before"
    );
    assert!(run.best_perplexity < ngram && ngram < run.unigram_perplexity);
    // "still above the n-gram model after its first two epochs, and passed it in the third"
    let e = &run.epochs;
    assert!(e[0].held_out_perplexity > ngram && e[1].held_out_perplexity > ngram);
    assert!(e[2].held_out_perplexity < ngram);
    // "fell after every one of the epochs, so the best model is the last one"
    assert!(
        e.windows(2)
            .all(|w| w[1].held_out_perplexity < w[0].held_out_perplexity)
    );
    assert_eq!(run.best_epoch, e.len());
    // The units: a strong comment unit, a looser brace-depth unit, weak string and line units.
    let r = |k: usize| recorded.units.units[k].r_measured.abs();
    let names: Vec<&str> = recorded
        .units
        .units
        .iter()
        .map(|u| u.feature.as_str())
        .collect();
    assert_eq!(names, char_lm::units::FEATURE_NAMES);
    assert!(r(2) > 0.7, "comment unit |r| = {}", r(2));
    assert!(
        (0.4..0.7).contains(&r(0)),
        "brace-depth unit |r| = {}",
        r(0)
    );
    assert!(
        r(1) < 0.3 && r(3) < 0.3,
        "string |r| = {}, line |r| = {}",
        r(1),
        r(3)
    );
    assert!(
        recorded.units.units[2].r_measured < 0.0,
        "the comment unit is negative in comments"
    );
    // The samples: what the page says each temperature wrote.
    let temperatures: Vec<f64> = run.samples.iter().map(|s| s.temperature).collect();
    assert_eq!(temperatures, vec![0.5, 0.8, 1.0]);
    for s in &run.samples {
        assert!(s.text.starts_with(&run.config.prompt));
        assert_eq!(
            s.text.chars().count(),
            run.config.prompt.chars().count() + run.config.sample_length
        );
    }
    assert!(
        run.samples[0]
            .text
            .lines()
            .take(3)
            .all(|l| l.starts_with("    ///"))
    );
    // "… in lines far longer than the library's" (100 columns)
    assert!(run.samples[0].text.lines().any(|l| l.chars().count() > 120));
    let warm = &run.samples[1].text;
    assert!(
        warm.contains("where")
            && warm.contains("I: Iterator")
            && warm.contains("P: FnMut(&T)")
    );
    let hot = &run.samples[2].text;
    assert!(hot.contains("# Examples") && hot.contains("```"));
}

/// The table of settings in section 4.3 reads the recorded file; the file
/// must hold the settings the code gives the book's run.
#[test]
fn the_recorded_run_used_the_settings_of_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results/ch04-3-char-lm.json");
    let recorded = char_lm::figures::load(&path).unwrap();
    let config = &recorded.run.config;
    assert_eq!(*config, char_lm::experiment::full(config.seed));
}
