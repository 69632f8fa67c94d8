//! Converting to and from PyTorch's `nn.GRU` (reset-after form only).
//!
//! | PyTorch tensor | shape | rows, in order |
//! |---|---|---|
//! | `weight_ih_l0` | (3H, D) | r, z, n: `w_xr`, −`w_xz`, `w_xn` |
//! | `weight_hh_l0` | (3H, H) | `w_hr`, −`w_hz`, `w_hn` |
//! | `bias_ih_l0`   | (3H)    | r, z, n input biases |
//! | `bias_hh_l0`   | (3H)    | r, z, n recurrent biases; the n part is `b_hn` |
//!
//! PyTorch writes h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}: its z is the share of
//! the *old* state, the article's z the share of the *candidate*. So the
//! article's z is 1 − z_PyTorch, and since 1 − σ(a) = σ(−a), its weights
//! and bias are PyTorch's negated. For r the two biases simply add; for n
//! they cannot, because b_hn sits inside the reset product.

use ndarray::Array1;
use numeric::Scalar;
use numeric::pytorch::{
    ShapeError, expect_shape, split_bias, split_gates, stack_bias, stack_gates,
};

use crate::{Gru, GruForm};

/// `nn.GRU(D, H)`'s parameters as PyTorch stores them.
pub type PyTorchGru<F> = numeric::pytorch::PyTorchLayer<F>;

/// Why a GRU cannot be converted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConversionError {
    #[error(transparent)]
    Shape(#[from] ShapeError),
    #[error(
        "PyTorch's nn.GRU computes the reset-after form; this GRU is in the article's reset-before form"
    )]
    ResetBefore,
}

impl<F: Scalar> Gru<F> {
    // ANCHOR: from_pytorch
    /// The reset-after layer PyTorch's tensors describe.
    pub fn from_pytorch(p: &PyTorchGru<F>) -> Result<Self, ShapeError> {
        let hidden = p.weight_hh_l0.ncols();
        expect_shape(
            "weight_hh_l0",
            p.weight_hh_l0.shape(),
            &[3 * hidden, hidden],
        )?;
        let wx = split_gates("weight_ih_l0", &p.weight_ih_l0, 3, hidden)?;
        let wh = split_gates("weight_hh_l0", &p.weight_hh_l0, 3, hidden)?;
        let b_ih = split_bias("bias_ih_l0", &p.bias_ih_l0, 3, hidden)?;
        let b_hh = split_bias("bias_hh_l0", &p.bias_hh_l0, 3, hidden)?;
        // PyTorch's blocks: 0 = r, 1 = z (negated here), 2 = n.
        Ok(Gru {
            w_xz: negated(&wx[1]),
            w_hz: negated(&wh[1]),
            b_z: negated(&(&b_ih[1] + &b_hh[1])),
            w_xr: wx[0].clone(),
            w_hr: wh[0].clone(),
            b_r: &b_ih[0] + &b_hh[0],
            w_xn: wx[2].clone(),
            w_hn: wh[2].clone(),
            b_n: b_ih[2].clone(),
            b_hn: Some(b_hh[2].clone()),
        })
    }
    // ANCHOR_END: from_pytorch

    /// PyTorch's tensors for this layer; an error for the article's form.
    pub fn to_pytorch(&self) -> Result<PyTorchGru<F>, ConversionError> {
        let Some(b_hn) = &self.b_hn else {
            return Err(ConversionError::ResetBefore);
        };
        debug_assert_eq!(self.form(), GruForm::ResetAfter);
        let zeros = Array1::zeros(self.hidden_size());
        Ok(PyTorchGru {
            weight_ih_l0: stack_gates(&[&self.w_xr, &negated(&self.w_xz), &self.w_xn]),
            weight_hh_l0: stack_gates(&[&self.w_hr, &negated(&self.w_hz), &self.w_hn]),
            bias_ih_l0: stack_bias(&[&self.b_r, &negated(&self.b_z), &self.b_n]),
            bias_hh_l0: stack_bias(&[&zeros, &zeros, b_hn]),
        })
    }
}

/// −a: the flip between the article's z and PyTorch's.
fn negated<F: Scalar, D: ndarray::Dimension>(
    a: &ndarray::Array<F, D>,
) -> ndarray::Array<F, D> {
    a.mapv(|v| -v)
}

/// Parameters of PyTorch's `nn.GRU(D, H)`: two biases per gate.
pub fn pytorch_parameter_count(input: usize, hidden: usize) -> usize {
    3 * (hidden * input + hidden * hidden + 2 * hidden)
}
