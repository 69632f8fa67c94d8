//! Converting to and from PyTorch's `nn.LSTM` layout.
//!
//! | PyTorch tensor | shape | rows, in order |
//! |---|---|---|
//! | `weight_ih_l0` | (4H, D) | `w_xi`, `w_xf`, `w_xc` (PyTorch's g), `w_xo` |
//! | `weight_hh_l0` | (4H, H) | `w_hi`, `w_hf`, `w_hc`, `w_ho` |
//! | `bias_ih_l0` + `bias_hh_l0` | (4H) | `b_i`, `b_f`, `b_c`, `b_o` |
//!
//! PyTorch's gate order is i, f, g, o (Keras's is i, f, c, o: the same).
//! PyTorch keeps two biases whose sum is the book's one bias, so the
//! conversion to PyTorch puts the whole bias in `bias_ih_l0` and zeros in
//! `bias_hh_l0`; both describe the same function.

use ndarray::Array1;
use numeric::Scalar;
use numeric::pytorch::{
    ShapeError, expect_shape, split_bias, split_gates, stack_bias, stack_gates,
};

use crate::Lstm;

/// `nn.LSTM(D, H)`'s parameters as PyTorch stores them.
pub type PyTorchLstm<F> = numeric::pytorch::PyTorchLayer<F>;

impl<F: Scalar> Lstm<F> {
    // ANCHOR: from_pytorch
    /// The layer PyTorch's tensors describe.
    pub fn from_pytorch(p: &PyTorchLstm<F>) -> Result<Self, ShapeError> {
        let hidden = p.weight_hh_l0.ncols();
        expect_shape(
            "weight_hh_l0",
            p.weight_hh_l0.shape(),
            &[4 * hidden, hidden],
        )?;
        // ANCHOR: split
        let wx = split_gates("weight_ih_l0", &p.weight_ih_l0, 4, hidden)?;
        let wh = split_gates("weight_hh_l0", &p.weight_hh_l0, 4, hidden)?;
        let b_ih = split_bias("bias_ih_l0", &p.bias_ih_l0, 4, hidden)?;
        let b_hh = split_bias("bias_hh_l0", &p.bias_hh_l0, 4, hidden)?;
        // ANCHOR_END: split
        let bias = |g: usize| &b_ih[g] + &b_hh[g];
        // PyTorch's blocks: 0 = i, 1 = f, 2 = g (the candidate C̃), 3 = o.
        Ok(Lstm {
            w_xi: wx[0].clone(),
            w_hi: wh[0].clone(),
            b_i: bias(0),
            w_xf: wx[1].clone(),
            w_hf: wh[1].clone(),
            b_f: bias(1),
            w_xo: wx[3].clone(),
            w_ho: wh[3].clone(),
            b_o: bias(3),
            w_xc: wx[2].clone(),
            w_hc: wh[2].clone(),
            b_c: bias(2),
        })
    }
    // ANCHOR_END: from_pytorch

    /// PyTorch's tensors for this layer.
    pub fn to_pytorch(&self) -> PyTorchLstm<F> {
        PyTorchLstm {
            weight_ih_l0: stack_gates(&[&self.w_xi, &self.w_xf, &self.w_xc, &self.w_xo]),
            weight_hh_l0: stack_gates(&[&self.w_hi, &self.w_hf, &self.w_hc, &self.w_ho]),
            bias_ih_l0: stack_bias(&[&self.b_i, &self.b_f, &self.b_c, &self.b_o]),
            bias_hh_l0: Array1::zeros(4 * self.hidden_size()),
        }
    }
}

/// Parameters of PyTorch's `nn.LSTM(D, H)`: one more bias per gate than the book's.
pub fn pytorch_parameter_count(input: usize, hidden: usize) -> usize {
    4 * (hidden * input + hidden * hidden + 2 * hidden)
}
