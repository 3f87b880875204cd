//! Workspace-level tests, examples and benchmarks for ess.
