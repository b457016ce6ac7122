//! LIST output (to be written)
