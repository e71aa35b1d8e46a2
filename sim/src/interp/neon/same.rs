//! Placeholder for the same group (issue 3, in progress).
