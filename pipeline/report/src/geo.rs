//! Country reference data for the report (names, centroids from
//! `data/countries.tsv`, see `data/gen_countries.py` for their source) and
//! the tile-grid layouts of the maps.
//!
//! A tile map puts each country on one square at its centroid's place on a
//! coarse longitude/latitude grid, moving it to the nearest free square when
//! two collide, then drops empty rows and columns. It shows a region at a
//! glance without shipping borders.
//!
//! The world grid ([`world_grid`]) is the same procedure on a fixed grid of
//! 5° longitude × 4° latitude for every country of the table marked `world`
//! (the 193 UN members plus Kosovo, Taiwan, Palestine and Western Sahara),
//! placed in a fixed order (from the country whose cell is least contested
//! to the most contested, ties by id), so the grid depends only on the table
//! and is the same for every report. `world_grid_text` prints it; the
//! snapshot `world_grid` in `src/snapshots/` is the reviewed layout.
//!
//! ```ignore
//! // crate-internal
//! let tiles = layout(&["ARG", "CHL", "URY"], 0);
//! assert_eq!(tiles.len(), 3);
//! ```

use std::collections::BTreeSet;

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

/// A country of the reference table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Country {
    pub id: &'static str,
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// On the world grid (UN member, Kosovo, Taiwan, Palestine, Western Sahara).
    pub world: bool,
}

/// The reference table, in file order, parsed once. Malformed lines are
/// skipped (the unit test below guards that there are none).
pub(crate) fn countries() -> &'static [Country] {
    static TABLE: std::sync::OnceLock<Vec<Country>> = std::sync::OnceLock::new();
    TABLE.get_or_init(parse)
}

fn parse() -> Vec<Country> {
    COUNTRIES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (id, name, lat, lon, world) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
            let world = match world.trim() {
                "1" => true,
                "0" => false,
                _ => return None,
            };
            Some(Country { id, name, lat: lat.trim().parse().ok()?, lon: lon.trim().parse().ok()?, world })
        })
        .collect()
}

/// The reference row of a country id.
pub(crate) fn country(id: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.id == id)
}

/// A placed tile: grid column and row (0-based, top-left origin).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tile {
    pub id: String,
    pub col: i32,
    pub row: i32,
}

/// Places `ids` (those with a centroid; others are left out) and, as
/// context, the reference countries within `pad` cells of one of them. Returns (tiles of `ids`, context tiles).
pub(crate) fn layout(ids: &[&str], pad: i32) -> (Vec<Tile>, Vec<Tile>) {
    let table = countries();
    let wanted: BTreeSet<&str> = ids.iter().copied().collect();
    let chosen: Vec<&Country> = table.iter().filter(|c| wanted.contains(c.id)).collect();
    if chosen.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in &chosen {
        lat0 = lat0.min(c.lat);
        lat1 = lat1.max(c.lat);
        lon0 = lon0.min(c.lon);
        lon1 = lon1.max(c.lon);
    }
    // Cell size: fine for a region, coarser for the world (≤ ~30 columns).
    let cell = ((lon1 - lon0) / 30.0).max((lat1 - lat0) / 24.0).max(3.0);
    // Context: countries near at least one placed country (within `pad`
    // cells of at least 4°), so a region is recognisable but a far-away
    // data country does not pull in the whole world.
    let margin = f64::from(pad) * cell.max(4.0);
    let context: Vec<&Country> = table
        .iter()
        .filter(|c| !wanted.contains(c.id))
        .filter(|c| chosen.iter().any(|d| (c.lat - d.lat).abs() <= margin && (c.lon - d.lon).abs() <= margin))
        .collect();

    // Place data countries first so they get their own squares, then context.
    let mut taken: BTreeSet<(i32, i32)> = BTreeSet::new();
    let mut place = |c: &Country| -> Tile {
        let x = (c.lon - lon0 + margin) / cell;
        let y = (lat1 + margin - c.lat) / cell;
        let (col, row) = nearest_free(x, y, &taken);
        taken.insert((col, row));
        Tile { id: c.id.to_string(), col, row }
    };
    let data: Vec<Tile> = chosen.iter().map(|c| place(c)).collect();
    let ctx: Vec<Tile> = context.iter().map(|c| place(c)).collect();
    // Drop empty rows and columns: the map stays in geographic order but
    // oceans and empty land do not take up the page.
    let cols: Vec<i32> = data.iter().chain(&ctx).map(|t| t.col).collect::<BTreeSet<_>>().into_iter().collect();
    let rows: Vec<i32> = data.iter().chain(&ctx).map(|t| t.row).collect::<BTreeSet<_>>().into_iter().collect();
    let index = |v: &[i32], x: i32| v.binary_search(&x).unwrap_or(0) as i32;
    let shift = |v: Vec<Tile>| v.into_iter().map(|t| Tile { col: index(&cols, t.col), row: index(&rows, t.row), ..t }).collect();
    (shift(data), shift(ctx))
}

