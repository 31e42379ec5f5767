//! orbita-stance (being written).
