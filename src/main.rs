//! The `newsls` binary: parse the command line, run the subcommand, map errors to exit codes.

use std::process::ExitCode;

mod cli;

use clap::Parser;
use cli::{Cli, Command, exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Annotate(args) => cli::annotate::run(args),
        Command::Lsp(_) => newsls_lsp::run_stdio().map_err(anyhow::Error::from),
        Command::Stats(args) => cli::session::stats(args),
        Command::Export(args) => cli::session::export(args),
        Command::Agree(args) => cli::agree::run(args),
        Command::Timeline(args) => cli::timeline::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(error) => {
            // A closed pipe (`newsls check … | head`) is not a failure.
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(exit::CLEAN as u8);
            }
            eprintln!("error: {error:#}");
            ExitCode::from(exit::ERROR as u8)
        }
    }
}
