//! Resource limits for forked children: rlimits, cgroups (v1, v2, hybrid), priority and
//! identity. Knows nothing of Java.
