//! The measuring side of `kantel-bench` that tests reach: `scale` (the `minimize-scale`
//! subcommand, whole `kantel` processes on large random data beside R QCA's figures).

pub mod scale;
pub mod sweep_scale;
