// The files of a knowledge-base directory as the table layer reads them: every
// `.tsv`, `.csv` and `.toml` file below it but those under `tools/`, as (path
// relative to it, contents), sorted by path. Shared by the integration tests
// (tests/common), the linker's unit tests and the examples, which `include!` it.

/// The knowledge-base files under `dir`, sorted by relative path.
pub fn kb_files(dir: &std::path::Path) -> Vec<(String, String)> {
    fn collect(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if p.is_dir() {
                if rel != "tools" {
                    collect(&p, root, out);
                }
            } else if [".tsv", ".csv", ".toml"].iter().any(|x| rel.ends_with(x)) {
                out.push((rel, std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))));
            }
        }
    }
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    files
}
