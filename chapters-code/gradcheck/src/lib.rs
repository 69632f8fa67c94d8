//! Appendix A's tools: the gradient checker ([`check`]), the suites'
//! tolerances and assertion ([`suite`]), and the reader of the reference
//! fixtures that PyTorch computed ([`fixture`]).

pub mod check;
pub mod fixture;
pub mod suite;
pub mod summary;

pub use check::{Checkable, GradReport, TensorCheck, check_gradients};
pub use suite::{EPS, TOLERANCE, assert_reports};
