//! What every model of the book computes with, introduced in section 3.1
//! where the vanilla layer first needs it:
//!
//! * [`Scalar`]: code generic over `f32` (training) and `f64` (gradient checks);
//! * [`activation`]: σ, tanh and their derivatives from their outputs;
//! * [`init`]: weight initialisation as PyTorch and Keras do it;
//! * [`sequence`]: the shape rules of every sequence loop;
//! * [`params`]: one way to name a model's parameters (a visitor);
//! * [`pytorch`]: PyTorch's gate-packed layout;
//! * [`random`]: seeded random arrays; [`threads`]: how many cores to use;
//!   [`stats`]: the median of repeated measurements.

pub mod activation;
pub mod init;
pub mod params;
pub mod pytorch;
pub mod random;
pub mod scalar;
pub mod sequence;
pub mod stats;
pub mod threads;

pub use ndarray;

pub use init::Init;
pub use params::{Params, ParamsMut};
pub use scalar::Scalar;
