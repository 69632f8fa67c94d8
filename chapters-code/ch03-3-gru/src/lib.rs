//! Chapter 3.3: the gated recurrent unit (Cho et al., 2014), in two forms.
//!
//! The article's form applies the reset gate to h_{t-1} *before* the matrix product:
//!
//! ```text
//! z_t = σ(W_xz x_t + W_hz h_{t-1} + b_z)
//! r_t = σ(W_xr x_t + W_hr h_{t-1} + b_r)
//! h̃_t = tanh(W_xn x_t + W_hn (r_t ⊙ h_{t-1}) + b_n)
//! h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t
//! ```
//!
//! PyTorch's `nn.GRU`, cuDNN and Keras (`reset_after=True`) apply it *after*
//! the product, with a second bias inside: h̃_t = tanh(W_xn x_t + b_n + r_t ⊙ (W_hn h_{t-1} + b_hn)).
//! The candidate is called `n` in the code (PyTorch's name; the article's h̃).

pub mod backward;
pub mod cell;
pub mod diagram;
pub mod figures;
pub mod forward;
pub mod pytorch;
pub mod suite;

pub use backward::GruGrads;
pub use cell::{Gru, GruForm, GruStep};
pub use forward::GruTrace;
