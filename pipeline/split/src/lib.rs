//! orbita-split (being written).
