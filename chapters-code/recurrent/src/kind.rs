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
