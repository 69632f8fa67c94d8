//! One way to name a model's parameters: a visitor.
//!
//! Every cell, layer and model of the book, and every gradient struct, says
//! which tensors it holds and under which names by calling a function once
//! per tensor. The gradient checker, Adam, clipping, the checkpoints and the
//! conversions all go through these two traits, so the names are written
//! once per struct (by [`params!`](crate::params!)) and compared wherever
//! gradients meet parameters.

use std::collections::BTreeMap;

use ndarray::{ArrayD, ArrayViewD, ArrayViewMutD};

// ANCHOR: traits
/// Something with named tensors: a cell's parameters, a model's, or their gradients.
pub trait Params<F> {
    /// Call `f` with the name and a view of every tensor, always in the same order.
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>));
}

/// The same, mutably: what an optimiser or the gradient checker changes.
pub trait ParamsMut<F>: Params<F> {
    /// Call `f` with the name and a mutable view of every tensor, in the order of [`Params::visit`].
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>));
}
// ANCHOR_END: traits

/// Implement [`Params`] and [`ParamsMut`] for a struct, from the list of
/// its tensor fields, written once:
///
/// ```ignore
/// numeric::params! { Lstm { w_xi, w_hi, b_i, /* … */ } }
/// numeric::params! { Gru { w_xz, /* … */ } optional { b_hn } }
/// numeric::params! { LstmGrads { x, h0, c0 } nested { params } }
/// numeric::params! { Problem as f64 { x, h0 } nested { rnn } }
/// numeric::params! { Seq2Seq {} prefixed { encoder, decoder, dense } }
/// ```
///
/// The struct is generic over its scalar `F` unless `as TYPE` names the one
/// scalar it holds. `optional` fields are `Option`s visited when present;
/// `nested` fields implement the traits themselves and are visited first,
/// under their own names; `prefixed` fields likewise, after the plain
/// fields, as `field.name` (a model's layers).
#[macro_export]
macro_rules! params {
    ($ty:ident as $f:ty { $($rest:tt)* } $($more:tt)*) => {
        $crate::params! { @impl [] [$ty] [$f] { $($rest)* } $($more)* }
    };
    ($ty:ident { $($rest:tt)* } $($more:tt)*) => {
        $crate::params! { @impl [F: $crate::Scalar] [$ty<F>] [F] { $($rest)* } $($more)* }
    };
    (@impl [$($g:tt)*] [$($t:tt)*] [$f:ty]
     { $($field:ident),* $(,)? }
     $(optional { $($opt:ident),* $(,)? })?
     $(nested { $($inner:ident),* $(,)? })?
     $(prefixed { $($pre:ident),* $(,)? })?) => {
        impl<$($g)*> $crate::Params<$f> for $($t)* {
            fn visit(&self, f: &mut dyn FnMut(&str, $crate::ndarray::ArrayViewD<'_, $f>)) {
                $($( $crate::Params::visit(&self.$inner, f); )*)?
                $( f(stringify!($field), self.$field.view().into_dyn()); )*
                $($( if let Some(t) = &self.$opt { f(stringify!($opt), t.view().into_dyn()); } )*)?
                $($( $crate::params::visit_prefixed(stringify!($pre), &self.$pre, f); )*)?
            }
        }
        impl<$($g)*> $crate::ParamsMut<$f> for $($t)* {
            fn visit_mut(&mut self, f: &mut dyn FnMut(&str, $crate::ndarray::ArrayViewMutD<'_, $f>)) {
                $($( $crate::ParamsMut::visit_mut(&mut self.$inner, f); )*)?
                $( f(stringify!($field), self.$field.view_mut().into_dyn()); )*
                $($( if let Some(t) = &mut self.$opt { f(stringify!($opt), t.view_mut().into_dyn()); } )*)?
                $($( $crate::params::visit_prefixed_mut(stringify!($pre), &mut self.$pre, f); )*)?
            }
        }
    };
}

/// Visit `inner`'s tensors as `prefix.name` (a model visiting its layers).
pub fn visit_prefixed<F>(
    prefix: &str,
    inner: &dyn Params<F>,
    f: &mut dyn FnMut(&str, ArrayViewD<'_, F>),
) {
    inner.visit(&mut |name, t| f(&format!("{prefix}.{name}"), t));
}

/// [`visit_prefixed`], mutably.
pub fn visit_prefixed_mut<F>(
    prefix: &str,
    inner: &mut dyn ParamsMut<F>,
    f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>),
) {
    inner.visit_mut(&mut |name, t| f(&format!("{prefix}.{name}"), t));
}

/// Every tensor's name, in visiting order.
pub fn names<F>(p: &(impl Params<F> + ?Sized)) -> Vec<String> {
    let mut names = Vec::new();
    p.visit(&mut |name, _| names.push(name.to_owned()));
    names
}

/// Every tensor, copied, by name in visiting order.
pub fn to_named<F: Clone>(p: &(impl Params<F> + ?Sized)) -> Vec<(String, ArrayD<F>)> {
    let mut out = Vec::new();
    p.visit(&mut |name, t| out.push((name.to_owned(), t.to_owned())));
    out
}

/// Every tensor, copied, as `prefix.name` (a model gathering its layers' gradients).
pub fn to_named_prefixed<F: Clone>(
    prefix: &str,
    p: &(impl Params<F> + ?Sized),
) -> Vec<(String, ArrayD<F>)> {
    let mut out = Vec::new();
    p.visit(&mut |name, t| out.push((format!("{prefix}.{name}"), t.to_owned())));
    out
}

/// The number of values in all tensors together (a model's parameter count).
pub fn count<F>(p: &(impl Params<F> + ?Sized)) -> usize {
    let mut n = 0;
    p.visit(&mut |_, t| n += t.len());
    n
}

/// Set every tensor to zero (a gradient sum's start, from a copy of the parameters).
pub fn zero<F: Clone + num_traits::Zero>(p: &mut (impl ParamsMut<F> + ?Sized)) {
    p.visit_mut(&mut |_, mut t| t.fill(F::zero()));
}

/// A copy of `p` with every tensor zero: the start of a gradient sum, of the
/// same kind and shapes as the parameters it is the gradient of.
pub fn zeros_like<F: Clone + num_traits::Zero, P: ParamsMut<F> + Clone>(p: &P) -> P {
    let mut z = p.clone();
    zero(&mut z);
    z
}

/// Tensors by name, owned: what a checkpoint reads, or gradients a model returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Named<F>(pub BTreeMap<String, ArrayD<F>>);

impl<F: Clone> Named<F> {
    /// A copy of every tensor of `p`.
    pub fn of(p: &(impl Params<F> + ?Sized)) -> Self {
        Named(to_named(p).into_iter().collect())
    }

    /// The tensor called `name`, or an error naming what is there.
    pub fn get(&self, name: &str) -> Result<&ArrayD<F>, String> {
        self.0.get(name).ok_or_else(|| {
            format!(
                "no tensor '{name}' (there are: {:?})",
                self.0.keys().collect::<Vec<_>>()
            )
        })
    }
}

impl<F> Params<F> for Named<F> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        for (name, t) in &self.0 {
            f(name, t.view());
        }
    }
}

