//! Additive attention (Bahdanau, Cho and Bengio, 2015), one decoder step
//! at a time, forward and backward. With the decoder's previous state
//! s_{t−1} (B, H) and the encoder states h_1 … h_{T_in} (T_in, B, H):
//!
//! ```text
//! k_j  = U_a h_j + b_a                       the keys, once per source
//! u_tj = tanh(W_a s_{t−1} + k_j)
//! e_tj = vᵀ u_tj                             the scores
//! α_tj = exp(e_tj) / Σ_k exp(e_tk)           the weights
//! c_t  = Σ_j α_tj h_j                        the context, (B, H)
//! ```
//!
//! The model that uses it, and how it differs from the paper's, is in
//! [`attention`](crate::attention).

use layers::softmax::softmax;
use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3, Axis};
use numeric::activation::tanh_grad_from_output;
use numeric::init::uniform;
use numeric::{Init, Scalar};
use rand::Rng;

// ANCHOR: attention
/// Additive attention's parameters: A scoring units over states of H.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention<F> {
    /// W_a (A, H): reads the decoder's previous state s_{t−1}.
    pub w_a: Array2<F>,
    /// U_a (A, H): reads each encoder state h_j.
    pub u_a: Array2<F>,
    /// b_a (A).
    pub b_a: Array1<F>,
    /// v (A): turns the A units into one score.
    pub v: Array1<F>,
}

numeric::params! { Attention { w_a, u_a, b_a, v } }

/// What one step of attention computed.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionStep<F> {
    /// u_tj = tanh(W_a s_{t−1} + U_a h_j + b_a) for every j, (T_in, B, A).
    pub u: Array3<F>,
    /// α_t, (B, T_in): every row sums to 1.
    pub alpha: Array2<F>,
    /// c_t = Σ_j α_tj h_j, (B, H).
    pub context: Array2<F>,
}
// ANCHOR_END: attention

impl<F: Scalar> Attention<F> {
    /// A layer of `size` = A units over states of `hidden` = H; every value
    /// uniform on ±1/√H (±1/√A for v), as PyTorch's `nn.Linear` would draw it.
    pub fn new(hidden: usize, size: usize, rng: &mut impl Rng) -> Self {
        let (w_a, b_a) = Init::PyTorch.dense(size, hidden, rng);
        let u_a = uniform((size, hidden), 1.0 / (hidden as f64).sqrt(), rng);
        let v = uniform((size, 1), 1.0 / (size as f64).sqrt(), rng);
        Attention {
            w_a,
            u_a,
            b_a,
            v: v.column(0).to_owned(),
        }
    }

    /// A, the number of scoring units.
    pub fn size(&self) -> usize {
        self.v.len()
    }

    /// H, the size of the states attended to.
    pub fn hidden_size(&self) -> usize {
        self.w_a.ncols()
    }

    // ANCHOR: keys
    /// k_j = U_a h_j + b_a for every encoder state of `hs` (T_in, B, H):
    /// (T_in, B, A). They do not depend on the decoder step, so they are
    /// computed once per source (as the paper's Appendix A.1.2 notes).
    pub fn keys(&self, hs: ArrayView3<F>) -> Array3<F> {
        let (steps, batch, hidden) = hs.dim();
        assert_eq!(
            hidden,
            self.hidden_size(),
            "Attention: hs has shape {:?} (T_in, B, H) but U_a is {:?} (A, H)",
            hs.dim(),
            self.u_a.dim()
        );
        let rows = hs.to_shape((steps * batch, hidden)).expect("any layout");
        (rows.dot(&self.u_a.t()) + &self.b_a)
            .into_shape_with_order((steps, batch, self.size()))
            .expect("rows are steps × batch")
    }
    // ANCHOR_END: keys

    // ANCHOR: step
    /// One step: s_prev = s_{t−1} (B, H), the encoder states `hs` (T_in, B, H)
    /// and their `keys` (T_in, B, A) give the scores e_t, the weights α_t and
    /// the context c_t.
    pub fn step(
        &self,
        s_prev: ArrayView2<F>,
        hs: ArrayView3<F>,
        keys: ArrayView3<F>,
    ) -> AttentionStep<F> {
        let (steps, batch, _) = hs.dim();
        assert_eq!(
            (keys.dim(), s_prev.dim()),
            ((steps, batch, self.size()), (batch, self.hidden_size())),
            "Attention: keys {:?} and s_prev {:?} do not fit hs {:?} and W_a {:?}",
            keys.dim(),
            s_prev.dim(),
            hs.dim(),
            self.w_a.dim()
        );
        // W_a s_{t−1}, one row per sequence, added to every k_j.
        let query = s_prev.dot(&self.w_a.t());
        let u = (&keys + &query).mapv(F::tanh);
        // e_tj = vᵀ u_tj: column j of the (B, T_in) scores.
        let mut e = Array2::zeros((batch, steps));
        for j in 0..steps {
            e.column_mut(j)
                .assign(&u.index_axis(Axis(0), j).dot(&self.v));
        }
        let mut alpha = e;
        for mut row in alpha.rows_mut() {
            let weights = softmax(row.view(), F::one());
            row.assign(&weights);
        }
        // c_t = Σ_j α_tj h_j: each sequence's h_j weighted by its own α_tj.
        let mut context = Array2::zeros(s_prev.dim());
        for j in 0..steps {
            let weight = alpha.column(j).insert_axis(Axis(1));
            context += &(&hs.index_axis(Axis(0), j) * &weight);
        }
        AttentionStep { u, alpha, context }
    }
    // ANCHOR_END: step
}

