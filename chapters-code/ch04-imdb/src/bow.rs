//! A baseline without recurrence: logistic regression on a bag of words.
//!
//! A review r becomes V(r), the set of the distinct words it contains that
//! are in chapter 4's vocabulary (the reserved ids for padding, the start
//! marker and unknown words left out, so words outside the vocabulary are
//! dropped): x_w = 1 if w ∈ V(r), 0 if not, however often or wherever it
//! occurs. The model is
//!
//! ```text
//! p = σ(θ · x + b) = σ(Σ_{w ∈ V(r)} θ_w + b)
//! ```
//!
//! one weight per word and a bias, trained on the mean binary cross-entropy
//! plus (λ/2)‖θ‖² by Adam; training keeps the model of the epoch with the
//! best validation accuracy. The order and the counts of the words are
//! thrown away: what a recurrent model gains over this baseline can come
//! only from them (and from the review's length and unknown words), while
//! it loses the words beyond its maxlen, which it does not read.

use ndarray::{Array1, ArrayD, IxDyn};
use numeric::Scalar;
use numeric::activation::sigmoid;

use imdb_data::vocab::FIRST_WORD;

/// θ (one weight per id of the vocabulary, the reserved ids' kept at zero)
/// and the bias b, a vector of one.
#[derive(Debug, Clone, PartialEq)]
pub struct BagOfWords<F> {
    pub theta: Array1<F>,
    pub b: Array1<F>,
}

numeric::params! { BagOfWords { theta, b } }

/// The distinct word ids of a review, sorted, markers left out.
pub fn bag(ids: &[u32]) -> Vec<u32> {
    let mut words: Vec<u32> = ids.iter().copied().filter(|&id| id >= FIRST_WORD).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The loss of a batch and its gradients, by name.
pub struct BowGrads<F> {
    pub loss: F,
    pub named: Vec<(String, ArrayD<F>)>,
}

impl<F: Scalar> BagOfWords<F> {
    /// All weights zero: the model starts at p = ½ for every review.
    pub fn new(num_words: usize) -> Self {
        BagOfWords {
            theta: Array1::zeros(num_words),
            b: Array1::zeros(1),
        }
    }

    // ANCHOR: probability
    /// z = Σ_{w ∈ bag} θ_w + b for one review's bag of words.
    pub fn logit(&self, bag: &[u32]) -> F {
        bag.iter()
            .fold(self.b[0], |z, &w| z + self.theta[w as usize])
    }

    /// p = σ(z), the probability that the review is positive.
    pub fn probability(&self, bag: &[u32]) -> F {
        sigmoid(self.logit(bag))
    }
    // ANCHOR_END: probability

    // ANCHOR: loss
    /// The mean binary cross-entropy of `bags` against `labels` (0 or 1)
    /// plus (λ/2)‖θ‖², and its gradients: ∂L/∂z_i = (p_i − y_i)/B for
    /// review i, which adds to θ_w for every word w in its bag and to b;
    /// then λθ for the penalty. The cross-entropy is computed from the
    /// logit, −[y ln p + (1 − y) ln(1 − p)] = max(z, 0) − yz + ln(1 + e^{−|z|}),
    /// which stays finite when p rounds to 0 or 1.
    pub fn loss_and_grads(
        &self,
        bags: &[impl AsRef<[u32]>],
        labels: &[F],
        lambda: F,
    ) -> BowGrads<F> {
        assert_eq!(
            bags.len(),
            labels.len(),
            "{} bags of words but {} labels",
            bags.len(),
            labels.len()
        );
        let n = F::lit(bags.len() as f64);
        let mut d_theta = Array1::<F>::zeros(self.theta.len());
        let (mut d_b, mut loss) = (F::zero(), F::zero());
        for (bag, &y) in bags.iter().zip(labels) {
            let bag = bag.as_ref();
            let z = self.logit(bag);
            let cross_entropy = z.max(F::zero()) - y * z + (-z.abs()).exp().ln_1p();
            loss += cross_entropy / n;
            let dz = (sigmoid(z) - y) / n;
            for &w in bag {
                d_theta[w as usize] += dz;
            }
            d_b += dz;
        }
        loss += F::lit(0.5) * lambda * self.theta.mapv(|t| t * t).sum();
        d_theta.scaled_add(lambda, &self.theta);
        BowGrads {
            loss,
            named: vec![
                ("theta".to_owned(), d_theta.into_dyn()),
                ("b".to_owned(), ArrayD::from_elem(IxDyn(&[1]), d_b)),
            ],
        }
    }
    // ANCHOR_END: loss

    /// The share of `bags` whose prediction (p > ½) matches its label.
    pub fn accuracy(&self, bags: &[Vec<u32>], labels: &[F]) -> f64 {
        let half = F::lit(0.5);
        let right = bags
            .iter()
            .zip(labels)
            .filter(|(bag, y)| (self.probability(bag) > half) == (**y > half))
            .count();
        right as f64 / bags.len() as f64
    }
}
