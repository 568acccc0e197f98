//! kantel-stats: small-N statistics for comparing and correlating a few dozen cases.
//!
//! Pure computation, no I/O. Rank tests report exact permutation p-values wherever the
//! full null distribution can be enumerated (Mann–Whitney for all pooled sizes up to 200,
//! Kendall's τ without ties up to n = 150, Spearman's ρ up to n = 9) and otherwise seeded,
//! reproducible Monte Carlo permutation p-values; no test uses a normal approximation.
//! Formulas and references: `docs/statistics.md` in the repository.

mod adjust;
mod correlation;
mod descriptive;
mod effect;
mod error;
mod mann_whitney;
mod permutation;
mod reliability;

pub use adjust::{Correction, adjust_p_values};
pub use correlation::{
    Correlation, ENUMERATION_MAX_N, KENDALL_EXACT_MAX_N, kendall_tau_b, kendall_tau_b_permutation,
    spearman, spearman_permutation,
};
pub use descriptive::{mean, median, pearson, ranks, sd};
pub use effect::cliffs_delta;
pub use error::StatsError;
pub use mann_whitney::{
    MANN_WHITNEY_EXACT_MAX_N, MANN_WHITNEY_FALLBACK_SEED, MannWhitney, mann_whitney,
    mann_whitney_permutation,
};
pub use permutation::{DEFAULT_PERMUTATIONS, PValueMethod};
pub use reliability::{Reliability, cronbach_alpha};
