//! Solution: the book's `layers::adam::Adam`, with its moments and step
//! count set to those given.

use std::collections::HashMap;

use layers::adam::{Adam, AdamConfig};
use ndarray::ArrayD;

/// See the exercise's contract in exercises/src/adam.rs.
pub fn adam_update(
    theta: &mut ArrayD<f64>,
    grad: &ArrayD<f64>,
    m: &mut ArrayD<f64>,
    v: &mut ArrayD<f64>,
    t: u64,
    config: &AdamConfig,
) {
    let name = "theta".to_owned();
    let mut adam = Adam {
        config: *config,
        step: t - 1,
        moments: HashMap::from([(name.clone(), (m.clone(), v.clone()))]),
    };
    let mut params = vec![(name.clone(), theta.clone())];
    adam.update(&mut params, &vec![(name.clone(), grad.clone())]);
    *theta = params.remove(0).1;
    (*m, *v) = adam.moments.remove(&name).expect("the moments of theta");
}
