//! Using every core: the sequences of a batch are independent, so each
//! thread runs the fast LSTM on its own slice of the batch; only the weight
//! gradients are summed at the end.

use std::ops::Range;

use ndarray::{Array2, Array3, ArrayView3, s};

use crate::fastmath::FastMath;
use crate::lstm::{FastLstm, FastLstmGrads, FastLstmTrace};

/// The traces of every slice of the batch.
#[derive(Debug, Clone)]
pub struct SplitTrace<F> {
    pub parts: Vec<(Range<usize>, FastLstmTrace<F>)>,
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

/// How many threads to use: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

impl<F: FastMath> FastLstm<F> {
    // ANCHOR: split
    /// The forward pass with the batch split over `threads` threads, from zero states.
    pub fn forward_split(&self, x: ArrayView3<F>, threads: usize) -> SplitTrace<F> {
        let (steps, batch, _) = x.dim();
        let parts = std::thread::scope(|scope| {
            let handles: Vec<_> = slices(batch, threads)
                .into_iter()
                .map(|r| {
                    let part = x.slice(s![.., r.clone(), ..]);
                    scope.spawn(move || (r, self.forward(part, None, None)))
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
            hidden: self.hidden_size(),
        }
    }

    /// The backward pass of [`FastLstm::forward_split`]: each thread its
    /// slice, then the parameter gradients summed and the input gradients joined.
    pub fn backward_split(
        &self,
        x: ArrayView3<F>,
        trace: &SplitTrace<F>,
        dh: ArrayView3<F>,
    ) -> FastLstmGrads<F> {
        let (steps, batch, input) = x.dim();
        let parts: Vec<(Range<usize>, FastLstmGrads<F>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = trace
                .parts
                .iter()
                .map(|(r, part)| {
                    let (xr, dhr) = (
                        x.slice(s![.., r.clone(), ..]),
                        dh.slice(s![.., r.clone(), ..]),
                    );
                    scope.spawn(move || (r.clone(), self.backward(xr, part, dhr, None)))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a backward thread panicked"))
                .collect()
        });
        let hidden = self.hidden_size();
        let mut total = FastLstmGrads {
            w_x: Array2::zeros(self.w_x.dim()),
            w_h: Array2::zeros(self.w_h.dim()),
            b: ndarray::Array1::zeros(self.b.dim()),
            x: Array3::zeros((steps, batch, input)),
            h0: Array2::zeros((batch, hidden)),
            c0: Array2::zeros((batch, hidden)),
        };
        for (r, g) in parts {
            total.w_x += &g.w_x;
            total.w_h += &g.w_h;
            total.b += &g.b;
            total.x.slice_mut(s![.., r.clone(), ..]).assign(&g.x);
            total.h0.slice_mut(s![r.clone(), ..]).assign(&g.h0);
            total.c0.slice_mut(s![r, ..]).assign(&g.c0);
        }
        total
    }
    // ANCHOR_END: split
}

impl<F: FastMath> SplitTrace<F> {
    /// h_1 … h_T for the whole batch, (T, B, H).
    pub fn states(&self) -> Array3<F> {
        let batch = self.parts.last().map_or(0, |(r, _)| r.end);
        let mut states = Array3::zeros((self.steps, batch, self.hidden));
        for (r, part) in &self.parts {
            let b = r.len();
            let h = part.h.slice(s![b.., ..]);
            let h = h
                .to_shape((self.steps, b, self.hidden))
                .expect("rows are steps × batch");
            states.slice_mut(s![.., r.clone(), ..]).assign(&h);
        }
        states
    }
}
