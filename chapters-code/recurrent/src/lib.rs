//! One type for the three recurrent cells of chapter 3, readable or fast
//! (section 3.4), so that a model can swap them: [`CellKind`] says which,
//! [`Recurrent`] is the layer, and [`pytorch`] converts any of them to and
//! from PyTorch's tensors, the one naming of the checkpoints. [`stack`]
//! puts layers on top of each other and [`bidirectional`] reads a sequence
//! both ways, with any of the cells; [`dropout`] masks inputs, recurrent
//! states and outputs while training.

pub mod bidirectional;
pub mod dropout;
mod kind;
mod layer;
pub mod pytorch;
pub mod stack;
pub mod suite;

pub use bidirectional::Bidirectional;
pub use kind::CellKind;
pub use layer::{Recurrent, RecurrentTrace};
pub use stack::Stacked;
