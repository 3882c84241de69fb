//! The `gongkai` program: the command line of `gongkai::app`.

fn main() -> std::process::ExitCode {
    gongkai::app::commands::main()
}
