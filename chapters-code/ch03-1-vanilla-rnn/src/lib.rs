//! Chapter 3.1: the vanilla recurrent layer.
//!
//! ```text
//! h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)
//! y_t = W_hy h_t + b_y
//! ```
//!
//! What the three cells share (the scalar trait, activations,
//! initialisation, the shape rules) is the crate `numeric`; the gradient
//! checker is the crate `gradcheck`.

pub mod backward;
pub mod cell;
pub mod diagram;
pub mod figures;
pub mod forward;
pub mod pytorch;
pub mod suite;

pub use backward::RnnGrads;
pub use cell::VanillaRnn;
pub use forward::RnnTrace;
