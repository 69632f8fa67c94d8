//! Chapter 3.2: the long short-term memory cell (with the forget gate of
//! Gers et al., 2000, as every modern LSTM has it).
//!
//! ```text
//! i_t  = σ(W_xi x_t + W_hi h_{t-1} + b_i)
//! f_t  = σ(W_xf x_t + W_hf h_{t-1} + b_f)
//! o_t  = σ(W_xo x_t + W_ho h_{t-1} + b_o)
//! C̃_t = tanh(W_xc x_t + W_hc h_{t-1} + b_c)
//! C_t  = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
//! h_t  = o_t ⊙ tanh(C_t)
//! ```

pub mod backward;
pub mod bptt_diagram;
pub mod cell;
pub mod diagram;
pub mod figures;
pub mod forward;
pub mod pytorch;
pub mod suite;

pub use backward::LstmGrads;
pub use cell::{Lstm, LstmStep};
pub use forward::LstmTrace;
