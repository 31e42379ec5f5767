//! Renders the report of a synthetic world-scale table (every country of
//! the world grid and five historical states toward six powers, 1946–2024;
//! invented, see `common/world.rs`): `cargo run --release -p orbita-report
//! --example world -- OUT_DIR` writes `OUT_DIR/report.html` and the chart
//! SVGs and prints the page's size. Used to look at the page at world scale
//! and by `make test-report`'s world check.

mod common;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: world OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    let data = common::world::world_data();
    let report = orbita_report::render(&data);
    std::fs::write(out.join("report.html"), &report.html)?;
    for (name, svg) in &report.files {
        std::fs::write(out.join(name), svg)?;
    }
    println!(
        "{}: {} rows, {} sentences -> {} bytes of HTML, {} chart files",
        out.join("report.html").display(),
        data.rows.len(),
        data.sentences.len(),
        report.html.len(),
        report.files.len()
    );
    Ok(())
}
