//! The generator library: spec, check, IR, emit, format.
