//! Section 4.4: the fast path of section 3.4, measured on chapter 4's real
//! task: the arithmetic of an epoch ([`flops`]) and the floor the machine's
//! measured matrix-multiply peak puts under it ([`peak`]), the table of steps
//! ([`ablation`]), accuracy on both paths ([`speedcheck`]), the same-run
//! comparison with PyTorch ([`compare`]), and their figures and tables
//! ([`speed_figures`]).

pub mod ablation;
pub mod compare;
pub mod flops;
pub mod peak;
pub mod speed_figures;
pub mod speedcheck;
