//! One type for the three recurrent cells of chapter 3, readable or fast
//! (section 3.4), so that a model can swap them: [`CellKind`] says which,
//! [`Recurrent`] is the layer, and [`pytorch`] converts any of them to and
//! from PyTorch's tensors, the one naming of the checkpoints.

mod kind;
mod layer;
pub mod pytorch;

pub use kind::CellKind;
pub use layer::{Recurrent, RecurrentTrace};