/// Cell size of the world grid: degrees of longitude, degrees of latitude
/// (5 × 4 keeps Europe and the Caribbean legible at about 53 × 28 tiles).
const WORLD_LON: f64 = 5.0;
const WORLD_LAT: f64 = 4.0;

/// The world tile grid: one tile per `world` country of the table, at its
/// centroid on a grid of [`WORLD_CELL`] degrees (equirectangular, north up),
/// then empty rows and columns dropped. Countries are placed one by one, each
/// on the free cell nearest its centroid; the order is fixed: first those
/// whose cell fewer other centroids fall into (so an isolated country keeps
/// its place and crowded regions spread around their centre), ties by id.
/// Sorted by (row, column).
pub(crate) fn world_grid() -> Vec<Tile> {
    let table: Vec<&Country> = countries().iter().filter(|c| c.world).collect();
    let pos = |c: &Country| ((c.lon + 180.0) / WORLD_LON, (90.0 - c.lat) / WORLD_LAT);
    let cell = |c: &Country| {
        let (x, y) = pos(c);
        (x.round() as i32, y.round() as i32)
    };
    let mut crowd: std::collections::BTreeMap<(i32, i32), usize> = std::collections::BTreeMap::new();
    for c in &table {
        *crowd.entry(cell(c)).or_default() += 1;
    }
    let mut order: Vec<&Country> = table.clone();
    order.sort_by_key(|c| (crowd[&cell(c)], c.id));
    let mut taken: BTreeSet<(i32, i32)> = BTreeSet::new();
    let mut tiles: Vec<Tile> = order
        .into_iter()
        .map(|c| {
            let (x, y) = pos(c);
            let (col, row) = nearest_free(x, y, &taken);
            taken.insert((col, row));
            Tile { id: c.id.to_string(), col, row }
        })
        .collect();
    let cols: Vec<i32> = tiles.iter().map(|t| t.col).collect::<BTreeSet<_>>().into_iter().collect();
    let rows: Vec<i32> = tiles.iter().map(|t| t.row).collect::<BTreeSet<_>>().into_iter().collect();
    for t in &mut tiles {
        t.col = cols.binary_search(&t.col).unwrap_or(0) as i32;
        t.row = rows.binary_search(&t.row).unwrap_or(0) as i32;
    }
    tiles.sort_by_key(|t| (t.row, t.col));
    tiles
}

/// The world grid as text, one line per row, "..." for an empty cell: the
/// reviewable form of the layout (a snapshot test keeps it).
#[cfg(test)]
pub(crate) fn world_grid_text() -> String {
    let tiles = world_grid();
    let cols = tiles.iter().map(|t| t.col).max().map_or(0, |c| c + 1);
    let rows = tiles.iter().map(|t| t.row).max().map_or(0, |r| r + 1);
    let mut grid = vec![vec!["..."; cols as usize]; rows as usize];
    for t in &tiles {
        grid[t.row as usize][t.col as usize] = t.id.as_str();
    }
    grid.iter().map(|r| r.join(" ").trim_end_matches(" ...").trim_end_matches("...").to_string() + "\n").collect()
}

