//! The `fair` binary: `serve` (default), `migrate`, `seed --demo`, `openapi`, `schedule`.

use fair_server::cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