/// The attention's gradients, summed over the decoder's steps.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionGrads<F> {
    /// dL/dW_a, dL/dU_a (A, H), dL/db_a and dL/dv (A).
    pub params: Attention<F>,
    /// dL/dk_j (T_in, B, A): what reached the keys k_j = U_a h_j + b_a.
    pub keys: Array3<F>,
    /// dL/dh_j (T_in, B, H): what reached the encoder states.
    pub hs: Array3<F>,
}

impl<F: Scalar> Attention<F> {
    /// Zero gradients for `steps` = T_in encoder states of `batch` sequences.
    pub fn zero_grads(&self, steps: usize, batch: usize) -> AttentionGrads<F> {
        AttentionGrads {
            params: numeric::params::zeros_like(self),
            keys: Array3::zeros((steps, batch, self.size())),
            hs: Array3::zeros((steps, batch, self.hidden_size())),
        }
    }

    // ANCHOR: step_backward
    /// The derivative of one [`step`](Self::step), which read s_prev =
    /// s_{t−1} (B, H) and `hs` (T_in, B, H) and returned `step`, given
    /// d_context = ∂L/∂c_t (B, H). Adds this step's share to dW_a, dv, the
    /// keys' and the states' gradients in `grads`; returns ∂L/∂s_{t−1}
    /// (B, H) through the scores.
    pub fn step_backward(
        &self,
        s_prev: ArrayView2<F>,
        hs: ArrayView3<F>,
        step: &AttentionStep<F>,
        d_context: ArrayView2<F>,
        grads: &mut AttentionGrads<F>,
    ) -> Array2<F> {
        let AttentionStep { u, alpha, .. } = step;
        let (steps, batch, _) = hs.dim();
        // c_t = Σ_j α_tj h_j: ᾱ_tj = c̄_t · h_j, and h̄_j += α_tj c̄_t.
        let mut d_alpha = Array2::zeros((batch, steps));
        for j in 0..steps {
            let h_j = hs.index_axis(Axis(0), j);
            d_alpha
                .column_mut(j)
                .assign(&(&h_j * &d_context).sum_axis(Axis(1)));
            let weight = alpha.column(j).insert_axis(Axis(1));
            let mut dh_j = grads.hs.index_axis_mut(Axis(0), j);
            dh_j += &(&d_context * &weight);
        }
        // α_t = softmax(e_t), whose Jacobian is diag(α) − α αᵀ:
        // ē_tj = α_tj (ᾱ_tj − Σ_k α_tk ᾱ_tk).
        let mean = (alpha * &d_alpha).sum_axis(Axis(1)).insert_axis(Axis(1));
        let d_e = alpha * &(&d_alpha - &mean);
        // e_tj = vᵀ u_tj: v̄ += Σ_b ē_tj u_tj and ū_tj = ē_tj v. Then
        // u_tj = tanh(W_a s_{t−1} + k_j): the pre-activation's gradient
        // ū ⊙ (1 − u²) reaches k_j, and W_a s_{t−1} summed over j.
        let mut d_query = Array2::zeros((batch, self.size()));
        for j in 0..steps {
            let u_j = u.index_axis(Axis(0), j);
            let d_e_j = d_e.column(j);
            grads.params.v += &u_j.t().dot(&d_e_j);
            let d_u = &d_e_j.insert_axis(Axis(1)) * &self.v;
            let d_pre = d_u * &u_j.mapv(tanh_grad_from_output);
            let mut dk_j = grads.keys.index_axis_mut(Axis(0), j);
            dk_j += &d_pre;
            d_query += &d_pre;
        }
        // The query W_a s_{t−1}, one row per sequence:
        // W̄_a += q̄ᵀ s_{t−1} and s̄_{t−1} = q̄ W_a.
        grads.params.w_a += &d_query.t().dot(&s_prev);
        d_query.dot(&self.w_a)
    }
    // ANCHOR_END: step_backward

    // ANCHOR: keys_backward
    /// The derivative of [`keys`](Self::keys), once the keys' gradients of
    /// every step are summed in `grads`: k_j = U_a h_j + b_a gives
    /// Ū_a = Σ_j k̄_jᵀ h_j, b̄_a = Σ_j Σ_b k̄_j, and h̄_j += k̄_j U_a.
    pub fn keys_backward(&self, hs: ArrayView3<F>, grads: &mut AttentionGrads<F>) {
        let (steps, batch, hidden) = hs.dim();
        let rows = hs.to_shape((steps * batch, hidden)).expect("any layout");
        let d_keys = grads
            .keys
            .to_shape((steps * batch, self.size()))
            .expect("any layout");
        grads.params.u_a += &d_keys.t().dot(&rows);
        grads.params.b_a += &d_keys.sum_axis(Axis(0));
        let dh = d_keys
            .dot(&self.u_a)
            .into_shape_with_order((steps, batch, hidden))
            .expect("rows are steps × batch");
        grads.hs += &dh;
    }
    // ANCHOR_END: keys_backward
}
