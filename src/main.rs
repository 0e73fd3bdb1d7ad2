//! The `phiscrub` binary: parses flags and calls the library (see `cli/`).

mod cli;

/// mimalloc: detection and the vault allocate many small strings, and with the system
/// allocator their allocations slow each other down when interleaved (measured: README,
/// "Measured speed"). A library user picks their own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
