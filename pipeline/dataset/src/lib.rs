//! orbita-dataset (being written).
