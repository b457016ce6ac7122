fn main() {
    std::process::exit(imsclone::cli::main());
}
