//! Shows what the labeller reads in a text: sentences, mentions and stance records.
//!
//! ```text
//! echo "Cuba is an ally of Russia." | cargo run -p orbita-stance --example stance_show -- [--date 2025-10-16] [--speaker BEN]
//! ```

#[path = "common/inputs.rs"]
mod inputs;

use orbita_stance::{DocView, Labeller};
use std::io::Read;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let date = args.iter().position(|a| a == "--date").and_then(|i| args.get(i + 1)).and_then(|d| orbita_text::Date::parse(d).ok());
    let speaker = args.iter().position(|a| a == "--speaker").and_then(|i| args.get(i + 1)).cloned();
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let labeller = inputs::rules(Path::new("."));
    let linker = inputs::linker(Path::new("."));
    let sentences = orbita_split::split(&text);
    let mentions = linker.link(&text, &sentences, date);
    let recs = labeller.label(&DocView { text: &text, sentences: &sentences, mentions: &mentions, date, speaker: speaker.as_deref() });
    for (i, s) in sentences.iter().enumerate() {
        println!("[{i}] {}", text[s.clone()].trim());
        let ms: Vec<String> = mentions
            .iter()
            .filter(|m| m.sentence == i)
            .map(|m| format!("{}={}", m.surface, m.country.clone().unwrap_or_else(|| m.entity_id.clone())))
            .collect();
        println!("    mentions: {}", ms.join(", "));
        for r in recs.iter().filter(|r| r.sentence == i) {
            println!(
                "    {}→{} {:+} conf {:.2} cue {:?} via {}{}{}{} years {:?}-{:?}",
                r.actor,
                r.target,
                r.label,
                r.confidence,
                r.cue,
                r.actor_via.as_str(),
                if r.negated { " negated" } else { "" },
                if r.hedged { " hedged" } else { "" },
                r.attributed_to.as_ref().map(|a| format!(" per {a}")).unwrap_or_default(),
                r.year_from,
                r.year_to
            );
        }
    }
}
