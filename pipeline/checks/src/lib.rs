//! orbita-checks (being written).
