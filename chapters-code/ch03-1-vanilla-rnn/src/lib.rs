//! Chapter 3.1: the vanilla recurrent layer.
//!
//! ```text
//! h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)
//! y_t = W_hy h_t + b_y
//! ```
//!
//! This crate is the first of chapter 3, so it also holds what the LSTM and
//! GRU crates share: the [`Scalar`] trait (code generic over `f32` and
//! `f64`), the [`activation`] functions, weight [`init`]ialisation, shape
//! checks for a [`sequence`], the gradient checker ([`gradcheck`]) and the
//! reader for the PyTorch reference fixtures ([`fixture`]).

pub mod activation;
pub mod backward;
pub mod cell;
pub mod figures;
pub mod fixture;
pub mod forward;
pub mod gradcheck;
pub mod init;
pub mod pytorch;
pub mod scalar;
pub mod sequence;
pub mod suite;
pub mod testing;

pub use backward::RnnGrads;
pub use cell::VanillaRnn;
pub use forward::RnnTrace;
pub use init::Init;
pub use scalar::Scalar;
