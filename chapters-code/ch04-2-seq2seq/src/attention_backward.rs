//! Backpropagation through the attention model of [`attention`](crate::attention):
//! the dense layer, the decoder LSTM step by step (its input now depends on
//! the attention, so [`Lstm::backward`] over the whole sequence cannot be
//! used), the attention (with [`step_backward`] and [`keys_backward`]), and
//! into every encoder state.
//!
//! Every h_j receives gradient from every decoder step, twice: through the
//! context c_t = Σ_j α_tj h_j and through its score e_tj (via the key
//! k_j = U_a h_j + b_a). The encoder's last state receives, besides, what
//! reaches (s_0, C_0).
//!
//! [`step_backward`]: crate::attention_layer::Attention::step_backward
//! [`keys_backward`]: crate::attention_layer::Attention::keys_backward

use layers::dense::Dense;
use layers::softmax::per_step_cross_entropy;
use lstm::Lstm;
use ndarray::{Array2, ArrayView3, Axis, s};
use numeric::Scalar;

use crate::attention::{AttentionSeq2Seq, AttentionTrace};
use crate::attention_layer::AttentionGrads;
use crate::model::{Seq2SeqGrads, decoder_inputs};
use crate::task::VOCAB;

impl<F: Scalar> AttentionSeq2Seq<F> {
    // ANCHOR: loss
    /// Teacher forcing: the mean cross-entropy of the decoder's answers for
    /// `source` (T_in, B) against `target` (T_out, B), and every gradient.
    pub fn loss_and_grads(
        &self,
        source: &Array2<usize>,
        target: &Array2<usize>,
    ) -> Seq2SeqGrads<F> {
        let trace = self.run(source, &decoder_inputs(target));
        self.backward(&trace, target)
    }

    /// The loss and every gradient, from the forward pass `trace` that
    /// decoded `target` (T_out, B) under teacher forcing.
    pub fn backward(
        &self,
        trace: &AttentionTrace<F>,
        target: &Array2<usize>,
    ) -> Seq2SeqGrads<F> {
        let dense =
            per_step_cross_entropy(&self.dense, trace.outputs().view(), target.view());
        let (decoder, mut g_att, ds_0, dc_0) = self.decoder_backward(trace, dense.h.view());
        self.attention.keys_backward(trace.states(), &mut g_att);
        // (s_0, C_0) is the encoder's last (h, C): what reached it joins the
        // gradient that every step's attention sent to h_{T_in}.
        let mut dh_enc = g_att.hs;
        let last = dh_enc.len_of(Axis(0)) - 1;
        let mut dh_last = dh_enc.index_axis_mut(Axis(0), last);
        dh_last += &ds_0;
        let encoder = self.encoder.backward(
            trace.x_enc.view(),
            &trace.encoder,
            dh_enc.view(),
            Some(dc_0.view()),
        );
        let grads = AttentionSeq2Seq {
            encoder: encoder.params,
            decoder,
            attention: g_att.params,
            dense: Dense {
                w: dense.w,
                b: dense.b,
            },
        };
        Seq2SeqGrads {
            loss: dense.loss,
            named: numeric::params::to_named(&grads),
        }
    }
    // ANCHOR_END: loss

    // ANCHOR: decoder_backward
    /// Back through the decoder's steps, last first, given ∂L/∂[s_t; c_t]
    /// for every step (T_out, B, 2H). Returns the decoder LSTM's gradients,
    /// the attention's (before [`keys_backward`]), and ∂L/∂s_0 and ∂L/∂C_0
    /// (B, H).
    fn decoder_backward(
        &self,
        trace: &AttentionTrace<F>,
        d_outputs: ArrayView3<F>,
    ) -> (Lstm<F>, AttentionGrads<F>, Array2<F>, Array2<F>) {
        let hidden = self.decoder.hidden_size();
        let (steps, batch, _) = trace.states().dim();
        assert_eq!(
            d_outputs.dim(),
            (trace.steps.len(), batch, 2 * hidden),
            "d_outputs must be (T_out, B, 2H)"
        );
        let mut g_dec = numeric::params::zeros_like(&self.decoder);
        let mut g_att = self.attention.zero_grads(steps, batch);
        // ∂L/∂s_t and ∂L/∂C_t arriving from step t + 1 (none after the last).
        let mut ds_next = Array2::zeros((batch, hidden));
        let mut dc_next = Array2::zeros((batch, hidden));
        for (t, step) in trace.steps.iter().enumerate().rev() {
            let (s_prev, c_prev) = trace.before(t);
            let d_out = d_outputs.index_axis(Axis(0), t);
            // [s_t; c_t] was scored; s_t also fed step t + 1.
            let ds_t = &d_out.slice(s![.., ..hidden]) + &ds_next;
            let (dx, ds_lstm, dc_prev) = self.decoder.step_backward(
                step.x.view(),
                s_prev,
                c_prev,
                &step.lstm,
                ds_t.view(),
                dc_next.view(),
                &mut g_dec,
            );
            // c_t was scored and was read by the LSTM, after one_hot(y_{t−1}).
            let d_context = &d_out.slice(s![.., hidden..]) + &dx.slice(s![.., VOCAB..]);
            let ds_attention = self.attention.step_backward(
                s_prev,
                trace.states(),
                &step.attention,
                d_context.view(),
                &mut g_att,
            );
            // s_{t−1} fed this step's LSTM and its scores.
            ds_next = ds_lstm + ds_attention;
            dc_next = dc_prev;
        }
        (g_dec, g_att, ds_next, dc_next)
    }
    // ANCHOR_END: decoder_backward
}
