//! The book's coding exercises, one file per exercise, in the order of the
//! chapters. Each holds a function whose body is `todo!()`: its doc comment
//! is the contract (what it computes, the shapes, what it returns). Write the
//! body, then grade it:
//!
//! ```text
//! cargo xtask exercises                    # every exercise and its status
//! cargo xtask exercises vanilla_backward   # grade one, and say what is wrong
//! ```
//!
//! A hint for each exercise is in `hints/`; the graders are in `tests/grade/`.

// A stub does not use its arguments until it is written.
#![allow(unused_variables)]

/// Each exercise is a module of this folder.
// `cargo xtask exercises verify` turns on the feature `solutions`, which puts solutions-only
// the reference solution (from ../solutions) in the stub's place. solutions-only
macro_rules! exercises {
    ($($name:ident),* $(,)?) => {
        $(
            #[cfg(not(feature = "solutions"))] // solutions-only
            pub mod $name;
            #[cfg(feature = "solutions")] // solutions-only
            pub use exercise_solutions::$name; // solutions-only
        )*
    };
}

exercises! {
    vanilla_backward,
    lstm_backward,
    peephole_lstm,
    gru_backward,
    adam,
    bidirectional,
    greedy_decoder,
    masked_loss,
    clip_global_norm,
}
