//! The `tc-codegen` command: generate, check and import specs.

fn main() {
    let spec = std::env::args().nth(1).expect("spec path");
    match tc_codegen::generate(std::path::Path::new(&spec)) {
        Ok((code, _)) => print!("{code}"),
        Err(problems) => {
            eprintln!("{problems}");
            std::process::exit(1);
        }
    }
}
