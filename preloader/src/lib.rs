//! Class path entries, JDK discovery, preload lists and the preload driver.
