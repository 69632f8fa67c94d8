//! Which of the book's recurrent cells a model uses, and on which path.

/// Which cell the model uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
pub enum CellKind {
    Lstm,
    Gru,
    /// The vanilla tanh layer of section 3.1 (the model's dense layer is its
    /// output layer).
    Rnn,
    /// The same LSTM computed by the fast path of section 3.4 (packed gates,
    /// fused code, the batch split over the cores); initialised identically.
    LstmFast,
    /// The GRU by the fast path of section 3.4; initialised identically.
    GruFast,
    /// The vanilla layer by the fast path of section 3.4; initialised identically.
    RnnFast,
}

impl CellKind {
    /// Every cell, readable then fast.
    pub const ALL: [CellKind; 6] = [
        CellKind::Lstm,
        CellKind::Gru,
        CellKind::Rnn,
        CellKind::LstmFast,
        CellKind::GruFast,
        CellKind::RnnFast,
    ];

    /// The cell's name in the book's tables and figures ("LSTM", "GRU",
    /// "vanilla RNN"), the same for the readable and the fast path.
    pub fn name(self) -> &'static str {
        match self.readable() {
            CellKind::Lstm => "LSTM",
            CellKind::Gru => "GRU",
            _ => "vanilla RNN",
        }
    }

    /// The readable cell that a fast-path kind computes (itself for the readable ones).
    pub fn readable(self) -> CellKind {
        match self {
            CellKind::Lstm | CellKind::LstmFast => CellKind::Lstm,
            CellKind::Gru | CellKind::GruFast => CellKind::Gru,
            CellKind::Rnn | CellKind::RnnFast => CellKind::Rnn,
        }
    }
}

/// The cell as a person reads it in a program's output: "LSTM", "GRU",
/// "vanilla RNN", and "fast LSTM" and so on for the fast path of section 3.4.
impl std::fmt::Display for CellKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if *self == self.readable() {
            f.write_str(self.name())
        } else {
            write!(f, "fast {}", self.name())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CellKind;

    #[test]
    fn every_cell_has_a_readable_name_in_output() {
        let shown: Vec<String> = CellKind::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "LSTM",
                "GRU",
                "vanilla RNN",
                "fast LSTM",
                "fast GRU",
                "fast vanilla RNN"
            ]
        );
    }
}
