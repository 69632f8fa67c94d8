//! The layers, losses and optimiser that every model of chapters 4 to 6
//! shares, each introduced in the book where it is first needed:
//!
//! * [`dense`]: z = W h + b (the vanilla layer's output y_t, every classifier's head);
//! * [`embedding`]: a lookup table of word vectors, with its sparse gradient;
//! * [`onehot`]: token ids as input vectors;
//! * [`loss`]: sigmoid with binary cross-entropy; [`softmax`]: softmax with cross-entropy;
//! * [`adam`]: the Adam optimiser and clipping by global norm.

pub mod adam;
pub mod dense;
pub mod embedding;
pub mod loss;
pub mod onehot;
pub mod softmax;

pub use adam::{Adam, AdamConfig};
pub use dense::Dense;
