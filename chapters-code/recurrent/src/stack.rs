//! Layers on top of layers: a stack of recurrent layers, each reading the
//! sequence of states of the one below,
//!
//! ```text
//! h^(1)_t = cell_1(x_t, h^(1)_{t−1}),   h^(l)_t = cell_l(h^(l−1)_t, h^(l)_{t−1}) for l > 1,
//! ```
//!
//! whose output is the top layer's states. Backward, the gradient of the
//! loss with respect to layer l's input sequence is the gradient reaching
//! layer l − 1's states, so the layers are run backwards from the top.

use fast_rnn::fastmath::FastMath;
use ndarray::{Array3, ArrayView3, ArrayViewD, ArrayViewMutD};
use numeric::params::{visit_prefixed, visit_prefixed_mut};
use numeric::{Params, ParamsMut, Scalar};

use crate::{Recurrent, RecurrentTrace};

/// A stack of recurrent layers, bottom first: layer l + 1's input width is
/// layer l's hidden size.
#[derive(Debug, Clone, PartialEq)]
pub struct Stacked<F> {
    pub layers: Vec<Recurrent<F>>,
}

/// What the forward pass keeps: each layer's input sequence and trace.
#[derive(Debug, Clone)]
pub struct StackedTrace<F> {
    /// Layer l's input, (T, B, D_l): x for the first layer, then the states below.
    inputs: Vec<Array3<F>>,
    traces: Vec<RecurrentTrace<F>>,
}

impl<F: FastMath> Stacked<F> {
    /// A stack of `layers` (at least one); layer l + 1 must read layer l's width.
    pub fn new(layers: Vec<Recurrent<F>>) -> Self {
        assert!(
            !layers.is_empty(),
            "Stacked::new: a stack needs at least one layer"
        );
        Stacked { layers }
    }

    // ANCHOR: forward
    /// Run every layer over the states of the one below, from zero states:
    /// x (T, B, D) → the top layer's h_1 … h_T (T, B, H_top), and the trace.
    pub fn forward(&self, x: ArrayView3<F>) -> (Array3<F>, StackedTrace<F>) {
        let mut input = x.to_owned();
        let (mut inputs, mut traces) = (Vec::new(), Vec::new());
        for layer in &self.layers {
            let (states, trace) = layer.forward(input.view());
            inputs.push(input);
            traces.push(trace);
            input = states;
        }
        (input, StackedTrace { inputs, traces })
    }
    // ANCHOR_END: forward

    // ANCHOR: backward
    /// Given dL/dh_t of the top layer (T, B, H_top): every layer's gradients
    /// (a stack of the same shapes) and dL/dx. Each layer's dL/d(input) is
    /// the gradient reaching the states of the layer below.
    pub fn backward(
        &self,
        trace: &StackedTrace<F>,
        dh: ArrayView3<F>,
    ) -> (Stacked<F>, Array3<F>) {
        let mut grads = Vec::with_capacity(self.layers.len());
        let mut d_above = dh.to_owned();
        for (l, layer) in self.layers.iter().enumerate().rev() {
            let (g, d_input) =
                layer.backward(trace.inputs[l].view(), &trace.traces[l], d_above.view());
            grads.push(g);
            d_above = d_input;
        }
        grads.reverse();
        (Stacked { layers: grads }, d_above)
    }
    // ANCHOR_END: backward
}

/// The parameters of layer l are named `l.NAME` (for example `0.w_xi`).
impl<F: Scalar> Params<F> for Stacked<F> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        for (l, layer) in self.layers.iter().enumerate() {
            visit_prefixed(&l.to_string(), layer, f);
        }
    }
}

impl<F: Scalar> ParamsMut<F> for Stacked<F> {
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>)) {
        for (l, layer) in self.layers.iter_mut().enumerate() {
            visit_prefixed_mut(&l.to_string(), layer, f);
        }
    }
}
