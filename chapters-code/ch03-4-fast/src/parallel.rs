//! Using every core: the sequences of a batch are independent, so each
//! thread runs a fast layer on its own slice of the batch; only the weight
//! gradients are summed at the end. The same code serves the three cells,
//! through the small trait [`FastLayer`].

use std::ops::Range;

use ndarray::{Array3, ArrayView2, ArrayView3, s};
use numeric::ParamsMut;

use crate::fastmath::FastMath;
use crate::gru::{FastGru, FastGruTrace};
use crate::lstm::{FastLstm, FastLstmTrace};
use crate::rnn::{FastRnn, FastRnnTrace};

// ANCHOR: trait
/// What the batch-splitting code needs of a fast layer: its forward and
/// backward pass from zero initial states. The parameters' gradients come
/// back as a layer of the same kind and shapes, so they are named and
/// summed like the parameters themselves.
pub trait FastLayer<F>: Sync + Send + ParamsMut<F> + Sized {
    type Trace: Send + Sync;
    fn hidden(&self) -> usize;
    /// The forward pass from zero states over x (T, B, D).
    fn forward_from_zero(&self, x: ArrayView3<F>) -> Self::Trace;
    /// h_0 … h_T of a trace, ((T + 1)·B, H).
    fn states_of(trace: &Self::Trace) -> ArrayView2<'_, F>;
    /// The parameters' gradients and dL/dx (T, B, D).
    fn backward_from_zero(
        &self,
        x: ArrayView3<F>,
        trace: &Self::Trace,
        dh: ArrayView3<F>,
    ) -> (Self, Array3<F>);
}
// ANCHOR_END: trait

/// The traces of every slice of the batch.
#[derive(Debug, Clone)]
pub struct SplitTrace<T> {
    pub parts: Vec<(Range<usize>, T)>,
    pub steps: usize,
    pub hidden: usize,
}

/// The slices of a batch of `batch` for `threads` threads (at most one per sequence).
pub fn slices(batch: usize, threads: usize) -> Vec<Range<usize>> {
    let threads = threads.clamp(1, batch.max(1));
    (0..threads)
        .map(|k| (k * batch / threads)..((k + 1) * batch / threads))
        .filter(|r| !r.is_empty())
        .collect()
}

// ANCHOR: split
/// The forward pass with the batch split over `threads` threads, from zero states.
pub fn forward_split<F, L: FastLayer<F>>(
    layer: &L,
    x: ArrayView3<F>,
    threads: usize,
) -> SplitTrace<L::Trace>
where
    F: FastMath,
{
    let (steps, batch, _) = x.dim();
    let parts = std::thread::scope(|scope| {
        let handles: Vec<_> = slices(batch, threads)
            .into_iter()
            .map(|r| {
                let part = x.slice(s![.., r.clone(), ..]);
                scope.spawn(move || (r, layer.forward_from_zero(part)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a forward thread panicked"))
            .collect()
    });
    SplitTrace {
        parts,
        steps,
        hidden: layer.hidden(),
    }
}

/// The backward pass of [`forward_split`]: each thread its slice, then the
/// parameter gradients summed and the input gradients joined.
pub fn backward_split<F, L: FastLayer<F>>(
    layer: &L,
    x: ArrayView3<F>,
    trace: &SplitTrace<L::Trace>,
    dh: ArrayView3<F>,
) -> (L, Array3<F>)
where
    F: FastMath,
{
    let parts: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = trace
            .parts
            .iter()
            .map(|(r, part)| {
                let (xr, dhr) = (
                    x.slice(s![.., r.clone(), ..]),
                    dh.slice(s![.., r.clone(), ..]),
                );
                scope.spawn(move || (r.clone(), layer.backward_from_zero(xr, part, dhr)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a backward thread panicked"))
            .collect()
    });
    let mut dx = Array3::zeros(x.dim());
    let mut total: Option<L> = None;
    for (r, (grads, dx_part)) in parts {
        dx.slice_mut(s![.., r, ..]).assign(&dx_part);
        match &mut total {
            None => total = Some(grads),
            Some(sum) => add_assign(sum, &grads),
        }
    }
    (total.expect("a batch has at least one sequence"), dx)
}
// ANCHOR_END: split

/// sum += part, tensor by tensor (both have the same names and shapes).
fn add_assign<F: FastMath, L: ParamsMut<F>>(sum: &mut L, part: &L) {
    let (mut tensors, mut added) = (0, 0);
    sum.visit_mut(&mut |name, mut s| {
        tensors += 1;
        part.visit(&mut |part_name, p| {
            if part_name == name {
                s += &p;
                added += 1;
            }
        });
    });
    assert_eq!(
        added, tensors,
        "the gradients of two slices list their tensors alike"
    );
}

impl<T> SplitTrace<T> {
    /// h_1 … h_T for the whole batch, (T, B, H).
    pub fn states<F: FastMath, L: FastLayer<F, Trace = T>>(&self) -> Array3<F> {
        let batch = self.parts.last().map_or(0, |(r, _)| r.end);
        let mut states = Array3::zeros((self.steps, batch, self.hidden));
        for (r, part) in &self.parts {
            let b = r.len();
            let h = L::states_of(part).slice_move(s![b.., ..]);
            let h = h
                .to_shape((self.steps, b, self.hidden))
                .expect("rows are steps × batch");
            states.slice_mut(s![.., r.clone(), ..]).assign(&h);
        }
        states
    }
}

/// The one implementation of [`FastLayer`], for a layer whose `forward` and
/// `backward` take the initial states (and the last cell state's gradient)
/// as trailing `None`s.
macro_rules! fast_layer {
    ($layer:ident, $trace:ident, forward(x $(, $f:expr)*), backward(x, t, dh $(, $b:expr)*)) => {
        impl<F: FastMath> FastLayer<F> for $layer<F> {
            type Trace = $trace<F>;
            fn hidden(&self) -> usize {
                self.hidden_size()
            }
            fn forward_from_zero(&self, x: ArrayView3<F>) -> Self::Trace {
                self.forward(x $(, $f)*)
            }
            fn states_of(trace: &Self::Trace) -> ArrayView2<'_, F> {
                trace.h.view()
            }
            fn backward_from_zero(
                &self,
                x: ArrayView3<F>,
                trace: &Self::Trace,
                dh: ArrayView3<F>,
            ) -> (Self, Array3<F>) {
                let g = self.backward(x, trace, dh $(, $b)*);
                (g.params, g.x)
            }
        }
    };
}

fast_layer!(
    FastLstm,
    FastLstmTrace,
    forward(x, None, None),
    backward(x, t, dh, None)
);
fast_layer!(FastGru, FastGruTrace, forward(x, None), backward(x, t, dh));
fast_layer!(FastRnn, FastRnnTrace, forward(x, None), backward(x, t, dh));
