//! The master's concurrent class table: lookup, insert-once, in-flight loads, statistics.
