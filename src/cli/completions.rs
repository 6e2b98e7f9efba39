//! `dts-async completions`: shell completion scripts, generated from the one definition of the flags.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// The shells completions are made for, with the file name each is committed under in `completions/`.
pub const SHELL_FILES: [(Shell, &str); 5] = [
    (Shell::Bash, "dts-async.bash"),
    (Shell::Zsh, "_dts-async"),
    (Shell::Fish, "dts-async.fish"),
    (Shell::PowerShell, "_dts-async.ps1"),
    (Shell::Elvish, "dts-async.elv"),
];

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "dts-async", &mut out);
    out
}