/// The free grid cell nearest to the real-valued position (x, y); ties are
/// broken by row then column so the layout is deterministic.
fn nearest_free(x: f64, y: f64, taken: &BTreeSet<(i32, i32)>) -> (i32, i32) {
    let (cx, cy) = (x.round() as i32, y.round() as i32);
    for radius in 0..64_i32 {
        let mut best: Option<(f64, i32, i32)> = None;
        for dy in -radius..=radius {
            for dx in -radius..=radius {
                if dx.abs().max(dy.abs()) != radius {
                    continue;
                }
                let (col, row) = (cx + dx, cy + dy);
                if taken.contains(&(col, row)) {
                    continue;
                }
                let d = (f64::from(col) - x).powi(2) + (f64::from(row) - y).powi(2);
                let better = match best {
                    None => true,
                    Some((bd, br, bc)) => d < bd || (d == bd && (row, col) < (br, bc)),
                };
                if better {
                    best = Some((d, row, col));
                }
            }
        }
        if let Some((_, row, col)) = best {
            return (col, row);
        }
    }
    (cx, cy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_table_parses_completely_without_duplicates() {
        let rows = COUNTRIES_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        let table = countries();
        assert_eq!(table.len(), rows);
        let ids: BTreeSet<&str> = table.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), table.len());
        assert!(table.iter().all(|c| c.id.len() == 3 && c.lat.abs() <= 90.0 && c.lon.abs() <= 180.0));
        assert_eq!(country("COL").unwrap().name, "Colombia");
    }

    #[test]
    fn tiles_keep_geography_and_never_overlap() {
        let ids = ["ARG", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "GTM", "HND", "MEX", "NIC", "PAN", "PER", "PRY", "SLV", "URY", "VEN"];
        let (data, ctx) = layout(&ids, 1);
        assert_eq!(data.len(), ids.len());
        let cells: BTreeSet<(i32, i32)> = data.iter().chain(&ctx).map(|t| (t.col, t.row)).collect();
        assert_eq!(cells.len(), data.len() + ctx.len());
        let at = |id: &str| data.iter().find(|t| t.id == id).unwrap().clone();
        assert!(at("MEX").row < at("ARG").row, "north is up");
        assert!(at("CHL").col < at("BRA").col, "west is left");
        // Context: a Caribbean neighbour without data is drawn around them.
        assert!(ctx.iter().any(|t| t.id == "JAM"));
    }

    #[test]
    fn a_far_away_country_brings_only_its_own_neighbours() {
        // Regression: Russia among Latin American rows pulled all of Europe and Africa onto the map.
        let (_, ctx) = layout(&["ARG", "CHL", "RUS"], 2);
        assert!(ctx.iter().any(|t| t.id == "URY"));
        assert!(!ctx.iter().any(|t| t.id == "FRA" || t.id == "NGA"));
    }

    #[test]
    fn world_grid_layout_is_the_reviewed_one() {
        // Guards the world layout: any change to the table or the procedure shows up as a reviewable diff.
        insta::assert_snapshot!("world_grid", world_grid_text());
    }

    #[test]
    fn world_grid_has_every_un_member_and_the_four_others_once() {
        let tiles = world_grid();
        let ids: BTreeSet<&str> = tiles.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), tiles.len(), "a country placed twice");
        assert_eq!(tiles.len(), 197, "193 UN members + Kosovo, Taiwan, Palestine, Western Sahara");
        for id in ["XKX", "TWN", "PSE", "ESH", "TUV", "SSD"] {
            assert!(ids.contains(id), "{id} missing");
        }
        assert!(!ids.contains("PRI"), "Puerto Rico is regional context only");
        let cells: BTreeSet<(i32, i32)> = tiles.iter().map(|t| (t.col, t.row)).collect();
        assert_eq!(cells.len(), tiles.len(), "two tiles on one cell");
        let at = |id: &str| tiles.iter().find(|t| t.id == id).unwrap().clone();
        assert!(at("NOR").row < at("ZAF").row && at("CAN").row < at("ARG").row, "north is up");
        assert!(at("USA").col < at("FRA").col && at("FRA").col < at("CHN").col && at("CHN").col < at("NZL").col, "west is left");
        // Every member voting in the development file has a tile (membership only; votes are not read).
        let votes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/unga/votes_dev.csv");
        if let Ok(text) = std::fs::read_to_string(votes) {
            for line in text.lines().skip(1) {
                let iso3 = line.split(',').nth(2).unwrap_or("");
                if iso3.len() == 3 && iso3.chars().all(|c| c.is_ascii_uppercase()) {
                    assert!(ids.contains(iso3), "UN member {iso3} has no tile");
                }
            }
        }
    }

    #[test]
    fn unknown_ids_are_left_out() {
        let (data, ctx) = layout(&["NATO"], 1);
        assert!(data.is_empty() && ctx.is_empty());
    }
}