impl<F> ParamsMut<F> for Named<F> {
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>)) {
        for (name, t) in &mut self.0 {
            f(name, t.view_mut());
        }
    }
}

/// Gradients listed by name, as the models return them.
impl<F> Params<F> for Vec<(String, ArrayD<F>)> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        for (name, t) in self {
            f(name, t.view());
        }
    }
}

impl<F> ParamsMut<F> for Vec<(String, ArrayD<F>)> {
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>)) {
        for (name, t) in self {
            f(name, t.view_mut());
        }
    }
}

/// Gradients listed by name, borrowed.
impl<F> Params<F> for [(String, ArrayD<F>)] {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        for (name, t) in self {
            f(name, t.view());
        }
    }
}

/// Borrowed tensors listed by name (gradients gathered from several places).
impl<F> Params<F> for Vec<(String, ArrayViewD<'_, F>)> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        for (name, t) in self {
            f(name, t.view());
        }
    }
}

/// Borrowed mutable tensors listed by name.
impl<F> Params<F> for Vec<(String, ArrayViewMutD<'_, F>)> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        for (name, t) in self {
            f(name, t.view());
        }
    }
}

impl<F> ParamsMut<F> for Vec<(String, ArrayViewMutD<'_, F>)> {
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>)) {
        for (name, t) in self {
            f(name, t.view_mut());
        }
    }
}

/// Every tensor of `inner` except those named in `skip` (for example a
/// model without its embedding, when the embedding is updated apart).
pub struct Except<'a, P: ?Sized> {
    pub inner: &'a mut P,
    pub skip: &'a [&'a str],
}

impl<F, P: ParamsMut<F> + ?Sized> Params<F> for Except<'_, P> {
    fn visit(&self, f: &mut dyn FnMut(&str, ArrayViewD<'_, F>)) {
        let skip = self.skip;
        self.inner.visit(&mut |name, t| {
            if !skip.contains(&name) {
                f(name, t)
            }
        });
    }
}

impl<F, P: ParamsMut<F> + ?Sized> ParamsMut<F> for Except<'_, P> {
    fn visit_mut(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, F>)) {
        let skip = self.skip;
        self.inner.visit_mut(&mut |name, t| {
            if !skip.contains(&name) {
                f(name, t)
            }
        });
    }
}

/// Copy every tensor of `from` into the tensor of the same name and shape in
/// `to`. Fails, naming the tensor, if a name is missing on either side or a
/// shape differs; nothing is copied then.
pub fn assign<F: Clone>(
    to: &mut (impl ParamsMut<F> + ?Sized),
    from: &(impl Params<F> + ?Sized),
) -> Result<(), String> {
    let source = Named::of(from);
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    to.visit(&mut |name, t| match source.0.get(name) {
        None => problems.push(format!("no tensor '{name}'")),
        Some(s) if s.shape() != t.shape() => problems.push(format!(
            "tensor '{name}' has shape {:?}, expected {:?}",
            s.shape(),
            t.shape()
        )),
        Some(_) => seen.push(name.to_owned()),
    });
    for name in source.0.keys() {
        if !seen.contains(name)
            && !problems.iter().any(|p| p.contains(&format!("'{name}'")))
        {
            problems.push(format!("tensor '{name}' belongs to no parameter"));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    to.visit_mut(&mut |name, mut t| t.assign(&source.0[name]));
    Ok(())
}
